import GRDB
import GRDBSQLite

/// Inserts many rows with multi-row INSERT statements, binding each value with SQLite's own
/// functions.
///
/// For bulk writes only (a deck import), inside a transaction GRDB opened: the statements come
/// from GRDB and stay GRDB's, and every failure becomes a `DatabaseError`. Each statement
/// inserts up to `rowsPerStatement` rows, since every statement SQLite runs costs about as
/// much as a row; the texts of those rows are copied into one buffer that SQLite reads in
/// place (`SQLITE_STATIC`) until the statement has run, so SQLite allocates nothing per value.
/// The statement of `rowsPerStatement` rows is the connection's cached statement for its SQL
/// (`prepare(_:rowsPerStatement:sql:)` prepares it ahead).
///
/// A value every row repeats (a deck's id) can be one parameter of the statement, written `?1`
/// in each row and bound once per statement (`leading`); the rows' own values follow it.
/// Rows can also be bound ahead, on another thread (``Rows``).
struct RawInsert {
    private let db: Database
    private let rowsPerStatement: Int
    private let sql: (_ rows: Int) -> String
    /// The integers bound to the first parameters of every statement, before the rows' values.
    private let leading: [Int64]
    private var cachedFullStatement: Statement?
    private var pending = Values()
    private var pendingRows = 0

    /// Prepares to insert rows with `sql(rows)`, an INSERT of `rows` rows whose first
    /// parameters are `leading`.
    init(
        _ db: Database, rowsPerStatement: Int, leading: [Int64] = [],
        sql: @escaping (_ rows: Int) -> String
    ) {
        self.db = db
        self.rowsPerStatement = rowsPerStatement
        self.leading = leading
        self.sql = sql
    }

    /// Prepares and caches the statement of `rowsPerStatement` rows, for an insert to come.
    static func prepare(
        _ db: Database, rowsPerStatement: Int, sql: (_ rows: Int) -> String
    ) throws {
        _ = try db.cachedStatement(sql: sql(rowsPerStatement))
    }

    /// The values of the rows waiting to be inserted, in the order of the parameters.
    struct Values: Sendable {
        fileprivate enum Value: Sendable {
            case null
            case integer(Int64)
            case text(start: Int, count: Int)
        }

        fileprivate var values: [Value] = []
        /// The texts, one after the other (never empty, so that it always has an address: an
        /// empty text is bound as text, not as NULL).
        fileprivate var bytes: [UInt8] = [0]

        fileprivate mutating func removeAll() {
            values.removeAll(keepingCapacity: true)
            bytes.removeSubrange(1...)
        }

        /// Adds text (NULL for `nil`) as the next value.
        mutating func bind(_ text: String?) {
            guard let text else { return values.append(.null) }
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            values.append(.text(start: start, count: bytes.count - start))
        }

        /// Adds an integer as the next value.
        mutating func bind(_ number: Int64) {
            values.append(.integer(number))
        }

        /// Adds `count` values of `other`, from its value at `start`.
        fileprivate mutating func append(_ other: Values, from start: Int, count: Int) {
            for value in other.values[start..<start + count] {
                guard case .text(let textStart, let textCount) = value else {
                    values.append(value)
                    continue
                }
                let newStart = bytes.count
                bytes.append(contentsOf: other.bytes[textStart..<textStart + textCount])
                values.append(.text(start: newStart, count: textCount))
            }
        }
    }

    /// Rows bound ahead of their insert, possibly on another thread than the one that inserts
    /// them (``rows(_:)``).
    struct Rows: Sendable {
        /// Their values, row after row.
        fileprivate private(set) var values = Values()
        /// How many rows.
        private(set) var count = 0

        /// No rows yet, with room for `capacity` rows of `valuesPerRow` values and
        /// `textBytes` bytes of text.
        init(capacity: Int = 0, valuesPerRow: Int = 0, textBytes: Int = 0) {
            values.values.reserveCapacity(capacity * valuesPerRow)
            values.bytes.reserveCapacity(1 + textBytes)
        }

        /// Adds one row, whose values `fill` binds.
        mutating func append(_ fill: (inout Values) -> Void) {
            fill(&values)
            count += 1
        }
    }

    /// Adds one row, whose values `fill` binds; inserts the rows waiting once there are enough.
    mutating func row(_ fill: (inout Values) -> Void) throws {
        fill(&pending)
        pendingRows += 1
        if pendingRows == rowsPerStatement {
            try insertPending()
        }
    }

