import Foundation
import GRDB
import TestSupport
import Testing

@testable import Storage

/// Recordings kept with their notes, within their caps; listening cards in the free kind slot.
@Suite struct AudioStorageTests {
    static let wave = Data("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8) + Data(count: 64)

    @Test(
        arguments: [
            (Data("ID3\u{4}".utf8), AudioFormat.mp3),
            (Data([0xFF, 0xFB, 0x90, 0x00]), .mp3),
            (Data("OggS\u{0}".utf8), .ogg),
            (wave, .wav),
            (Data("fLaC\u{0}".utf8), .flac),
            (Data("\u{0}\u{0}\u{0}\u{20}ftypM4A ".utf8), .m4a),
        ] as [(Data, AudioFormat)])
    func theFormatIsReadFromTheFirstBytes(bytes: Data, format: AudioFormat) throws {
        #expect(try AudioRecording(name: "x.bin", bytes: bytes).format == format)
    }

    @Test(
        arguments: [
            (Data(), AudioRecordingProblem.empty),
            (Data("hello".utf8), .notAudio),
            (Data("RIFF\u{0}\u{0}\u{0}\u{0}AVI ".utf8), .notAudio),
            (wave + Data(count: AudioRecording.maximumSize), .tooLarge(1_048_656)),
        ] as [(Data, AudioRecordingProblem)])
    func whatIsNotAPlausibleRecordingIsRefused(bytes: Data, problem: AudioRecordingProblem) {
        #expect(throws: problem) { try AudioRecording(name: "x.wav", bytes: bytes) }
    }

    static let monday = Date(timeIntervalSince1970: 1_800_000_000)

    static func deck(notes: Int, recordingSize: Int) throws -> DeckContent {
        let notes = (1...notes).map {
            NoteContent(key: "n\($0)", hanzi: "字", pinyin: "zì", english: "character \($0)")
        }
        let bytes = wave + Data(repeating: 1, count: recordingSize - wave.count)
        var recordings: [String: AudioRecording] = [:]
        for note in notes {
            recordings[note.key] = try AudioRecording(name: "\(note.key).wav", bytes: bytes)
        }
        return DeckContent(
            metadata: DeckMetadata(slug: "sounds", title: "Sounds", source: "sounds.apkg"),
            notes: notes, recordings: recordings)
    }

    @Test func recordingsAreKeptAndReplacedWithTheirNotes() throws {
        let database = try StudyDatabase.inMemory()
        let first = try Self.deck(notes: 3, recordingSize: 100)
        let summary = try database.importDeck(first, at: Self.monday)
        #expect(summary.recordings == 3)
        let note = try #require(try database.noteId(key: "n2", inDeck: "sounds"))
        #expect(try database.recording(ofNote: note) == first.recordings["n2"])

        // A new recording for n2, none for the others: n2's is replaced, theirs kept.
        var second = first
        second.recordings = [
            "n2": try AudioRecording(name: "new.wav", bytes: Self.wave + Data([9]))
        ]
        #expect(second.contentHash != first.contentHash)
        try database.importDeck(second, at: Self.monday)
        #expect(try database.recording(ofNote: note)?.name == "new.wav")
        #expect(try database.recordingCounts() == ["sounds": 3])
        // A deck without recordings keeps the fingerprint it had before recordings existed.
        var plain = first
        plain.recordings = [:]
        #expect(
            plain.contentHash
                == DeckContent(metadata: first.metadata, notes: first.notes).contentHash)
    }

    @Test func aDeckOverItsAudioCapImportsNothing() throws {
        let database = try StudyDatabase.inMemory()
        // 65 recordings of 1 MiB: one MiB over the deck's 64.
        let deck = try Self.deck(notes: 65, recordingSize: AudioRecording.maximumSize)

        #expect(throws: DeckImportError.tooMuchAudio(bytes: 65 * 1024 * 1024, deck: "sounds")) {
            try database.importDeck(deck, at: Self.monday)
        }
        #expect(try database.decks().isEmpty)
        #expect(try database.recordingCounts().isEmpty)
        #expect(
            DeckImportError.tooMuchAudio(bytes: 65 * 1024 * 1024, deck: "sounds").description
                == "sounds: its recordings come to 65 MiB, more than the 64 MiB a deck may keep;"
                + " split the deck, or leave the audio of some notes out.")
    }

    @Test func listeningCardsAreTheFourthKindAndOnlyDrawnWhenAskedFor() throws {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(try Self.deck(notes: 2, recordingSize: 100), at: Self.monday)
        let ana = try database.registerAssociate(named: "ana", timeZone: "UTC", at: Self.monday)
            .associate

        let usual = try database.newCards(for: ana.id, at: Self.monday, limit: 100)
        let listening = try database.newCards(
            for: ana.id, at: Self.monday, limit: 100,
            filter: StudyFilter(kinds: [.listening]))

        #expect(usual.map(\.kind).allSatisfy { $0 != .listening })
        #expect(usual.count == 6)
        #expect(listening.map(\.id) == [7, 11])
        #expect(listening.map(\.kind) == [.listening, .listening])
        // A listening card gets its row when first kept, as the others do.
        var suspended = CardProgress.new
        suspended.isSuspended = true
        try database.save(suspended, cardId: 7, associateId: ana.id)
        let kind = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT kind FROM card WHERE id = 7")
        }
        #expect(kind == "listening")
        #expect(try database.integrityProblems().isEmpty)
    }
}
