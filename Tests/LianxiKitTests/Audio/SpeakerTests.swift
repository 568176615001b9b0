import Foundation
import Storage
import Testing

@testable import LianxiKit

/// Recordings from an Anki package, kept in the database and played through a fake player;
/// speech for the notes without one; players found on a `PATH` built for the test.
@Suite struct SpeakerTests {
    /// The audio package (`Scripts/anki_audio/generate.py`) imported into a new database.
    static func importedAudioDeck() throws -> (StudyDatabase, DeckContent) {
        let deck = try DeckReader.read(Fixture.data("audio.apkg"), file: "audio.apkg")
        let database = try StudyDatabase.inMemory()
        try database.importDeck(deck, at: Date(timeIntervalSince1970: 1_800_000_000))
        return (database, deck)
    }

    static func noteId(_ hanzi: String, in deck: DeckContent, _ database: StudyDatabase) throws
        -> Int64
    {
        let key = try #require(deck.notes.first { $0.hanzi == hanzi }?.key)
        return try #require(try database.noteId(key: key, inDeck: deck.metadata.slug))
    }

    @Test func aPackagesRecordingsComeWithTheirNotes() throws {
        let (database, deck) = try Self.importedAudioDeck()

        #expect(deck.notes.map(\.hanzi) == ["银行", "会计", "还款", "贸易"])
        let firstKey = try #require(deck.notes.first?.key)
        let bank = try #require(deck.recordings[firstKey])
        #expect(bank.name == "yinhang.wav")
        #expect(bank.format == .wav)
        let repay = try #require(deck.recordings[deck.notes[2].key])
        #expect(repay.name == "huankuan.ogg")
        #expect(repay.format == .ogg)
        #expect(deck.recordings.count == 2)
        // Kept in the database, byte for byte; the notes without one have none.
        let stored = try database.recording(ofNote: Self.noteId("银行", in: deck, database))
        #expect(stored?.bytes == bank.bytes)
        #expect(try database.recording(ofNote: Self.noteId("会计", in: deck, database)) == nil)
        #expect(try database.recordingCounts() == ["audio": 2])
    }

    @Test func theRecordingIsPlayedNotSpeech() throws {
        let folder = try AudioFolder()
        defer { folder.remove() }
        let (database, deck) = try Self.importedAudioDeck()
        let speaker = Speaker(
            players: [try folder.fakePlayer()], synthesizer: nil, cacheFolder: folder.cache,
            database: database)

        speaker.play(noteId: try Self.noteId("银行", in: deck, database), pinyin: "yínháng")
        speaker.waitUntilSilent()
        speaker.play(noteId: try Self.noteId("还款", in: deck, database), pinyin: "huánkuǎn")
        speaker.waitUntilSilent()

        let log = folder.log
        #expect(log.count == 2)
        #expect(log.first?.path.hasSuffix(".wav") == true)
        #expect(log.last?.path.hasSuffix(".ogg") == true)
        #expect(log.allSatisfy { $0.path.contains("/recording-") })
        #expect(log.count == 2 && log[0].time <= log[1].time)
        #expect(try folder.played(0) == deck.recordings[deck.notes[0].key]?.bytes)
        #expect(try folder.played(1) == deck.recordings[deck.notes[2].key]?.bytes)
        #expect(speaker.takeNotices().isEmpty)
    }

    @Test func withoutEspeakAWordWithoutRecordingIsSilentAndSaysSoOnce() throws {
        let folder = try AudioFolder()
        defer { folder.remove() }
        let (database, deck) = try Self.importedAudioDeck()
        let speaker = Speaker(
            players: [try folder.fakePlayer()], synthesizer: nil, cacheFolder: folder.cache,
            database: database)

        speaker.play(noteId: try Self.noteId("会计", in: deck, database), pinyin: "kuàijì")
        speaker.play(noteId: try Self.noteId("贸易", in: deck, database), pinyin: "màoyì")
        speaker.waitUntilSilent()

        #expect(folder.log.isEmpty)
        #expect(speaker.takeNotices() == [SpeechSynthesizer.missingNotice])
        #expect(speaker.takeNotices().isEmpty)
    }

