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

    /// The legacy fixture with `table` rebuilt without column types (so SQLite keeps any value
    /// as given, as in a forged file) and `sql` run on it.
    static func forged(_ table: String, _ sql: String, fixture: String = "legacy-collection.anki2")
        throws -> Data
    {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("forged-\(UUID().uuidString).anki2")
        defer { try? FileManager.default.removeItem(at: file) }
        try collection(fixture).write(to: file)
        let columns = try #require(
            try SQLiteShell.value(
                file.path, "SELECT group_concat(name, ', ') FROM pragma_table_info('\(table)')"))
        try SQLiteShell.run(
            file.path,
            """
            CREATE TABLE copy AS SELECT * FROM \(table);
            DROP TABLE \(table);
            CREATE TABLE \(table) (\(columns));
            INSERT INTO \(table) SELECT * FROM copy;
            DROP TABLE copy;
            \(sql)
            """)
        return try Data(contentsOf: file)
    }

    /// Values Anki never writes, each of which trapped the reader (GRDB stops the process on a
    /// NULL or text read as a number) or slipped through; now each is refused, naming the table,
    /// row and column.
    @Test(arguments: [
        (
            "notes", "UPDATE notes SET id = NULL WHERE guid = 'guid-2'",
            "notes row 1: id is empty (NULL), not a whole number"
        ),
        (
            "notes", "UPDATE notes SET id = 'abc' WHERE guid = 'guid-1'",
            "notes row 4: id is the text “abc”, not a whole number"
        ),
        (
            "notes", "UPDATE notes SET id = 1e300 WHERE guid = 'guid-1'",
            "notes row 4: id is the number 1e+300, not a whole number"
        ),
        (
            "notes", "UPDATE notes SET id = -5 WHERE guid = 'guid-1'",
            "notes row 1: id is -5, not from 1"
        ),
        (
            "notes", "UPDATE notes SET mid = 'Basic' WHERE guid = 'guid-3'",
            "notes row 3: mid is the text “Basic”, not a whole number"
        ),
        (
            "notes", "UPDATE notes SET guid = 42 WHERE guid = 'guid-3'",
            "notes row 3: guid is the whole number 42, not text"
        ),
        (
            "notes", "UPDATE notes SET flds = x'00ff' WHERE guid = 'guid-3'",
            "notes row 3: flds is 2 bytes of binary data, not text"
        ),
        (
            "col", "UPDATE col SET ver = 'eleven'",
            "col row 1: ver is the text “eleven”, not a whole number"
        ),
        (
            "col", "UPDATE col SET ver = 9223372036854775807",
            "col row 1: ver is 9223372036854775807, not from 1 to 99"
        ),
        (
            "cards", "UPDATE cards SET did = NULL",
            "cards row 1: did is empty (NULL), not a whole number"
        ),
    ])
    func valuesAnkiNeverWritesAreRefused(table: String, sql: String, problem: String) throws {
        // Given a collection with one forged value
        let data = try Self.forged(table, sql)
        // When it is read
        let error = #expect(throws: AnkiCollectionError.self) {
            try AnkiCollection(data: data)
        }
        // Then the value is named
        guard case .implausible(let problems) = error else {
            Issue.record("expected implausible values, got \(String(describing: error))")
            return
        }
        #expect(problems.contains(problem), "\(problems)")
        #expect(
            error?.description.hasPrefix("The Anki collection holds values Anki never writes")
                == true)
    }

    @Test func valuesOfTheNewerSchemaAreCheckedToo() throws {
        // (Its note type and deck tables sort names with Anki's own collation, which a plain
        // SQLite connection lacks, so the forgery is in the notes.)
        let data = try Self.forged(
            "notes", "UPDATE notes SET mid = 'x' WHERE guid = 'guid-1'",
            fixture: "schema18-collection.anki2")
        let error = #expect(throws: AnkiCollectionError.self) {
            try AnkiCollection(data: data)
        }
        guard case .implausible(let problems) = error else {
            Issue.record("expected implausible values, got \(String(describing: error))")
            return
        }
        #expect(problems == ["notes row 1: mid is the text “x”, not a whole number"])
    }

    @Test func scheduleColumnsAreNotReadSoTheirValuesCannotReachTheDatabase() throws {
        // The reader takes notes, note types and deck names only: a forged review log or card
        // schedule (an interval of 1e300 days) is never read, and the notes still come in.
        let data = try Self.forged(
            "cards", "UPDATE cards SET ivl = 1e300, due = 'soon', factor = NULL")
        #expect(try AnkiCollection(data: data).notes.count == 4)
    }

    @Test func aFloodOfBadValuesIsSummarised() throws {
        let data = try Self.forged(
            "notes",
            """
            WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 30)
            INSERT INTO notes (id, guid, mid, tags, flds) SELECT 'x' || v, v, 'y', '', '' FROM n;
            """)
        let error = #expect(throws: AnkiCollectionError.self) {
            try AnkiCollection(data: data)
        }
        guard case .implausible(let problems) = error else {
            Issue.record("expected implausible values, got \(String(describing: error))")
            return
        }
        #expect(problems.count == 11)
        #expect(problems.last == "and 80 more values like these")
    }
}
