import Foundation
import Storage
import Testing

@testable import LianxiKit

@Suite struct AnkiPackageTests {
    /// The notes of the packages made by Anki 26.9.3 from one small collection.
    static let expectedNotes = [
        NoteContent(
            key: "guid-1", hanzi: "支付", pinyin: "zhīfù", english: "to pay", tags: ["payments"]),
        NoteContent(
            key: "guid-2", hanzi: "银行", traditional: "銀行", pinyin: "yínháng",
            english: "bank financial institution", tags: ["bank", "payments"]),
        NoteContent(
            key: "guid-3", hanzi: "发票", traditional: "發票", pinyin: "fāpiào",
            english: "invoice & receipt <fapiao> 中文"),
        NoteContent(key: "guid-4", hanzi: "退款", pinyin: "tuìkuǎn", english: "refund"),
    ]

    @Test(arguments: ["legacy.apkg", "anki2-only.apkg"])
    func legacyPackageIsRead(name: String) throws {
        // Given a package exported with "Support older Anki versions", or an Anki 2.0 one.
        let data = try Fixture.data(name)
        // When
        let deck = try DeckReader.read(data, file: "imports/\(name)")
        // Then
        #expect(deck.notes.map(\.key) == Self.expectedNotes.map(\.key))
        #expect(deck.metadata.title == "Payments")
        #expect(deck.metadata.source == name)
    }

    @Test func legacyPackageNotesAreMappedByFieldNameOrGuessed() throws {
        // The "Chinese vocabulary" notes name their fields (Simplified, Traditional, Pinyin,
        // Meaning); the fields of the "Cards" note (Front, Back, Extra) are guessed from their
        // contents.
        let deck = try DeckReader.read(Fixture.data("legacy.apkg"), file: "legacy.apkg")
        #expect(deck.notes == Self.expectedNotes)
    }

    @Test(arguments: ["modern.apkg", "anki21b-only.apkg"])
    func modernPackageAsksForALegacyExport(name: String) throws {
        let data = try Fixture.data(name)
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(data, file: name)
        }
        expectProblems(
            error,
            [
                "\(name): This package comes from Anki 23.10 or later and keeps its notes in a"
                    + " compressed form (collection.anki21b) that Lianxi cannot read. In Anki,"
                    + " choose File > Export, pick “Anki Deck Package (.apkg)”, tick “Support"
                    + " older Anki versions (slower/larger files)” and export again."
            ])
    }

    @Test func zipThatIsNotAnAnkiPackage() throws {
        let data = try Fixture.data("not-anki.apkg")
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(data, file: "not-anki.apkg")
        }
        expectProblems(
            error,
            [
                "not-anki.apkg: This zip archive holds no Anki collection (collection.anki21 or"
                    + " collection.anki2), so it is not an Anki package; it holds readme.txt,"
                    + " words.csv."
            ])
    }

    @Test func fileThatIsNotAZip() throws {
        let data = try Fixture.data("not-a-zip.apkg")
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(data, file: "not-a-zip.apkg")
        }
        expectProblems(
            error,
            [
                "not-a-zip.apkg: This file is not a zip archive, so it is not an Anki package"
                    + " (.apkg). In Anki, choose File > Export, pick “Anki Deck Package (.apkg)”,"
                    + " tick “Support older Anki versions (slower/larger files)” and export again."
            ])
    }

    @Test func fieldMappingOptionNamesAnkiFields() throws {
        let options = DeckReadOptions(
            columns: try ColumnMapping(parsing: "hanzi=Traditional,pinyin=Pinyin,english=Meaning"))
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(Fixture.data("legacy.apkg"), file: "legacy.apkg", options: options)
        }
        // The "Cards" note type has none of those fields.
        expectProblems(
            error,
            [
                "legacy.apkg: The note type “Cards” has no field named “Meaning”, “Pinyin”,"
                    + " “Traditional”; its fields are Front, Back, Extra."
            ])
    }

    @Test func noteTypeWithoutPinyinIsReported() {
        // Given a Basic note type holding hanzi and English only.
        let collection = AnkiCollection(
            schemaVersion: 11,
            noteTypes: [7: .init(id: 7, name: "Basic", fieldNames: ["Front", "Back"])],
            notes: [
                .init(id: 1, guid: "a", noteTypeID: 7, fields: ["支付", "to pay"], tags: []),
                .init(id: 2, guid: "b", noteTypeID: 7, fields: ["银行", "bank"], tags: []),
            ],
            deckNames: ["Default"])
        // When
        let error = #expect(throws: DeckProblems.self) {
            try AnkiPackage.deck(from: collection, file: "a.apkg", options: DeckReadOptions())
        }
        // Then
        expectProblems(
            error,
            [
                "a.apkg: The note type “Basic” (2 notes; fields Front, Back) has no field for the"
                    + " pinyin: none is named pinyin and none holds pinyin with tones. Name the"
                    + " field in Anki, or give a column mapping such as"
                    + " hanzi=Front,pinyin=Reading,english=Back."
            ])
    }

    @Test func problemsInNotesNameTheNote() {
        let collection = AnkiCollection(
            schemaVersion: 18,
            noteTypes: [
                7: .init(id: 7, name: "Chinese", fieldNames: ["Hanzi", "Pinyin", "Meaning"])
            ],
            notes: [
                .init(
                    id: 1, guid: "a", noteTypeID: 7, fields: ["支付", "zhi1fu4", "to pay"], tags: []),
                .init(id: 2, guid: "b", noteTypeID: 7, fields: ["支付", "zhifuu", ""], tags: []),
            ],
            deckNames: [])
        let error = #expect(throws: DeckProblems.self) {
            try AnkiPackage.deck(from: collection, file: "a.apkg", options: DeckReadOptions())
        }
        expectProblems(
            error,
            [
                "a.apkg: note 2: The pinyin “zhifuu” is not pinyin: “fuu” at position 3 is not a"
                    + " pinyin syllable. Write it with tone marks (zhīfù) or tone numbers"
                    + " (zhi1fu4).",
                // The reading is not pinyin, so the two notes cannot be told to be one word.
                "a.apkg: note 2: The English is missing.",
            ])
    }
}
