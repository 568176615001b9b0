import Foundation
import GRDB

/// The notes of an Anki collection, the SQLite database inside an `.apkg` package, read-only.
///
/// Reads both schemas Anki writes: the legacy one (schema 11, note types as JSON in
/// `col.models`), which "Support older Anki versions" exports hold, and the newer one
/// (schema 15 and later, `notetypes` and `fields` tables).
public struct AnkiCollection: Hashable, Sendable {
    /// A note type: its name and the names of its fields, in field order.
    public struct NoteType: Hashable, Sendable {
        /// Anki's id of the note type.
        public let id: Int64
        /// The note type's name: `Basic`, `Chinese vocabulary`.
        public let name: String
        /// The field names, in the order the notes' values come.
        public let fieldNames: [String]

        /// Creates a note type.
        public init(id: Int64, name: String, fieldNames: [String]) {
            self.id = id
            self.name = name
            self.fieldNames = fieldNames
        }
    }

    /// One note: its guid, note type, field values (as Anki stores them, HTML and all) and tags.
    public struct Note: Hashable, Sendable {
        /// Anki's id of the note (its creation time in milliseconds).
        public let id: Int64
        /// Anki's globally unique id of the note, kept across exports.
        public let guid: String
        /// The id of the note's type.
        public let noteTypeID: Int64
        /// The field values, in the note type's field order.
        public let fields: [String]
        /// The note's tags, as written in Anki.
        public let tags: [String]

        /// Creates a note.
        public init(id: Int64, guid: String, noteTypeID: Int64, fields: [String], tags: [String]) {
            self.id = id
            self.guid = guid
            self.noteTypeID = noteTypeID
            self.fields = fields
            self.tags = tags
        }
    }

    /// The collection's schema version (`col.ver`): 11 for legacy exports, 18 for Anki 23+.
    public let schemaVersion: Int
    /// The note types, by id.
    public let noteTypes: [Int64: NoteType]
    /// The notes, oldest first.
    public let notes: [Note]
    /// The names of the decks that hold cards, levels joined by `::`, fullest deck first.
    public let deckNames: [String]

    /// Reads the collection stored in `data`, the bytes of `collection.anki21` or
    /// `collection.anki2`.
    ///
    /// SQLite needs a file, so the bytes go to a temporary file that is deleted before
    /// returning.
    public init(data: Data) throws(AnkiCollectionError) {
        guard data.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw .notADatabase
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-anki-\(UUID().uuidString).sqlite")
        do {
            try data.write(to: file)
        } catch {
            throw .cannotWriteTemporaryFile(file.path, reason: error.localizedDescription)
        }
        defer { Self.removeCopy(at: file) }
        self = try AnkiCollection(privateCopyAt: file)
    }

    /// Reads the collection in the file at `url`, a private copy this reader may change (the
    /// caller deletes it, with ``removeCopy(at:)``); memory holds the notes, never the file.
    public init(privateCopyAt url: URL) throws(AnkiCollectionError) {
        let header = Array("SQLite format 3\0".utf8)
        do {
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            let start = try handle.read(upToCount: header.count) ?? Data()
            guard start.starts(with: header) else { throw AnkiCollectionError.notADatabase }
            // A collection copied out of a profile folder is in WAL mode, which cannot be
            // opened read-only without its side files; bytes 18 and 19 of the header switch it
            // back to a rollback journal. Only our private copy changes.
            try handle.seek(toOffset: 18)
            try handle.write(contentsOf: [1, 1])
        } catch let error as AnkiCollectionError {
            throw error
        } catch {
            throw .cannotWriteTemporaryFile(url.path, reason: error.localizedDescription)
        }
        self = try Self.read(url.path)
    }

