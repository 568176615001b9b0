import CSV

/// Rows of comma-, semicolon- or tab-separated text, read by CSV.swift, each with the line of
/// the file it starts on.
enum DelimitedText {
    /// One row: the line it starts on (a quoted cell may run over several) and its cells.
    struct Row: Hashable, Sendable {
        /// The line of the file the row starts on, from 1.
        let line: Int
        /// The cells, unquoted, as written.
        let cells: [String]
    }

    /// The delimiters a file may use, most likely first.
    static let candidates: [Unicode.Scalar] = ["\t", ",", ";"]

    /// The rows of `text` that hold something; `firstLine` is the file line `text` starts on.
    ///
    /// Cells may be quoted with `"` (a quote inside written `""`); quoted cells may hold the
    /// delimiter and line breaks. Line ends may be LF or CRLF.
    static func rows(_ text: String, delimiter: Unicode.Scalar, firstLine: Int = 1) -> [Row] {
        guard let reader = try? CSVReader(string: text, delimiter: delimiter) else { return [] }
        var rows: [Row] = []
        var line = firstLine
        while let cells = reader.next() {
            if cells.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                rows.append(Row(line: line, cells: cells))
            }
            // The next row starts after this row's own line break and those inside its cells.
            line += 1 + cells.reduce(0) { $0 + $1.count(where: \.isLineBreak) }
        }
        return rows
    }

    /// The delimiter of a file whose first line is `line`: `preferred` (from the extension)
    /// when the line has it, else the candidate the line has most of, else `preferred` or a
    /// comma.
    static func delimiter(
        of line: some StringProtocol, preferring preferred: Unicode.Scalar?
    ) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [:]
        var isQuoted = false
        for scalar in line.unicodeScalars {
            if scalar == "\"" {
                isQuoted.toggle()
            } else if !isQuoted, candidates.contains(scalar) {
                counts[scalar, default: 0] += 1
            }
        }
        if let preferred, counts[preferred, default: 0] > 0 {
            return preferred
        }
        var best: Unicode.Scalar?
        for candidate in candidates
        where counts[candidate, default: 0] > best.map({ counts[$0, default: 0] }) ?? 0 {
            best = candidate
        }
        return best ?? preferred ?? ","
    }

    /// The name of `delimiter` for messages.
    static func name(of delimiter: Unicode.Scalar) -> String {
        switch delimiter {
        case "\t": "tab"
        case ",": "comma"
        case ";": "semicolon"
        case " ": "space"
        case "|": "pipe"
        case ":": "colon"
        default: "“\(delimiter)”"
        }
    }
}

extension Character {
    /// Whether the character ends a line of a file: LF, CRLF or a lone CR.
    fileprivate var isLineBreak: Bool { self == "\n" || self == "\r\n" || self == "\r" }
}
