import Foundation
import LianxiKit
import Storage
import TestSupport
import Testing

/// A word with two readings is two notes: notes without an id are keyed by hanzi and reading,
/// as the HSK 2010 list needs (得 dé, de, děi; 长 cháng, zhǎng; 还 hái, huán …).
@Suite struct PolyphoneImportTests {
    static let file = "hsk2010-polyphones.csv"

    @Test func eachReadingOfAPolyphoneIsANoteOfItsOwn() throws {
        let deck = try DeckReader.read(fileAt: Fixture.path(Self.file))
        #expect(deck.notes.count == 22)
        #expect(deck.notes.filter { $0.hanzi == "得" }.map(\.key) == ["得 de5", "得 de2", "得 dei3"])
        #expect(deck.notes.filter { $0.hanzi == "长" }.map(\.pinyin) == ["cháng", "zhǎng"])
        #expect(deck.notes.first { $0.hanzi == "北京" }?.key == "北京 bei3jing1")
    }

    @Test func importingTheListAgainUpdatesInPlace() throws {
        let database = try StudyDatabase.inMemory()
        let deck = try DeckReader.read(fileAt: Fixture.path(Self.file))
        let first = try database.importDeck(deck, at: .utc(2026, 11, 1))
        #expect(first.added.count == 22)
        // The same words spelled with tone numbers, spaced and capitalised otherwise get the
        // same keys.
        let respelled = try DeckReader.read(
            Data(
                "hanzi,pinyin,english,level\n得,DE2,\"to obtain, to get\",4\n北京,bei3 jing1,Beijing,1\n"
                    .utf8), file: Self.file)
        #expect(respelled.notes.map(\.key) == ["得 de2", "北京 bei3jing1"])
        let again = try database.importDeck(deck, at: .utc(2026, 11, 2))
        #expect(again.added.isEmpty)
        #expect(again.unchanged == 22)
    }

    @Test func notesKeyedByTheirHanziAloneAreTakenOverNotDuplicated() throws {
        // An older Lianxi keyed a note without an id by its hanzi alone.
        let database = try StudyDatabase.inMemory()
        let old = DeckContent(
            metadata: DeckMetadata(
                slug: "hsk2010-polyphones", title: "HSK 2010", source: Self.file),
            notes: [
                NoteContent(key: "爱", hanzi: "爱", pinyin: "ài", english: "to love"),
                NoteContent(key: "得", hanzi: "得", pinyin: "dé", english: "to obtain"),
                NoteContent(key: "长", hanzi: "长", pinyin: "cháng", english: "long"),
            ])
        try database.importDeck(old, at: .utc(2026, 11, 1))

        let deck = try DeckReader.read(fileAt: Fixture.path(Self.file))
        let summary = try database.importDeck(deck, at: .utc(2026, 11, 2))

        // 得 dé keeps the old 得 (its reading), not 得 de, the first 得 of the file.
        #expect(summary.retired.isEmpty)
        #expect(summary.added.count == 19)
        #expect(!summary.added.contains("得 de2"))
        #expect(summary.added.contains("得 de5"))
        #expect(!summary.added.contains("长 chang2"))
        // 得 and 长 now have their HSK level, 爱 its longer gloss.
        #expect(summary.changed.sorted() == ["得 de2", "爱 ai4", "长 chang2"])
        let stored = try #require(try database.deck("hsk2010-polyphones"))
        #expect(stored.notes.count == 22)
        #expect(Set(stored.notes.map(\.key)).count == 22)

        // And the next import finds every note under its new key.
        let next = try database.importDeck(deck, at: .utc(2026, 11, 3))
        #expect(next.unchanged == 22)
    }
}
