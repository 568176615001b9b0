import Foundation
import GRDB

/// Where a database's schema stands against the migrations this Lianxi knows.
public struct SchemaVersion: Hashable, Sendable {
    /// Migrations applied to the database.
    public let applied: Int
    /// Migrations this Lianxi knows (the newest schema it can write).
    public let latest: Int

    /// Whether the database has every migration applied.
    public var isCurrent: Bool { applied == latest }
}

extension StudyDatabase {
    /// The schema version of the database (after opening, it is always the latest).
    public func schemaVersion() throws -> SchemaVersion {
        try writer.read { db in
            SchemaVersion(
                applied: try Self.migrator.appliedIdentifiers(db).count,
                latest: Self.migrator.migrations.count)
        }
    }

    /// A fingerprint of every row of every table: equal fingerprints mean equal contents.
    ///
    /// For checking that a refused action changed nothing. Each row is hashed with FNV-1a and
    /// a table's rows are summed, so the order rows come in does not matter and the
    /// fingerprint is stable from one run to the next.
    public func contentFingerprint() throws -> String {
        try writer.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            var parts: [String] = []
            for table in tables {
                var sum: UInt64 = 0
                var count = 0
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                while let row = try rows.next() {
                    sum &+= Self.fnv1a(row.databaseValues.map(\.description))
                    count += 1
                }
                parts.append("\(table):\(count):\(String(sum, radix: 16))")
            }
            return parts.joined(separator: " ")
        }
    }

    private static func fnv1a(_ fields: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            for byte in field.utf8 + [0xff] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    /// Copies the database file beside itself before migrating it from `schemaVersion`.
    ///
    /// Uses SQLite's backup API (a consistent copy, write-ahead log included). Returns the
    /// copy's path; a copy already there is never overwritten.
    static func backUp(
        _ writer: any DatabaseWriter, path: String, schemaVersion: Int
    ) throws -> String {
        let base = "\(path).backup-v\(schemaVersion)"
        var target = base
        var attempt = 1
        while FileManager.default.fileExists(atPath: target) {
            attempt += 1
            target = "\(base)-\(attempt)"
        }
        do {
            let copy = try DatabaseQueue(path: target)
            try writer.backup(to: copy)
            try copy.close()
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: target + suffix)
            }
            throw error
        }
        return target
    }
}

extension StudyDatabase {
    /// What `PRAGMA integrity_check` finds wrong in the file: empty when it says "ok".
    ///
    /// `thorough: false` runs `PRAGMA quick_check` instead: every page, row and constraint of
    /// the file, in one pass, without looking up each row in each of its indexes (which takes
    /// more than three times as long: 4.7 s against 1.4 s of CPU on a million answers).
    public func integrityCheck(thorough: Bool = true) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db, sql: thorough ? "PRAGMA integrity_check" : "PRAGMA quick_check"
            ).filter { $0 != "ok" }
        }
    }

    /// Rows that point to a row that is not there (`PRAGMA foreign_key_check`), in plain words.
    public func foreignKeyProblems() throws -> [String] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                let table: String = row["table"] ?? "?"
                let parent: String = row["parent"] ?? "?"
                if let rowid: Int64 = row["rowid"] {
                    return "row \(rowid) of \(table) points to a \(parent) that is not there"
                }
                return "a row of \(table) points to a \(parent) that is not there"
            }
        }
    }
}

extension StudyDatabase {
    /// Every answer of the associate (oldest first) and every stored progress, read together
    /// in one transaction, so an answer stored meanwhile by another process cannot make the
    /// two disagree.
    public func reviewLogAndProgress(for associateId: Int64) throws
        -> (log: [ReviewLogEntry], progress: [Int64: CardProgress])
    {
        try writer.read { db in
            let log = try ReviewLogRecord.filter(Column("associate_id") == associateId)
                .order(Column("reviewed_at_ms"), Column("id"))
                .fetchAll(db).map(\.entry)
            let records = try CardStateRecord.filter(Column("associate_id") == associateId)
                .fetchAll(db)
            return (log, Dictionary(uniqueKeysWithValues: records.map { ($0.cardId, $0.progress) }))
        }
    }
}

extension StudyDatabase {
    /// Whether the database is in a file (opened by ``open(at:)``), where
    /// ``separateReader(pageCacheMebibytes:)`` opens another connection; in memory it returns
    /// this one.
    public var isInFile: Bool { filePath != nil }

    /// A second connection to the same file, for reading only, so that a long read (the
    /// file's integrity check, a session's new cards) runs on another core while this
    /// connection works; `self` for a database in memory, which has no other connection.
    ///
    /// The connection keeps up to `pageCacheMebibytes` of the file's pages in memory.
    public func separateReader(pageCacheMebibytes: Int = 64) throws -> StudyDatabase {
        let path = writer.path
        guard FileManager.default.fileExists(atPath: path) else { return self }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = \(-1024 * pageCacheMebibytes)")
        }
        do {
            return StudyDatabase(
                reader: try DatabaseQueue(path: path, configuration: configuration))
        } catch let error as DatabaseError {
            throw StorageError(opening: path, error)
        }
    }
}
