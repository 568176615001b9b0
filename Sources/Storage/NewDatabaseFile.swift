import Foundation
import GRDB
import GRDBSQLite

/// A database file that does not exist yet, made in memory and written to its place whole
/// (issue #17: a deck import into a new database).
///
/// A new file made in place is written twice: each commit to its write-ahead log, then the
/// same pages into the file when it closes, with five syncs in all. Made in memory, its pages
/// are written once, into a file without a name (`O_TMPFILE`) in the folder it goes to; that
/// file is synced, then named (`linkat`, which fails rather than replace a file another
/// process made there meanwhile), and the folder is synced: two syncs. A crash or a power cut
/// before the name leaves nothing (the unnamed file goes with the process), after it the whole
/// database; no process ever sees a half-made file. The file is the one ``StudyDatabase/open(at:)``
/// would have made: the same schema, migrations and rows, in WAL mode (the header's file
/// format versions, as SQLite's switch to WAL writes them), with no log beside it.
public struct NewDatabaseFile: Sendable {
    /// Where the file goes.
    public let path: String
    /// The database, in memory until ``place()`` writes it to ``path``.
    public let database: StudyDatabase

    /// A new, empty database in memory for `path`; `nil` when `path` is to be opened with
    /// ``StudyDatabase/open(at:)``: something is there (a file, a link, or a write-ahead log,
    /// rollback journal, shared memory or answer journal of an earlier file, which its opening
    /// deals with), or its folder is not.
    public init?(at path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
            isFolder.boolValue
        else { return nil }
        var status = stat()
        for file in [path, path + "-wal", path + "-shm", path + "-journal"]
            + [AnswerJournal.path(besideDatabase: path)]
        {
            guard lstat(file, &status) != 0, errno == ENOENT else { return nil }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // The main database becomes SQLite's `memdb`, an image of a file in one buffer that
            // `sqlite3_serialize` hands over as it is (an ordinary in-memory database cannot be
            // serialised by this SQLite). Its rollback journal is in memory: a statement or a
            // transaction rolls back as in a file.
            let flags = SQLITE_DESERIALIZE_RESIZEABLE | SQLITE_DESERIALIZE_FREEONCLOSE
            let code =
                db.sqliteConnection.map {
                    sqlite3_deserialize($0, "main", nil, 0, 0, UInt32(flags))
                } ?? SQLITE_MISUSE
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code))
            }
        }
        self.path = path
        database = try StudyDatabase(
            writer: DatabaseQueue(configuration: configuration), path: nil,
            migrator: StudyDatabase.migrator)
    }

    /// Writes the database to ``path`` and makes it durable, name and all.
    ///
    /// False when nothing was written there: a file appeared at ``path`` meanwhile (another
    /// process opened it), or the folder takes no file without a name, or the write failed (a
    /// full disk, a folder that cannot be written). The database should then be opened as
    /// usual and the import made there, which reports any problem as it always has.
    public func place() throws -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let written = database.writer.writeWithoutTransaction { db -> Bool in
            var size: sqlite3_int64 = 0
            // The memdb's own buffer, not a copy: nothing changes it before this returns.
            guard
                let connection = db.sqliteConnection,
                let image = sqlite3_serialize(
                    connection, "main", &size, UInt32(SQLITE_SERIALIZE_NOCOPY)),
                size >= 100
            else { return false }
            let file = Glibc.open(folder, __O_TMPFILE | O_RDWR | O_CLOEXEC, 0o644)
            guard file >= 0 else { return false }
            defer { close(file) }
            // The header as SQLite's switch to WAL leaves it: file format versions 2.
            var header = Array(UnsafeBufferPointer(start: image, count: 100))
            header[18] = 2
            header[19] = 2
            guard
                header.withUnsafeBytes({ Self.write(file, $0, at: 0) }),
                Self.write(
                    file, UnsafeRawBufferPointer(start: image + 100, count: Int(size) - 100),
                    at: 100),
                fdatasync(file) == 0
            else { return false }
            // Named only now, and only if no file has the name (no `AT_EMPTY_PATH`, which
            // needs a privilege: the descriptor's link in /proc).
            return linkat(AT_FDCWD, "/proc/self/fd/\(file)", AT_FDCWD, path, AT_SYMLINK_FOLLOW)
                == 0
        }
        guard written else { return false }
        // The name, in its folder.
        let directory = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw JournalFile.failure(path, errno) }
        defer { close(directory) }
        guard fsync(directory) == 0 else { throw JournalFile.failure(path, errno) }
        return true
    }

    /// Writes `bytes` at `offset`, however many calls it takes.
    private static func write(_ file: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int)
        -> Bool
    {
        var done = 0
        while done < bytes.count, let start = bytes.baseAddress {
            let written = pwrite(file, start + done, bytes.count - done, off_t(offset + done))
            guard written > 0 else { return false }
            done += written
        }
        return true
    }
}
