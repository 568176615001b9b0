import Foundation
import Storage
import Testing

/// Reads the Anki collections that Anki 26.9.3 wrote for the LianxiKit fixtures: the legacy
/// schema (an export with "Support older Anki versions") and the current one (schema 18).
@Suite struct AnkiCollectionTests {
    /// The fixtures live with the LianxiKit tests, which read them inside `.apkg` packages.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // StorageTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("LianxiKitTests/Fixtures/anki")

    static func collection(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    @Test(arguments: [("legacy-collection.anki2", 11), ("schema18-collection.anki2", 18)])
    func notesNoteTypesAndDecksAreRead(name: String, schemaVersion: Int) throws {
        // When
        let collection = try AnkiCollection(data: Self.collection(name))
        // Then
        #expect(collection.schemaVersion == schemaVersion)
        #expect(collection.notes.map(\.guid) == ["guid-1", "guid-2", "guid-3", "guid-4"])
        #expect(
            collection.notes.map(\.fields) == [
                ["支付", "支付", "zhi1fu4", "to pay", ""],
                ["银行", "銀行", "yín<b>háng</b>", "bank&nbsp;<br>financial institution", ""],
                [
                    "发票", "發票", "fa1piao4",
                    "invoice &amp; receipt &lt;fapiao&gt; &#20013;&#x6587;", "",
                ],
                ["<div>退款</div>", "refund[sound:tuikuan.mp3]", "tui4kuan3"],
            ])
        #expect(collection.notes.map(\.tags) == [["payments"], ["Bank", "payments"], [], []])
        let types = collection.notes.map { collection.noteTypes[$0.noteTypeID] }
        #expect(
            types.map { $0?.name } == [
                "Chinese vocabulary", "Chinese vocabulary", "Chinese vocabulary", "Cards",
            ])
        #expect(
            types.first??.fieldNames == [
                "Simplified", "Traditional", "Pinyin", "Meaning", "Sentence",
            ])
        #expect(types.last??.fieldNames == ["Front", "Back", "Extra"])
        #expect(collection.deckNames == ["Business::Payments"])
    }

    @Test func collectionInWALModeIsRead() throws {
        // A collection copied from a profile folder is in WAL mode (header bytes 18 and 19).
        var data = try Self.collection("schema18-collection.anki2")
        data[18] = 2
        data[19] = 2
        let collection = try AnkiCollection(data: data)
        #expect(collection.notes.count == 4)
    }

    @Test func bytesThatAreNotADatabase() {
        let error = #expect(throws: AnkiCollectionError.self) {
            try AnkiCollection(data: Data("hanzi,pinyin\n".utf8))
        }
        #expect(error == .notADatabase)
        #expect(
            error?.description
                == "The collection is not a SQLite database, so the package is damaged or not from"
                + " Anki.")
    }

    @Test func damagedDatabase() throws {
        // The header of a SQLite file, then nothing useful.
        var data = try Self.collection("legacy-collection.anki2").prefix(100)
        data.append(Data(repeating: 0xAB, count: 4000))
        let error = #expect(throws: AnkiCollectionError.self) {
            try AnkiCollection(data: Data(data))
        }
        #expect(error != nil)
    }

    @Test func sqliteDatabaseThatIsNotACollection() throws {
        // Only the first page of a collection: SQLite reads it, but the tables are gone.
        let data = try Self.collection("legacy-collection.anki2")
        var header = data.prefix(1024)
        // One page in all, and an empty schema.
        header.replaceSubrange(28..<32, with: [0, 0, 0, 1])
        header.replaceSubrange(100..<108, with: [0x0D, 0, 0, 0, 0, 0x04, 0, 0])
        let error = #expect(throws: AnkiCollectionError.self) {
            try AnkiCollection(data: Data(header))
        }
        #expect(error == .notACollection(missingTables: ["col", "notes"]))
    }
}
