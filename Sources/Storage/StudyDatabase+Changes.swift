import GRDB

extension StudyDatabase {
    /// How many rows this connection has inserted, updated or deleted since it opened
    /// (SQLite's `total_changes`), rolled-back transactions included.
    ///
    /// An unchanged count proves that nothing was written, far faster than comparing
    /// ``contentFingerprint()``s: the fuzzer checks it after every refused input, and compares
    /// fingerprints only when the count moved.
    public func rowsWrittenSinceOpening() throws -> Int {
        try writer.read { db in db.totalChangesCount }
    }
}
