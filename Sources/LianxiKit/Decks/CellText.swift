import Foundation

/// How the text of one cell of a foreign file is tidied before it is checked.
enum CellText {
    /// `text` with its runs of white space (tabs and line breaks too) made one space, no space
    /// at either end, and composed characters where Unicode has them (`ǎ`, not `a` + ˇ).
    static func tidied(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" })
            .joined(separator: " ")
            .precomposedStringWithCanonicalMapping
    }

    /// `text` without white space at either end.
    static func trimmed(_ text: some StringProtocol) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// `text` without Pleco's formatting codes (private-use characters), tidied.
    static func withoutPrivateUse(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            // Pleco marks a new line inside a definition with a private-use character.
            scalars.append(scalar.isPrivateUse ? " " : scalar)
        }
        return tidied(String(scalars))
    }
}

extension StringProtocol {
    /// The lines of a file's text, split at LF or CRLF as the file's line numbers count them;
    /// a final line break ends the last line rather than starting an empty one.
    var fileLines: [SubSequence] {
        var lines = split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
