import GRDB

/// Reads the values of an Anki collection's rows, checking each one's SQLite type and range.
///
/// A collection comes from anywhere, and SQLite lets any column hold any type: an id may be
/// NULL, text or 1e300. GRDB's `row["id"] as Int64` traps on such a value, so every value of
/// a collection is read here, as the raw SQLite value, and every one that is not what Anki
/// writes becomes a problem that names the table, the row and the column.
struct AnkiValues {
    /// What is wrong, one line each, at most `maximumProblems` of them.
    private(set) var problems: [String] = []
    /// Problems beyond those listed.
    private(set) var unlisted = 0

    /// Enough to show what is wrong without flooding the terminal.
    static let maximumProblems = 10

    /// Whether every value read so far was plausible.
    var isEmpty: Bool { problems.isEmpty }

    /// The problems as one sentence list, with how many more there were.
    var summary: [String] {
        unlisted == 0 ? problems : problems + ["and \(unlisted) more values like these"]
    }

    /// An id in `column` of `row` (the `index`th row of `table`): a whole number in
    /// ``Plausibility/ankiIds``; `nil` (and a problem) otherwise.
    mutating func id(_ column: String, of row: Row, table: String, index: Int) -> Int64? {
        integer(column, of: row, table: table, index: index, in: Plausibility.ankiIds)
    }

    /// A whole number in `range`; `nil` (and a problem) for anything else.
    mutating func integer(
        _ column: String, of row: Row, table: String, index: Int, in range: ClosedRange<Int64>
    ) -> Int64? {
        let value: DatabaseValue = row[column]
        guard case .int64(let number) = value.storage else {
            report(
                "\(table) row \(index + 1): \(column) is \(Self.describe(value)), not a whole"
                    + " number")
            return nil
        }
        guard range.contains(number) else {
            let bounds =
                range.upperBound == .max
                ? "from \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            report("\(table) row \(index + 1): \(column) is \(number), not \(bounds)")
            return nil
        }
        return number
    }

    /// Text in `column`: NULL reads as empty text (Anki leaves some columns empty); a number
    /// or a blob is a problem and reads as `nil`.
    mutating func text(_ column: String, of row: Row, table: String, index: Int) -> String? {
        let value: DatabaseValue = row[column]
        switch value.storage {
        case .string(let text): return text
        case .null: return ""
        default:
            report("\(table) row \(index + 1): \(column) is \(Self.describe(value)), not text")
            return nil
        }
    }

    private mutating func report(_ problem: String) {
        if problems.count < Self.maximumProblems {
            problems.append(problem)
        } else {
            unlisted += 1
        }
    }

    /// A SQLite value in words, short enough for a message.
    static func describe(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "empty (NULL)"
        case .int64(let number): "the whole number \(number)"
        case .double(let number): "the number \(number)"
        case .string(let text):
            "the text “\(text.count > 20 ? String(text.prefix(20)) + "…" : text)”"
        case .blob(let bytes): "\(bytes.count) bytes of binary data"
        }
    }
}
