import Foundation
import GRDB
import GRDBSQLite

/// The row a statement stands on, its columns read with SQLite's own functions.
///
/// For the reads of tens of thousands of rows that a session's start makes: GRDB's `Row`
/// converts each value through its protocols, which cost as much as SQLite's step. Valid only
/// inside the closure of ``GRDB/Database/forEachRawRow(sql:arguments:_:)`` that receives it.
struct RawRow {
    fileprivate let handle: SQLiteStatement

    /// The integer in `column` (0 for NULL).
    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The integer in `column`, or `nil` for NULL.
    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(handle, column)
    }

    /// The number in `column` (0 for NULL).
    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// The number in `column`, or `nil` for NULL.
    func optionalDouble(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(handle, column)
    }

    /// The text in `column` (empty for NULL).
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Whether `column` is NULL.
    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// Whether the text in `column` is `text`, compared byte by byte without making a string.
    func text(_ column: Int32, is text: StaticString) -> Bool {
        guard let bytes = sqlite3_column_text(handle, column) else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        // memcmp: the generic `elementsEqual` was not specialised here, and each due card's
        // phase is compared (2 % of a large collection's start).
        return count == text.utf8CodeUnitCount && memcmp(bytes, text.utf8Start, count) == 0
    }
}

extension Database {
    /// Runs the query `sql` and calls `body` with each of its rows, read without GRDB's row
    /// decoding (``RawRow``); a failure of SQLite is thrown as a `DatabaseError`, as GRDB's own
    /// reads throw it.
    func forEachRawRow(
        sql: String, arguments: StatementArguments, _ body: (RawRow) throws -> Void
    ) throws {
        let statement = try makeStatement(sql: sql)
        try statement.setArguments(arguments)
        // The statement finalises its handle when it goes: it is kept alive, said explicitly,
        // for as long as the handle is stepped and reset.
        try withExtendedLifetime(statement) {
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                switch code {
                case SQLITE_ROW: try body(RawRow(handle: handle))
                case SQLITE_DONE: return
                default:
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code),
                        message: sqliteConnection.map { String(cString: sqlite3_errmsg($0)) },
                        sql: sql, arguments: arguments)
                }
            }
        }
    }
}