    /// Deletes a private copy read by ``init(privateCopyAt:)`` and any side file SQLite left.
    public static func removeCopy(at url: URL) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: url.path + suffix)
        }
    }

    /// Creates a collection from its parts, as a test or another source would.
    public init(
        schemaVersion: Int, noteTypes: [Int64: NoteType], notes: [Note], deckNames: [String]
    ) {
        self.schemaVersion = schemaVersion
        self.noteTypes = noteTypes
        self.notes = notes
        self.deckNames = deckNames
    }

    private static func read(_ path: String) throws(AnkiCollectionError) -> AnkiCollection {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in
            // Anki's tables sort names with its own case-insensitive collation.
            db.add(
                collation: DatabaseCollation("unicase") { lhs, rhs in
                    lhs.lowercased() < rhs.lowercased()
                        ? .orderedAscending
                        : lhs.lowercased() == rhs.lowercased() ? .orderedSame : .orderedDescending
                })
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try readCollection(from: db) }
        } catch let error as AnkiCollectionError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notADatabase
        } catch let error as DatabaseError {
            throw .unreadable(error.message ?? "\(error.resultCode)")
        } catch {
            throw .unreadable("\(error)")
        }
    }

    private static func readCollection(from db: Database) throws -> AnkiCollection {
        let tables = Set(
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        let missing = ["col", "notes"].filter { !tables.contains($0) }
        guard missing.isEmpty else {
            throw AnkiCollectionError.notACollection(missingTables: missing)
        }
        var values = AnkiValues()
        let versionRow = try Row.fetchOne(db, sql: "SELECT ver FROM col")
        let schemaVersion = versionRow.flatMap {
            values.integer(
                "ver", of: $0, table: "col", index: 0, in: Plausibility.ankiSchemaVersions)
        }
        let hasTables = tables.isSuperset(of: ["notetypes", "fields"])
        let noteTypes =
            try hasTables ? noteTypesFromTables(db, values: &values) : noteTypesFromJSON(db)
        var notes: [Note] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
        var index = 0
        while let row = try rows.next() {
            defer { index += 1 }
            let id = values.id("id", of: row, table: "notes", index: index)
            let guid = values.text("guid", of: row, table: "notes", index: index)
            let noteType = values.id("mid", of: row, table: "notes", index: index)
            let tags = values.text("tags", of: row, table: "notes", index: index)
            let fields = values.text("flds", of: row, table: "notes", index: index)
            guard let id, let guid, let noteType, let tags, let fields else { continue }
            notes.append(
                Note(
                    id: id, guid: guid, noteTypeID: noteType,
                    fields: fields.split(separator: "\u{1F}", omittingEmptySubsequences: false)
                        .map(String.init),
                    tags: tags.split(separator: " ").map(String.init)))
        }
        let names =
            try tables.contains("decks")
            ? deckNamesFromTable(db, values: &values) : deckNamesFromJSON(db)
        var deckNames: [String] = []
        if tables.contains("cards") {
            let used = try Row.fetchAll(
                db, sql: "SELECT did FROM cards GROUP BY did ORDER BY count(*) DESC, did")
            deckNames = used.enumerated().compactMap { index, row in
                values.id("did", of: row, table: "cards", index: index).flatMap { names[$0] }
            }
        }
        guard values.isEmpty else { throw AnkiCollectionError.implausible(values.summary) }
        return AnkiCollection(
            schemaVersion: Int(schemaVersion ?? 0), noteTypes: noteTypes, notes: notes,
            deckNames: deckNames)
    }

    private static func noteTypesFromTables(_ db: Database, values: inout AnkiValues) throws
        -> [Int64: NoteType]
    {
        var names: [Int64: String] = [:]
        for (index, row) in try Row.fetchAll(db, sql: "SELECT id, name FROM notetypes")
            .enumerated()
        {
            let id = values.id("id", of: row, table: "notetypes", index: index)
            let name = values.text("name", of: row, table: "notetypes", index: index)
            if let id, let name, names[id] == nil { names[id] = name }
        }
        var fields: [Int64: [String]] = [:]
        for (index, row) in try Row.fetchAll(
            db, sql: "SELECT ntid, name FROM fields ORDER BY ntid, ord"
        ).enumerated() {
            let noteType = values.id("ntid", of: row, table: "fields", index: index)
            let name = values.text("name", of: row, table: "fields", index: index)
            if let noteType, let name { fields[noteType, default: []].append(name) }
        }
        return Dictionary(
            uniqueKeysWithValues: names.map { id, name in
                (id, NoteType(id: id, name: name, fieldNames: fields[id] ?? []))
            })
    }

    private struct LegacyNoteType: Decodable {
        struct Field: Decodable {
            let name: String
            let ord: Int?
        }
        let name: String
        let flds: [Field]
    }

    private struct LegacyDeck: Decodable {
        let name: String
    }

    private static func noteTypesFromJSON(_ db: Database) throws -> [Int64: NoteType] {
        let json = try String.fetchOne(db, sql: "SELECT models FROM col") ?? "{}"
        let models = try decodeJSON([String: LegacyNoteType].self, json, what: "note types")
        var noteTypes: [Int64: NoteType] = [:]
        for (key, model) in models {
            guard let id = Int64(key) else { continue }
            let ordered = model.flds.enumerated().sorted { ($0.1.ord ?? $0.0) < ($1.1.ord ?? $1.0) }
            noteTypes[id] = NoteType(id: id, name: model.name, fieldNames: ordered.map(\.1.name))
        }
        return noteTypes
    }

    private static func deckNamesFromTable(_ db: Database, values: inout AnkiValues) throws
        -> [Int64: String]
    {
        var names: [Int64: String] = [:]
        for (index, row) in try Row.fetchAll(db, sql: "SELECT id, name FROM decks").enumerated() {
            let id = values.id("id", of: row, table: "decks", index: index)
            let name = values.text("name", of: row, table: "decks", index: index)
            if let id, let name, names[id] == nil {
                names[id] = name.replacingOccurrences(of: "\u{1F}", with: "::")
            }
        }
        return names
    }

    private static func deckNamesFromJSON(_ db: Database) throws -> [Int64: String] {
        let json = try String.fetchOne(db, sql: "SELECT decks FROM col") ?? "{}"
        let decks = try decodeJSON([String: LegacyDeck].self, json, what: "decks")
        var names: [Int64: String] = [:]
        for (key, deck) in decks {
            if let id = Int64(key) { names[id] = deck.name }
        }
        return names
    }

    private static func decodeJSON<Value: Decodable>(
        _ type: Value.Type, _ json: String, what: String
    ) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(json.utf8))
        } catch {
            throw AnkiCollectionError.unreadable("its \(what) are not in the JSON Anki writes")
        }
    }
}