    /// Adds `rows`, bound ahead; inserts the rows waiting once there are enough.
    ///
    /// A statement's worth of rows, with none waiting, is inserted as it was bound, without a
    /// copy.
    mutating func rows(_ rows: Rows) throws {
        guard rows.count > 0 else { return }
        if pendingRows == 0, rows.count == rowsPerStatement {
            try insert(rows.values, with: fullStatement())
            return
        }
        let valuesPerRow = rows.values.values.count / rows.count
        for row in 0..<rows.count {
            pending.append(rows.values, from: row * valuesPerRow, count: valuesPerRow)
            pendingRows += 1
            if pendingRows == rowsPerStatement {
                try insertPending()
            }
        }
    }

    /// Inserts the rows still waiting.
    mutating func finish() throws {
        guard pendingRows > 0 else { return }
        defer { removePending() }
        try insert(pending, with: try db.makeStatement(sql: sql(pendingRows)))
    }

    /// The statement of `rowsPerStatement` rows.
    private mutating func fullStatement() throws -> Statement {
        // Cached by the connection: preparing a statement of a thousand rows takes
        // milliseconds, and a caller may prepare it before its rows are ready.
        let statement = try cachedFullStatement ?? db.cachedStatement(sql: sql(rowsPerStatement))
        cachedFullStatement = statement
        return statement
    }

    /// Inserts the rows waiting, a statement's worth.
    private mutating func insertPending() throws {
        defer { removePending() }
        try insert(pending, with: fullStatement())
    }

    private mutating func removePending() {
        pending.removeAll()
        pendingRows = 0
    }

    /// Runs `statement` with `leading`, then `rows`, bound to its parameters.
    private func insert(_ rows: Values, with statement: Statement) throws {
        let handle = statement.sqliteStatement
        let values = rows.values
        let first = CInt(leading.count + 1)
        let code = rows.bytes.withUnsafeBufferPointer { buffer -> CInt in
            guard let base = buffer.baseAddress else { return SQLITE_MISUSE }
            let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            var code = SQLITE_OK
            for (offset, number) in leading.enumerated() where code == SQLITE_OK {
                code = sqlite3_bind_int64(handle, CInt(offset + 1), number)
            }
            for (offset, value) in values.enumerated() where code == SQLITE_OK {
                let index = first + CInt(offset)
                code =
                    switch value {
                    case .null: sqlite3_bind_null(handle, index)
                    case .integer(let number): sqlite3_bind_int64(handle, index, number)
                    case .text(let start, let count):
                        sqlite3_bind_text(handle, index, text + start, CInt(count), nil)
                    }
            }
            if code == SQLITE_OK {
                code = sqlite3_step(handle)
                if code == SQLITE_DONE { code = SQLITE_OK }
            }
            // Reset and unbind before the buffer goes: SQLite must keep no pointer into it.
            let reset = sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            return code == SQLITE_OK ? reset : code
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) },
                sql: String(cString: sqlite3_sql(handle)))
        }
    }
}

extension Database {
    /// Runs `body`, a transaction of bulk inserts, with its statement journals in memory, then
    /// restores the connection's temporary storage as it was.
    ///
    /// Each multi-row `INSERT` inside a transaction keeps a statement journal so that it can be
    /// undone alone: a copy of every page it changes that an earlier statement wrote. SQLite
    /// keeps it in memory until it reaches 64 KiB, then in a temporary file (created in
    /// `/var/tmp`, written with a `pwrite` a page, deleted at the end): about 700 pages for a
    /// 10,000-note deck, on the import's critical path. With `temp_store = MEMORY` the journal
    /// stays in memory; it never holds more than one statement's pages. The setting is the
    /// connection's, read when a write transaction starts, so it is changed outside the
    /// transaction and only for it: other commands keep their large sorts in files.
    func withStatementJournalsInMemory<T>(_ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(self, sql: "PRAGMA temp_store") ?? 0
        try execute(sql: "PRAGMA temp_store = MEMORY")
        let result: T
        do {
            result = try body()
        } catch {
            // The body's failure is the one to report; the setting goes back either way.
            try? execute(sql: "PRAGMA temp_store = \(previous)")
            throw error
        }
        try execute(sql: "PRAGMA temp_store = \(previous)")
        return result
    }
}
