import Foundation
import LianxiKit
import Storage
import Testing

/// Issue #18: a deck with recordings imported, listening cards studied by a new associate, the
/// words played through a fake player named by `LIANXI_AUDIO_PLAYER`.
@Suite(.serialized) struct ListeningEndToEndTests {
    /// `Tests/LianxiKitTests/Fixtures/audio.apkg` (Scripts/anki_audio/generate.py).
    static let audioPackage = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LianxiKitTests/Fixtures/audio.apkg").path

    /// A fake player: copies the file to `played/` under its own name (players run side by
    /// side, so nothing may depend on which finishes first) and appends `time path` to `log`.
    static func fakePlayer(in folder: URL) throws -> String {
        let played = folder.appendingPathComponent("played")
        try FileManager.default.createDirectory(at: played, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("fake-player")
        try Data(
            """
            #!/bin/sh
            cp "$1" "\(played.path)/$(basename "$1")"
            printf '%s %s\\n' "$(date +%s.%N)" "$1" >> "\(folder.path)/log"

            """.utf8
        ).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test func aNewAssociateHearsTheRecordingsAndTypesWhatTheyHear() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let environment = [
            "LIANXI_AUDIO_PLAYER": try Self.fakePlayer(in: folder),
            "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
        ]

        let imported = try BuiltProgram.run(
            ["deck", "import", "--db", path, Self.audioPackage], input: "")
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("2 recordings"), "\(imported.output)")

        // 银行 typed in pinyin, the proposal taken; 会计 typed in hanzi, graded Easy; then stop.
        let session = try BuiltProgram.run(
            ["--db", path, "--as", "lin", "--only", "listening", "--deck", "audio", "--new", "4"],
            input: "yin2hang2\n\n会计\n4\nq\n", environment: environment)
        #expect(session.status == 0, "\(session.output)")
        #expect(session.output.contains("(listen) — type the pinyin or characters you hear"))
        #expect(session.output.contains("typed yin2hang2: correct"), "\(session.output)")
        #expect(session.output.contains("银行  yínháng  bank"))
        #expect(session.output.contains("typed 会计: correct"), "\(session.output)")
        #expect(session.output.contains("Answered 2 cards"), "\(session.output)")

        // The fake player got the recording of 银行 (the package's WAV, not speech), the word
        // of 会计, which has none (espeak-ng's speech, or one line saying it is missing), and
        // the recording of 还款, the third card, on screen when the session stopped. Speech is
        // synthesised before it plays, so with answers piped at once it may come after 还款's.
        let log = try String(
            contentsOf: folder.appendingPathComponent("log"), encoding: .utf8
        ).split(separator: "\n")
        // The players run side by side, so the log's lines may come in any order.
        let recordingLine = try #require(
            log.first { $0.hasSuffix(".wav") && $0.contains("/recording-") }, "\(log)")
        let recording = try Data(
            contentsOf: folder.appendingPathComponent("played")
                .appendingPathComponent(
                    URL(fileURLWithPath: String(recordingLine)).lastPathComponent))
        #expect(recording.starts(with: Data("RIFF".utf8)))
        let database = try StudyDatabase.open(at: path)
        let bankKey = try #require(try database.deck("audio")?.notes.first?.key)
        let bank = try #require(try database.noteId(key: bankKey, inDeck: "audio"))
        #expect(try database.recording(ofNote: bank)?.bytes == recording)
        if log.count == 3 {
            #expect(log.contains { $0.contains("/speech-") && $0.hasSuffix(".wav") })
            #expect(log.contains { $0.contains("/recording-") && $0.hasSuffix(".ogg") })
        } else {
            #expect(log.count == 2 && log.contains { $0.hasSuffix(".ogg") }, "\(log)")
            #expect(session.output.contains(SpeechSynthesizer.missingNotice))
        }

        // The answers are listening cards' (the fourth kind), and replay as stored.
        let lin = try #require(try database.associate(named: "lin"))
        let answers = try database.reviewLog(for: lin.id)
        #expect(answers.map(\.rating) == [.good, .easy])
        #expect(answers.allSatisfy { $0.cardId % 4 == 3 })
        #expect(try ReplayCheck.mismatches(in: database, for: lin).isEmpty)
    }

    @Test func listeningCardsAndPlayingAreSettingsOffByDefault() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let environment = [
            "LIANXI_AUDIO_PLAYER": try Self.fakePlayer(in: folder),
            "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
        ]
        _ = try BuiltProgram.run(["deck", "import", "--db", path, Self.audioPackage], input: "")
        _ = try BuiltProgram.run(["associate", "add", "lin", "--db", path], input: "")

        // Off: a card answered, and nothing played.
        let off = try BuiltProgram.run(
            ["--db", path, "--as", "lin", "--deck", "audio", "--new", "1"], input: "\n3\nq\n",
            environment: environment)
        #expect(off.output.contains("Answered 1 card"), "\(off.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("log").path))

        let set = try BuiltProgram.run(
            ["associate", "set", "lin", "--db", path, "--listening", "on", "--play-audio", "on"],
            input: "")
        #expect(set.status == 0)
        #expect(set.output.contains("play audio off → on, listening off → on"), "\(set.output)")
        let bad = try BuiltProgram.run(
            ["associate", "set", "lin", "--db", path, "--listening", "yes"], input: "")
        #expect(bad.status != 0)
        #expect(bad.output.contains("on") && bad.output.contains("off"), "\(bad.output)")

        // On: the next new word's card; its word plays once its answer shows (会计: speech,
        // or one line when espeak-ng is missing).
        let on = try BuiltProgram.run(
            ["--db", path, "--as", "lin", "--deck", "audio", "--new", "2"], input: "\n3\nq\n",
            environment: environment)
        #expect(on.status == 0, "\(on.output)")
        let log =
            (try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8))?
            .split(separator: "\n") ?? []
        if !on.output.contains("会计") {
            #expect(log.count == 1 && log[0].contains("/recording-"), "\(log)")
        } else if log.isEmpty {
            #expect(on.output.contains(SpeechSynthesizer.missingNotice), "\(on.output)")
        } else {
            #expect(log.count == 1 && log[0].contains("/speech-"), "\(log)")
        }
    }
}
