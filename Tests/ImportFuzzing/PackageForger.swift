import Foundation
import GRDB
import SpacedRepetition

/// Makes hostile Anki packages that a byte mutator rarely reaches: real collections whose rows
/// hold values of the wrong SQLite type or absurd size (tables rebuilt without column types,
/// as a forged file can be), rows removed or doubled, tables dropped, the note types' JSON
/// replaced; packed in zip archives whose entries are duplicated, truncated, mislabelled or
/// whose checksums and sizes lie.
struct PackageForger {
    /// A collection to start from, with the columns of each of its tables.
    struct Collection {
        let data: Data
        let tables: [String: [String]]
    }

    private let collections: [Collection]
    private var generator: SplitMix64
    private let scratch: URL
    /// Anki's indexes sort names with its own collation, which dropping a table needs; the
    /// file is scratch, so it is never synced to the disk.
    private static let configuration: Configuration = {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // A scratch file: nothing to keep after a crash, so no waiting for the disk.
            try db.execute(sql: "PRAGMA journal_mode = MEMORY")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            db.add(
                collation: DatabaseCollation("unicase") { lhs, rhs in
                    let (left, right) = (lhs.lowercased(), rhs.lowercased())
                    return left < right
                        ? .orderedAscending : left == right ? .orderedSame : .orderedDescending
                })
        }
        return configuration
    }()

    /// A forger of variants of `collections` (the bytes of `collection.anki2` files), drawing
    /// from `seed`, writing its work files under `folder`.
    init(collections: [Data], seed: UInt64, folder: URL) throws {
        scratch = folder.appendingPathComponent("forged-collection.sqlite")
        var read: [Collection] = []
        for data in collections {
            try data.write(to: scratch)
            let queue = try DatabaseQueue(path: scratch.path, configuration: Self.configuration)
            let tables = try queue.read { db in
                var tables: [String: [String]] = [:]
                for table in try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                {
                    tables[table] = try String.fetchAll(
                        db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                }
                return tables
            }
            try queue.close()
            read.append(Collection(data: data, tables: tables))
        }
        self.collections = read
        generator = SplitMix64(seed: seed)
    }

    /// A hostile package: a forged collection in a zip archive that may itself be forged.
    mutating func forge() throws -> Data {
        guard let collection = collections.randomElement(using: &generator) else { return Data() }
        let forged = try forgedCollection(collection)
        let name = Bool.random(using: &generator) ? "collection.anki2" : "collection.anki21"
        var entries: [StoredZip.Entry] = [StoredZip.Entry(name: name, data: forged)]
        switch Int.random(in: 0..<8, using: &generator) {
        case 0:  // the same name twice: the original first or second
            let original = StoredZip.Entry(name: name, data: collection.data)
            entries =
                Bool.random(using: &generator)
                ? [original] + entries : entries + [original]
        case 1:  // the collection truncated inside the archive
            entries[0].data = forged.prefix(Int.random(in: 0...forged.count, using: &generator))
        case 2:  // its checksum wrong
            entries[0].checksumLie = UInt32.random(in: 1...UInt32.max, using: &generator)
        case 3:  // its size wrong
            entries[0].sizeLie = [0, 1, forged.count - 1, forged.count + 1, Int(UInt32.max)]
                .randomElement(using: &generator)
        case 4:  // both names, and the media list
            entries.append(StoredZip.Entry(name: "collection.anki21b", data: forged.prefix(64)))
            entries.append(StoredZip.Entry(name: "media", data: Data("{}".utf8)))
        default:
            break
        }
        var archive = StoredZip.archive(entries)
        if Int.random(in: 0..<6, using: &generator) == 0 {  // the archive truncated
            archive = archive.prefix(Int.random(in: 0...archive.count, using: &generator))
        }
        return archive
    }

    /// `collection` with one to four forgeries applied by SQL.
    private mutating func forgedCollection(_ collection: Collection) throws -> Data {
        try? FileManager.default.removeItem(at: scratch)
        try collection.data.write(to: scratch)
        let queue = try DatabaseQueue(path: scratch.path, configuration: Self.configuration)
        var untyped: Set<String> = []
        let tables = collection.tables.keys.sorted()
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard let table = tables.randomElement(using: &generator),
                let columns = collection.tables[table], !columns.isEmpty
            else { continue }
            var statements: [String] = []
            if !untyped.contains(table) {
                // Without column types (and keys), SQLite keeps every value as it is given.
                let names = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                statements += [
                    "CREATE TABLE forged (\(names))",
                    "INSERT INTO forged SELECT \(names) FROM \(table.quotedDatabaseIdentifier)",
                    "DROP TABLE \(table.quotedDatabaseIdentifier)",
                    "ALTER TABLE forged RENAME TO \(table.quotedDatabaseIdentifier)",
                ]
                untyped.insert(table)
            }
            let quoted = table.quotedDatabaseIdentifier
            let row =
                "rowid IN (SELECT rowid FROM \(quoted) LIMIT 1 OFFSET "
                + "\(Int.random(in: 0..<6, using: &generator)))"
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                statements.append("DELETE FROM \(quoted)")
            case 1:
                statements.append("INSERT INTO \(quoted) SELECT * FROM \(quoted) WHERE \(row)")
            case 2:
                statements.append("DROP TABLE \(quoted)")
                untyped.remove(table)
            case 3 where table == "col":
                let column = Bool.random(using: &generator) ? "models" : "decks"
                let json = HostileValues.ankiJSON.randomElement(using: &generator) ?? "'{}'"
                statements.append("UPDATE col SET \(column) = \(json)")
            default:
                let column = columns.randomElement(using: &generator) ?? "id"
                let value = HostileValues.sql.randomElement(using: &generator) ?? "NULL"
                let scope = Bool.random(using: &generator) ? " WHERE \(row)" : ""
                statements.append(
                    "UPDATE \(quoted) SET \(column.quotedDatabaseIdentifier) = \(value)\(scope)")
            }
            // A forgery SQLite refuses (a table already dropped) is simply not made.
            try? queue.write { db in
                for statement in statements { try db.execute(sql: statement) }
            }
        }
        try queue.close()
        return try Data(contentsOf: scratch)
    }
}