/// Why an Anki collection could not be read, for the person at the keyboard.
public enum AnkiCollectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes are not a SQLite database.
    case notADatabase
    /// A SQLite database, but without the tables every Anki collection has.
    case notACollection(missingTables: [String])
    /// SQLite or the collection's JSON failed; the reason says how.
    case unreadable(String)
    /// Values of types or sizes Anki never writes (an id that is text, NULL or negative), each
    /// naming its table, row and column.
    case implausible([String])
    /// The temporary copy SQLite needs could not be written.
    case cannotWriteTemporaryFile(String, reason: String)

    /// The message for the person at the keyboard.
    public var description: String {
        switch self {
        case .notADatabase:
            "The collection is not a SQLite database, so the package is damaged or not from Anki."
        case .notACollection(let missing):
            "The database is not an Anki collection: it has no \(missing.joined(separator: " or "))"
                + " table."
        case .unreadable(let reason):
            "The Anki collection could not be read: \(reason)."
        case .implausible(let problems):
            "The Anki collection holds values Anki never writes, so it is damaged or forged: "
                + problems.joined(separator: "; ") + "."
        case .cannotWriteTemporaryFile(let path, let reason):
            "The collection could not be copied to \(path) to read it: \(reason). Check that the"
                + " temporary folder (TMPDIR) exists and has free space."
        }
    }
}
