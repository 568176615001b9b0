import Foundation
import GRDB

/// The study database: one SQLite file holding associates, decks, cards and every review.
///
/// Every method that writes is one transaction, so a user action is either fully stored or not
/// at all. The file uses WAL mode and waits for other processes instead of failing with
/// "database is locked".
public struct StudyDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The file's path, for a database opened by ``open(at:)`` (`nil` in memory, or for a
    /// connection that only reads): the answer journal lives beside it (``AnswerJournal``).
    let filePath: String?
    /// The copy of the file written before migrating it to a newer schema, if this opening
    /// migrated an existing database (see ``open(at:)``).
    public private(set) var migrationBackup: String?

    /// Opens the database at `path`, creating it and its folder if needed, and migrates it.
    ///
    /// Before a migration changes a database that already has a schema, a copy of the file is
    /// written beside it (``migrationBackup``). Answers a session left in its journal
    /// (``AnswerJournal``: killed, or the power cut) are stored before anything else.
    public static func open(at path: String) throws -> StudyDatabase {
        try open(at: path, migrator: migrator)
    }

    /// Opens the database at `path` with the schema history `migrator` (tests add migrations).
    static func open(at path: String, migrator: DatabaseMigrator) throws -> StudyDatabase {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError.cannotCreateFolder(
                folder, reason: Self.whyNoFolder(folder, error: error))
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL lets a report read while someone studies; FULL makes every commit survive a
            // power cut, not only a crash. (GRDB's own WAL set-up writes to the file on every
            // open, which would change a file we are about to refuse.)
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if try Int.fetchOne(db, sql: "PRAGMA page_count") == 0 {
                // A new, empty file: the switch to WAL writes its first page, which holds no
                // row. Through a rollback journal that costs four syncs (the journal twice,
                // its folder, the file); without one, one (the file). Should the write tear,
                // what the page holds beyond its first 108 bytes is zeros anyway, and a file
                // the write never reached is empty, made again by the next open.
                try db.execute(sql: "PRAGMA journal_mode = OFF")
            }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // Up to 64 MiB of pages in memory (SQLite's default is 2 MiB): a session on a large
            // collection reads its due cards in due order, which would evict and re-read the
            // same pages tens of thousands of times.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StorageError(opening: path, error)
        }
        return try StudyDatabase(writer: queue, path: path, migrator: migrator)
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> StudyDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try StudyDatabase(
            writer: DatabaseQueue(configuration: configuration), path: nil, migrator: migrator)
    }

    /// A connection that only reads (``separateReader()``): no migration.
    init(reader: DatabaseQueue) {
        writer = reader
        filePath = nil
    }

    init(writer: any DatabaseWriter, path: String?, migrator: DatabaseMigrator) throws {
        self.writer = writer
        filePath = path
        do {
            let known = Set(migrator.migrations)
            let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
            if !applied.isSubset(of: known) {
                throw StorageError.newerSchema(path ?? "the database")
            }
            if let path, !applied.isEmpty, applied != known {
                migrationBackup = try Self.backUp(writer, path: path, schemaVersion: applied.count)
            }
            if applied.isEmpty {
                try Self.createNewSchema(in: writer, migrator: migrator)
            }
            try migrator.migrate(writer)
            // Answers a session made durable in its journal and did not store (killed, or the
            // machine lost power): stored now, before anyone reads or writes.
            do {
                try AnswerJournal.recover(into: self)
            } catch let error as DatabaseError {
                // Its answers do not fit (an associate or cards not here; nothing was stored:
                // one transaction): the journal of a database since replaced by another file.
                guard error.resultCode == .SQLITE_CONSTRAINT else { throw error }
                throw StorageError.journalOfAnotherDatabase(
                    AnswerJournal.path(besideDatabase: path ?? ""))
            }
        } catch let error as DatabaseError {
            throw StorageError(opening: path ?? "the database", error)
        }
    }

    /// Keeps at most `mebibytes` of the file's pages in memory on this connection, instead of
    /// the 64 MiB that ``open(at:)`` allows (for commands that read most of a large file).
    ///
    /// A study session reads its due cards and new-card candidates once, in index order, then
    /// a few pages per answer: a small cache costs it nothing, and keeps the pages that the
    /// session's summary reads once (every answer's time, for the streak) from growing the
    /// process by tens of MiB.
    public func limitPageCache(toMebibytes mebibytes: Int) throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = \(-1024 * mebibytes)")
        }
    }

    /// The names of the migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: an empty list when all is well.
    public func integrityProblems() throws -> [String] {
        try writer.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                .filter { $0 != "ok" }
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map {
                "row \($0["rowid"] as Int64? ?? 0) of \($0["table"] as String? ?? "?") "
                    + "points to a missing \($0["parent"] as String? ?? "?")"
            }
            return integrity + foreignKeys
        }
    }
}

/// What went wrong with the database, written for the person at the keyboard.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// The folder for the database could not be created.
    case cannotCreateFolder(String, reason: String)
    /// The file exists but is not a SQLite database.
    case notADatabase(String)
    /// The file was written by a newer version of Lianxi.
    case newerSchema(String)
    /// The file cannot be written.
    case readOnly(String)
    /// The disk is full.
    case diskFull(String)
    /// The file is a database, but damaged.
    case damaged(String)
    /// The answer journal beside the database (a session that did not finish) holds answers
    /// that break the database's constraints (an associate or cards it does not have): another
    /// file was put in its place.
    case journalOfAnotherDatabase(String)
    /// Another SQLite problem.
    case other(String, message: String)

    init(opening path: String, _ error: DatabaseError) {
        switch error.resultCode {
        case .SQLITE_NOTADB: self = .notADatabase(path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: self = .readOnly(path)
        case .SQLITE_FULL: self = .diskFull(path)
        case .SQLITE_CORRUPT: self = .damaged(path)
        case .SQLITE_IOERR where Self.hasNoFreeSpace(near: path): self = .diskFull(path)
        default: self = .other(path, message: error.message ?? "\(error.resultCode)")
        }
    }

    /// The message for the person at the keyboard.
    public var description: String {
        switch self {
        case .cannotCreateFolder(let folder, let reason):
            "Cannot create the folder \(folder) for the database: \(reason). "
                + "Choose another place with --db PATH or LIANXI_DB."
        case .notADatabase(let path):
            "\(path) is not a Lianxi database (it is not an SQLite file). "
                + "Point --db at the right file, or move this one away to start afresh."
        case .newerSchema(let path):
            "\(path) was written by a newer version of Lianxi. Update Lianxi to open it; "
                + "nothing was changed."
        case .readOnly(let path):
            "Cannot write to \(path). Check the file's permissions, or use --db PATH."
        case .diskFull(let path):
            "The disk holding \(path) is full. Free some space and try again; "
                + "nothing was lost."
        case .damaged(let path):
            "\(path) is damaged (SQLite finds its pages malformed). Keep a copy of it, then "
                + "restore a backup (a .backup-v… file beside it, or your own); nothing was "
                + "changed."
        case .journalOfAnotherDatabase(let journal):
            "\(journal) holds answers of a session that did not finish that the database "
                + "beside it cannot take: their associate, cards or values do not fit it (was "
                + "another file copied over the database?). Nothing was changed. Put back the "
                + "database they belong to, or move \(journal) aside to open this one without "
                + "them."
        case .other(let path, let message):
            "The database \(path) could not be used: \(message)."
        }
    }
}
