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
}
