import Foundation
import GRDB
import Storage
import TestSupport
import Testing

/// A deck import inserts its notes many to a statement, bound through SQLite's own functions.
@Suite struct BulkInsertTests {
    static func deck(notes count: Int, emptyKeyAt broken: Int? = nil) -> DeckContent {
        DeckContent(
            metadata: DeckMetadata(slug: "bulk", title: "Bulk", source: "bulk.tsv"),
            notes: (0..<count).map { index in
                NoteContent(
                    key: index == broken ? "" : "bulk-\(index)", hanzi: "词\(index)",
                    traditional: index.isMultiple(of: 2) ? "詞\(index)" : "",
                    pinyin: "cí", english: "word \(index), with \"quotes\" and 'ticks'",
                    partOfSpeech: "noun", measureWord: index.isMultiple(of: 3) ? "个 gè" : "",
                    example: index.isMultiple(of: 4)
                        ? ExampleSentence(hanzi: "这是词。", pinyin: "Zhè shì cí.", english: "A word.")
                        : nil,
                    hskLevel: index.isMultiple(of: 5) ? .advanced : nil,
                    tags: index.isMultiple(of: 2) ? ["a", "b"] : [])
            })
    }

    @Test(arguments: [1, 99, 100, 101, 250])
    func everyNoteComesBackAsItWasWritten(count: Int) throws {
        let database = try StudyDatabase.inMemory()
        let deck = Self.deck(notes: count)
        try database.importDeck(deck, at: DeckImportTests.monday)
        #expect(try database.deck("bulk") == deck)
        #expect(try database.activeCardCount() == 3 * count)
    }

    /// Around the thousand notes of one statement, and past several of them.
    @Test(arguments: [999, 1000, 1001, 2500])
    func everyNoteOfALargeDeckComesBackAsItWasWritten(count: Int) throws {
        let database = try StudyDatabase.inMemory()
        let deck = Self.deck(notes: count)
        try database.importDeck(deck, at: DeckImportTests.monday)
        #expect(try database.deck("bulk") == deck)
        #expect(try database.activeCardCount() == 3 * count)
    }

    @Test func aRowSQLiteRefusesAfterAFullStatementLeavesNothingBehind() throws {
        let database = try StudyDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try database.importDeck(
                Self.deck(notes: 1500, emptyKeyAt: 1200), at: DeckImportTests.monday)
        }
        #expect(try database.decks().isEmpty)
        #expect(try database.activeCardCount() == 0)
    }

    /// The statement of a thousand notes, prepared before the notes are ready, is the
    /// connection's for every import after it, one that SQLite refused among them.
    @Test func aStatementPreparedAheadServesEveryImportAfterIt() throws {
        // Given
        let database = try StudyDatabase.inMemory()
        try database.prepareToImportDecks()
        // When
        #expect(throws: DatabaseError.self) {
            try database.importDeck(
                Self.deck(notes: 2500, emptyKeyAt: 1200), at: DeckImportTests.monday)
        }
        try database.importDeck(Self.deck(notes: 2500), at: DeckImportTests.monday)
        var other = Self.deck(notes: 1000)
        other.metadata.slug = "other"
        try database.importDeck(other, at: DeckImportTests.monday)
        // Then
        #expect(try database.deck("bulk") == Self.deck(notes: 2500))
        #expect(try database.deck("other") == other)
        #expect(try database.activeCardCount() == 3 * 3500)
    }

    @Test func aRowSQLiteRefusesLeavesNothingBehind() throws {
        let database = try StudyDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try database.importDeck(
                Self.deck(notes: 150, emptyKeyAt: 120), at: DeckImportTests.monday)
        }
        #expect(try database.decks().isEmpty)
        #expect(try database.activeCardCount() == 0)
        // The statements are usable again: the same deck without the bad note imports.
        try database.importDeck(Self.deck(notes: 150), at: DeckImportTests.monday)
        #expect(try database.deck("bulk") == Self.deck(notes: 150))
    }

    /// A stream of `batches`, each the next notes of `deck`, sent and finished.
    static func stream(of deck: DeckContent, in batches: [Int]) -> NoteStream {
        let stream = NoteStream(capacity: max(batches.count, 1))
        var sent = 0
        for count in batches {
            stream.send(Array(deck.notes[sent..<sent + count]))
            sent += count
        }
        stream.finish()
        return stream
    }

    /// Notes a stream binds as they are sent, in batches that fill whole statements, part of
    /// one, or several and a part, with and without rows of another batch waiting.
    @Test(arguments: [
        [1000, 1000, 500], [250, 250], [300, 700, 1, 999], [1], [2499, 1], [1000, 1000],
        [999, 2], [0, 40],
    ])
    func notesBoundByTheirStreamComeBackAsTheyWereWritten(batches: [Int]) throws {
        // Given a deck sent through a stream
        let deck = Self.deck(notes: batches.reduce(0, +))
        let stream = Self.stream(of: deck, in: batches)
        // When it is imported into a new database
        let database = try StudyDatabase.inMemory()
        _ = try database.importDeck(
            streaming: stream, slug: "bulk", at: DeckImportTests.monday
        ) { (deck, deck.contentHash) }
        // Then every note is in its place
        #expect(try database.deck("bulk") == deck)
        #expect(try database.activeCardCount() == 3 * deck.notes.count)
    }

    @Test func aStreamedRowSQLiteRefusesLeavesNothingBehind() throws {
        let deck = Self.deck(notes: 1500, emptyKeyAt: 1200)
        let database = try StudyDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            _ = try database.importDeck(
                streaming: Self.stream(of: deck, in: [1000, 500]), slug: "bulk",
                at: DeckImportTests.monday
            ) { (deck, deck.contentHash) }
        }
        #expect(try database.decks().isEmpty)
        #expect(try database.activeCardCount() == 0)
    }

    /// A deck in the database already is imported as usual, the stream's batches set aside.
    @Test func aStreamedDeckAlreadyInTheDatabaseIsUpdatedInPlace() throws {
        // Given a database with the deck, and the deck with a note changed and one more
        let database = try StudyDatabase.inMemory()
        try database.importDeck(Self.deck(notes: 1200), at: DeckImportTests.monday)
        var changed = Self.deck(notes: 1201)
        changed.notes[7].english = "changed"
        // When the changed deck comes through a stream
        let summary = try database.importDeck(
            streaming: Self.stream(of: changed, in: [1000, 201]), slug: "bulk",
            at: DeckImportTests.monday
        ) { (changed, changed.contentHash) }
        // Then the stored deck is the changed one
        #expect(summary.added == ["bulk-1200"])
        #expect(summary.changed == ["bulk-7"])
        #expect(try database.deck("bulk") == changed)
    }
}
