import Foundation

/// The text of a deck file, decoded from its bytes, with every encoding problem found.
enum DeckFileText {
    /// The longest line a deck file may have, in bytes: far beyond any note, short enough to
    /// catch a file that is not a deck.
    static let maximumLineLength = 64 * 1024

    /// Decodes `data` as UTF-8 (a byte-order mark is dropped) or as UTF-16 with a byte-order
    /// mark, and checks that it is text with lines of a sensible length.
    static func decode(_ data: Data, file: String) throws(DeckProblems) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding =
                bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                throw DeckProblems(
                    file: file,
                    "The file starts like UTF-16 text but is not valid UTF-16. Save it as UTF-8"
                        + " text and import it again.")
            }
            bytes = Array(text.utf8)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        if bytes.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) {
            throw DeckProblems(
                file: file,
                "The file is empty: it holds no notes. Check that you picked the right file and"
                    + " that it was saved.")
        }
        if let zero = bytes.withUnsafeBufferPointer({ CellText.firstOffset(of: 0, in: $0) }) {
            let line = bytes[..<zero].count { $0 == 0x0A } + 1
            throw DeckProblems(
                file: file, line: line,
                "The file holds binary data (a zero byte on this line), so it is not a text deck."
                    + " Export the deck as CSV, TSV or text, or as an Anki package (.apkg).")
        }
        // Most files are valid UTF-8 with short lines: one pass for each check, no line split.
        if let text = String(validating: bytes, as: UTF8.self) {
            let problems = lineLengthProblems(in: bytes, file: file)
            guard problems.isEmpty else { throw DeckProblems(problems) }
            return text
        }
        var problems: [DeckProblem] = []
        var lineNumber = 0
        var hasAdvisedUTF8 = false
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.count > maximumLineLength {
                problems.append(lineLengthProblem(line.count, at: lineNumber, file: file))
            }
            if let offset = firstInvalidByte(in: line) {
                let byte = String(line[line.startIndex + offset], radix: 16, uppercase: true)
                let advice =
                    hasAdvisedUTF8
                    ? ""
                    : " Save the file as UTF-8: in Excel choose “CSV UTF-8”, in LibreOffice the"
                        + " character set “Unicode (UTF-8)”, in a text editor the encoding UTF-8."
                hasAdvisedUTF8 = true
                problems.append(
                    DeckProblem(
                        file: file, line: lineNumber,
                        message: "This line is not UTF-8 text (byte 0x\(byte) at byte"
                            + " \(offset + 1) of the line).\(advice)"))
            }
        }
        guard problems.isEmpty else { throw DeckProblems(problems) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A problem for each line of `bytes` longer than ``maximumLineLength``.
    private static func lineLengthProblems(in bytes: [UInt8], file: String) -> [DeckProblem] {
        var problems: [DeckProblem] = []
        var lineNumber = 1
        var lineStart = 0
        for offset in bytes.withUnsafeBufferPointer({ CellText.offsets(of: 0x0A, in: $0) }) {
            if offset - lineStart > maximumLineLength {
                problems.append(
                    lineLengthProblem(offset - lineStart, at: lineNumber, file: file))
            }
            lineNumber += 1
            lineStart = offset + 1
        }
        if bytes.count - lineStart > maximumLineLength {
            problems.append(lineLengthProblem(bytes.count - lineStart, at: lineNumber, file: file))
        }
        return problems
    }

    private static func lineLengthProblem(_ length: Int, at line: Int, file: String) -> DeckProblem
    {
        DeckProblem(
            file: file, line: line,
            message: "This line is \(length) bytes long; a deck line is at most"
                + " \(maximumLineLength / 1024) KiB. Is this really a deck file?")
    }

    /// The offset of the first byte that breaks UTF-8 in `line`, or `nil` if it is all UTF-8.
    private static func firstInvalidByte(in line: ArraySlice<UInt8>) -> Int? {
        var iterator = line.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
