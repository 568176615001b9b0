import Foundation

/// One cell of a CSV export.
///
/// Text that came from people (deck content, names, typed answers) is `.text` and is made safe
/// for spreadsheets; numbers we computed are `.integer` or `.decimal` and are written as they
/// are, so a negative number stays a number.
public enum CSVField: Hashable, Sendable {
    /// Text from a deck or a person: neutralised when a spreadsheet would run it as a formula.
    case text(String)
    /// A whole number.
    case integer(Int)
    /// A number written with a fixed number of decimal places (`.` as the separator).
    case decimal(Double, places: Int)
    /// An empty cell (a value that does not exist, such as the retention of nobody's reviews).
    case empty
}

extension CSVField: ExpressibleByStringLiteral {
    /// A text cell.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

/// Writes RFC 4180 CSV that opens cleanly in a spreadsheet.
///
/// - The text starts with a UTF-8 byte-order mark, so spreadsheet programs read hanzi as UTF-8.
/// - Rows end with CRLF; fields holding a comma, a quote, CR or LF are quoted, quotes doubled.
/// - Text cells beginning with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
///   apostrophe and are quoted, so a spreadsheet shows them instead of running them as formulas
///   (OWASP's advice against CSV injection).
///
/// Written here rather than with CSV.swift's writer, which writes one scalar at a time through
/// an `OutputStream` and never ends the last row: exports run to a million review rows.
public struct CSVWriter: Sendable {
    /// The CSV so far.
    public private(set) var text: String
    private let columnCount: Int

    /// Starts a table with its header row.
    public init(header: [String]) {
        columnCount = header.count
        text = "\u{FEFF}"
        append(header.map(CSVField.text))
    }

    /// Appends a row; it must have one field per header column.
    public mutating func append(_ fields: [CSVField]) {
        precondition(fields.count == columnCount, "a CSV row needs \(columnCount) fields")
        text.append(Self.line(fields))
    }

    /// One row as it appears in the file, CRLF included: for writing a table a row at a time.
    public static func line(_ fields: [CSVField]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(",") }
            line.append(encoded(field))
        }
        line.append("\r\n")
        return line
    }

    /// The field as it appears in the file.
    static func encoded(_ field: CSVField) -> String {
        switch field {
        case .text(let value): quotedIfNeeded(neutralised(value))
        case .integer(let value): String(value)
        case .decimal(let value, let places): FixedPoint.text(value, places: places)
        case .empty: ""
        }
    }

    /// `value` with an apostrophe in front when a spreadsheet would read it as a formula.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else {
            return value
        }
        return "'" + value
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    private static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes =
            value.hasPrefix("'")
            || value.unicodeScalars.contains {
                $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n"
            }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
