import Foundation
import GRDB

extension StorageError {
    /// The storage problem behind `error` when it is one the person at the keyboard can act
    /// on (a full disk, a file that cannot be written, a file that is not a database), or
    /// `nil` for any other error.
    ///
    /// Opening a database already explains these; this is for the writes that come later, so
    /// "database or disk is full" in the middle of a session reads as well as at the start.
    public init?(explaining error: any Error, databaseAt path: String) {
        if let error = error as? StorageError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_NOTADB,
            .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init(opening: path, error)
        default:
            return nil
        }
    }
}

extension StorageError {
    /// Whether the file system holding `path` (or its nearest existing folder) is full: SQLite
    /// reports some writes on a full disk as a plain I/O error.
    static func hasNoFreeSpace(near path: String) -> Bool {
        var folder = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.path)
        guard let free = (attributes?[.systemFreeSize] as? NSNumber)?.int64Value else {
            return false
        }
        return free < 64 * 1024
    }
}

extension StudyDatabase {
    /// Why `folder` could not be created, in words: the part of the path in the way.
    static func whyNoFolder(_ folder: String, error: any Error) -> String {
        var ancestor = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder),
            ancestor.path != "/"
        {
            ancestor.deleteLastPathComponent()
        }
        if !isFolder.boolValue { return "\(ancestor.path) is a file, not a folder" }
        if !FileManager.default.isWritableFile(atPath: ancestor.path) {
            return "\(ancestor.path) cannot be written"
        }
        if StorageError.hasNoFreeSpace(near: ancestor.path) {
            return "the disk holding \(ancestor.path) is full"
        }
        return (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}