/// Zip archives written by hand, entries stored without compression, so that every field can
/// lie: the fuzzer's packages.
enum StoredZip {
    /// One entry.
    struct Entry {
        var name: String
        var data: Data
        /// A checksum to write instead of the true one.
        var checksumLie: UInt32?
        /// A size to write instead of the true one.
        var sizeLie: Int?

        init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    /// The archive holding `entries` in order (names may repeat).
    static func archive(_ entries: [Entry]) -> Data {
        var body = Data()
        var directory = Data()
        for entry in entries {
            let offset = UInt32(truncatingIfNeeded: body.count)
            let name = Data(entry.name.utf8)
            let checksum = entry.checksumLie ?? crc32(entry.data)
            let size = UInt32(truncatingIfNeeded: entry.sizeLie ?? entry.data.count)
            var local = Data()
            local.append(le32: 0x0403_4b50)
            local.append(le16: 20)
            local.append(le16: 0)  // flags
            local.append(le16: 0)  // stored
            local.append(le16: 0)  // time
            local.append(le16: 0x21)  // 1980-01-01
            local.append(le32: checksum)
            local.append(le32: size)
            local.append(le32: size)
            local.append(le16: UInt16(truncatingIfNeeded: name.count))
            local.append(le16: 0)
            body.append(local + name + entry.data)

            directory.append(le32: 0x0201_4b50)
            directory.append(le16: 20)
            directory.append(le16: 20)
            directory.append(le16: 0)
            directory.append(le16: 0)
            directory.append(le16: 0)
            directory.append(le16: 0x21)
            directory.append(le32: checksum)
            directory.append(le32: size)
            directory.append(le32: size)
            directory.append(le16: UInt16(truncatingIfNeeded: name.count))
            directory.append(le16: 0)  // extra
            directory.append(le16: 0)  // comment
            directory.append(le16: 0)  // disk
            directory.append(le16: 0)  // internal attributes
            directory.append(le32: 0)  // external attributes
            directory.append(le32: offset)
            directory.append(name)
        }
        var end = Data()
        end.append(le32: 0x0605_4b50)
        end.append(le16: 0)
        end.append(le16: 0)
        end.append(le16: UInt16(truncatingIfNeeded: entries.count))
        end.append(le16: UInt16(truncatingIfNeeded: entries.count))
        end.append(le32: UInt32(truncatingIfNeeded: directory.count))
        end.append(le32: UInt32(truncatingIfNeeded: body.count))
        end.append(le16: 0)
        return body + directory + end
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The CRC-32 zip writes.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    fileprivate mutating func append(le32 value: UInt32) {
        append(contentsOf: (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) })
    }
}
