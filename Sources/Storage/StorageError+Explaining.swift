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