    @Test func withoutAPlayerOrASoundDeviceTheSessionIsToldOnce() throws {
        let folder = try AudioFolder()
        defer { folder.remove() }
        let (database, deck) = try Self.importedAudioDeck()
        let bank = try Self.noteId("银行", in: deck, database)

        let silent = Speaker(
            players: [], synthesizer: nil, cacheFolder: folder.cache, database: database)
        silent.play(noteId: bank, pinyin: "yínháng")
        silent.play(noteId: bank, pinyin: "yínháng")
        #expect(silent.takeNotices().count == 1)
        #expect(silent.startNotice?.hasPrefix("No audio player found") == true)
        // Said before the session, it is not said again.
        let announced = Speaker(
            players: [], synthesizer: nil, cacheFolder: folder.cache, database: database)
        #expect(announced.takeStartNotice() == silent.startNotice)
        announced.play(noteId: bank, pinyin: "yínháng")
        #expect(announced.takeNotices().isEmpty)

        // A player that exits with an error, as aplay does without a sound card.
        let failing = Speaker(
            players: [try folder.fakePlayer(exitStatus: 1)], synthesizer: nil,
            cacheFolder: folder.cache, database: database)
        failing.play(noteId: bank, pinyin: "yínháng")
        failing.waitUntilSilent()
        failing.play(noteId: bank, pinyin: "yínháng")
        failing.waitUntilSilent()
        #expect(
            failing.takeNotices() == [
                "fake-player could not play the word (exit status 1): no sound device? The session"
                    + " goes on without sound."
            ])
        #expect(folder.log.count == 2)
    }

    @Test func aPlayerThatCannotPlayTheFormatIsPassedOver() throws {
        let folder = try AudioFolder()
        defer { folder.remove() }
        let (database, deck) = try Self.importedAudioDeck()
        let fake = try folder.fakePlayer()
        let waveOnly = AudioPlayer(
            name: "aplay", executable: fake.executable, arguments: [], formats: [.wav])
        let speaker = Speaker(
            players: [waveOnly], synthesizer: nil, cacheFolder: folder.cache, database: database)

        speaker.play(noteId: try Self.noteId("还款", in: deck, database), pinyin: "huánkuǎn")
        speaker.waitUntilSilent()

        #expect(folder.log.isEmpty)
        #expect(
            speaker.takeNotices() == [
                "aplay cannot play ogg recordings; install ffmpeg (ffplay) to hear them."
            ])
    }

    // MARK: - Players

    @Test func playersAreFoundOnThePathInTheirOrder() throws {
        let folder = try AudioFolder()
        defer { folder.remove() }
        for name in ["ffplay", "aplay", "afplay"] { try folder.script(name, "exit 0") }
        // Not executable: not a player.
        try Data("#!/bin/sh\n".utf8).write(to: folder.url.appendingPathComponent("bin/paplay"))
        let path = folder.url.appendingPathComponent("bin").path

        let linux = AudioPlayer.installed(environment: ["PATH": path], isMacOS: false)
        let mac = AudioPlayer.installed(environment: ["PATH": path], isMacOS: true)
        let none = AudioPlayer.installed(
            environment: ["PATH": folder.url.path + ":/nonexistent"], isMacOS: false)
        let overridden = AudioPlayer.installed(
            environment: ["PATH": path, AudioPlayer.overrideVariable: "aplay"], isMacOS: false)
        let missingOverride = AudioPlayer.installed(
            environment: ["PATH": path, AudioPlayer.overrideVariable: "/no/such/player"],
            isMacOS: false)

        #expect(linux.map(\.name) == ["aplay", "ffplay"])
        #expect(linux.first?.executable == "\(path)/aplay")
        #expect(linux.first?.arguments == ["-q"])
        #expect(mac.map(\.name) == ["aplay", "ffplay", "afplay"])
        #expect(none.isEmpty)
        #expect(overridden.map(\.executable) == ["\(path)/aplay"])
        #expect(overridden.first?.formats == nil)
        #expect(missingOverride.isEmpty)
    }

    @Test func thePlayersOfThisMachineAreFoundAsItHasThem() {
        let environment = ProcessInfo.processInfo.environment.filter {
            $0.key != AudioPlayer.overrideVariable
        }
        let found = AudioPlayer.installed(environment: environment, isMacOS: AudioPlayer.isMacOS)
        let expected = AudioPlayer.candidates.map(\.name).filter { name in
            (name != "afplay" || AudioPlayer.isMacOS) && installedProgram(name) != nil
        }
        #expect(found.map(\.name) == expected)
    }
}
