import ChineseText
import Foundation

/// How the text of one cell of a foreign file is tidied before it is checked.
///
/// A deck has tens of thousands of cells, so the common case is read byte by byte: text whose
/// every scalar is a character by itself and unchanged by normalization (ASCII, Latin letters
/// with their tone marks, CJK ideographs and punctuation, private-use codes) is tidied without
/// Foundation. Other text, with combining marks say, is tidied by the general rules below.
enum CellText {
    /// `text` with its runs of white space (tabs and line breaks too) made one space, no space
    /// at either end, and composed characters where Unicode has them (`ǎ`, not `a` + ˇ).
    static func tidied(_ text: some StringProtocol) -> String {
        plainTidied(text, privateUseIsSpace: false) ?? generalTidied(text)
    }

    /// `text` without white space at either end.
    static func trimmed(_ text: some StringProtocol) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// `text` without Pleco's formatting codes (private-use characters), tidied.
    static func withoutPrivateUse(_ text: some StringProtocol) -> String {
        if let tidied = plainTidied(text, privateUseIsSpace: true) {
            return tidied
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            // Pleco marks a new line inside a definition with a private-use character.
            scalars.append(scalar.isPrivateUse ? " " : scalar)
        }
        return generalTidied(String(scalars))
    }

    /// ``tidied(_:)`` for any text: characters split at white space, then composed.
    static func generalTidied(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" })
            .joined(separator: " ")
            .precomposedStringWithCanonicalMapping
    }

    /// ``tidied(_:)`` for text of plain scalars only (see ``Unicode/Scalar/isPlain``), with
    /// private-use characters read as spaces if `privateUseIsSpace`; `nil` for other text.
    ///
    /// Each plain scalar is a character by itself, so splitting at white-space scalars splits
    /// at white-space characters, and plain text is already composed.
    static func plainTidied(_ text: some StringProtocol, privateUseIsSpace: Bool) -> String? {
        let state =
            text.utf8.withContiguousStorageIfAvailable {
                plainState(of: $0, privateUseIsSpace: privateUseIsSpace)
            }
            ?? Array(text.utf8).withUnsafeBufferPointer {
                plainState(of: $0, privateUseIsSpace: privateUseIsSpace)
            }
        switch state {
        case .notPlain:
            return nil
        case .tidy:
            // Most cells: nothing to change, so no new string to build and check.
            return String(text)
        case .untidy:
            return
                text.utf8.withContiguousStorageIfAvailable {
                    tidiedPlain(bytes: $0, privateUseIsSpace: privateUseIsSpace)
                }
                ?? Array(text.utf8).withUnsafeBufferPointer {
                    tidiedPlain(bytes: $0, privateUseIsSpace: privateUseIsSpace)
                }
        }
    }

    /// Whether text made of `text`'s characters by tidying (``tidied(_:)``,
    /// ``withoutPrivateUse(_:)``, the cells and lines split from it, joined by spaces,
    /// lower-cased) may hold a character a terminal obeys rather than shows
    /// (``UntrustedText/unshowableCharacter(in:)``); `false` means it holds none.
    ///
    /// Every such character starts with a byte below 0x20, 0x7F, 0xC2 or 0xE2; tidying makes
    /// tabs and line breaks (0x09 to 0x0D) spaces, and neither composing nor lower-casing
    /// makes any of these characters from others. So one pass over the bytes clears the text
    /// of a whole file, nearly always, where searching each cell costs a tenth of reading it.
    static func mayHoldUnshowable(onceTidied text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            unshowableLeads.withUnsafeBufferPointer { leads in
                bytes.contains { leads[Int($0)] }
            }
        }
    }

    /// Whether each byte may start a character ``mayHoldUnshowable(onceTidied:)`` looks for
    /// (tabs and line breaks aside, which tidying makes spaces): one look-up a byte instead of
    /// eight comparisons.
    private static let unshowableLeads: [Bool] = (0...255).map { byte in
        !(0x09...0x0D).contains(byte) && UntrustedText.mayStartUnshowable(UInt8(byte))
    }

    /// The cells of `line`, split at each `separator` byte (an ASCII control character such as
    /// a tab, always a character by itself), each as ``withoutPrivateUse(_:)`` makes it; and
    /// whether every cell was plain.
    ///
    /// Plain cells are made straight from the line's bytes, without substrings.
    static func cellsWithoutPrivateUse(
        of line: Substring, separatedBy separator: UInt8
    ) -> (cells: [String], isPlain: Bool) {
        let utf8 = line.utf8
        let split = utf8.withContiguousStorageIfAvailable { bytes in
            var cells: [String] = []
            cells.reserveCapacity(4)
            var isPlain = true
            var start = 0
            while start <= bytes.count {
                let rest = UnsafeBufferPointer(rebasing: bytes[start...])
                let end = firstOffset(of: separator, in: rest).map { start + $0 } ?? bytes.count
                let cellBytes = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if let cell = plainTidied(bytes: cellBytes, privateUseIsSpace: true) {
                    cells.append(cell)
                } else {
                    isPlain = false
                    let lower = utf8.index(utf8.startIndex, offsetBy: start)
                    let upper = utf8.index(utf8.startIndex, offsetBy: end)
                    cells.append(withoutPrivateUse(line[lower..<upper]))
                }
                start = end + 1
            }
            return (cells, isPlain)
        }
        if let split {
            return split
        }
        let cells = Self.cells(of: line, separatedBy: separator)
        let isPlain = cells.allSatisfy { $0.unicodeScalars.allSatisfy(\.isPlain) }
        return (cells.map(withoutPrivateUse), isPlain)
    }

    /// ``tidied(_:)`` or ``withoutPrivateUse(_:)`` of the UTF-8 text in `bytes`, if it is
    /// plain; `nil` otherwise.
    private static func plainTidied(
        bytes: UnsafeBufferPointer<UInt8>, privateUseIsSpace: Bool
    ) -> String? {
        switch plainState(of: bytes, privateUseIsSpace: privateUseIsSpace) {
        case .notPlain: nil
        case .tidy: String(decoding: bytes, as: UTF8.self)
        case .untidy: tidiedPlain(bytes: bytes, privateUseIsSpace: privateUseIsSpace)
        }
    }

    /// What tidying text would do.
    private enum PlainState {
        /// The text has a scalar that is not plain.
        case notPlain
        /// The text is plain and tidy already: single spaces, between words only.
        case tidy
        /// The text is plain, and tidying changes it.
        case untidy
    }

    /// What tidying the plain text in `bytes` would do.
    private static func plainState(
        of bytes: UnsafeBufferPointer<UInt8>, privateUseIsSpace: Bool
    ) -> PlainState {
        var isTidy = true
        // Whether the last scalar was a space, or there was none yet (a space there is untidy).
        var followsSpace = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte > 0x20, byte < 0x80 {
                // The common case, a letter or digit of a word.
                followsSpace = false
                index += 1
                continue
            }
            if byte < 0x80 {
                if byte == 0x20 {
                    if followsSpace { isTidy = false }
                    followsSpace = true
                } else if (0x09...0x0D).contains(byte) {
                    isTidy = false
                    followsSpace = true
                } else {
                    followsSpace = false
                }
                index += 1
                continue
            }
            guard let (scalar, width) = decodeScalar(in: bytes, at: index), scalar.isPlain else {
                return .notPlain
            }
            if scalar.isPlainWhitespace || scalar == "\u{FEFF}"
                || (privateUseIsSpace && scalar.isPrivateUse)
            {
                isTidy = false
                followsSpace = true
            } else {
                followsSpace = false
            }
            index += width
        }
        // A space at the end is untidy too.
        return isTidy && (bytes.isEmpty || !followsSpace) ? .tidy : .untidy
    }

    /// ``tidied(_:)`` of the plain text in `bytes`, which tidying changes.
    private static func tidiedPlain(
        bytes: UnsafeBufferPointer<UInt8>, privateUseIsSpace: Bool
    ) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var spaceIsPending = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var length = 1
                var isSpace = byte == 0x20 || (0x09...0x0D).contains(byte)
                if byte >= 0x80, let (scalar, width) = decodeScalar(in: bytes, at: index) {
                    length = width
                    isSpace =
                        scalar.isPlainWhitespace || scalar == "\u{FEFF}"
                        || (privateUseIsSpace && scalar.isPrivateUse)
                }
                if isSpace {
                    spaceIsPending = count > 0
                } else {
                    if spaceIsPending {
                        output[count] = 0x20
                        count += 1
                        spaceIsPending = false
                    }
                    for offset in 0..<length {
                        output[count + offset] = bytes[index + offset]
                    }
                    count += length
                }
                index += length
            }
            return count
        }
    }

    /// The scalar that starts at `index` of valid UTF-8 `bytes`, and its length in bytes.
    static func decodeScalar(
        in bytes: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> (Unicode.Scalar, Int)? {
        let lead = UInt32(bytes[index])
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00..<0x80: return Unicode.Scalar(lead).map { ($0, 1) }
        case 0xC0..<0xE0: (length, value) = (2, lead & 0x1F)
        case 0xE0..<0xF0: (length, value) = (3, lead & 0x0F)
        case 0xF0..<0xF8: (length, value) = (4, lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    /// The cells of `line`, split at each `separator` (an ASCII control character such as a
    /// tab, which is always a character by itself).
    static func cells(of line: Substring, separatedBy separator: UInt8) -> [Substring] {
        let utf8 = line.utf8
        func index(_ offset: Int) -> Substring.Index {
            utf8.index(utf8.startIndex, offsetBy: offset)
        }
        if let cells = utf8.withContiguousStorageIfAvailable({ bytes in
            var cells: [Substring] = []
            cells.reserveCapacity(4)
            var start = 0
            for (offset, byte) in bytes.enumerated() where byte == separator {
                cells.append(line[index(start)..<index(offset)])
                start = offset + 1
            }
            cells.append(line[index(start)..<utf8.endIndex])
            return cells
        }) {
            return cells
        }
        return line.split(omittingEmptySubsequences: false) { $0.utf8.first == separator }
    }

    /// The offset of the first `byte` in `bytes`, if there is one.
    static func firstOffset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base, Int32(byte), bytes.count)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The offsets of every `byte` in `bytes`, found with `memchr`, which reads many bytes at
    /// a time: a file's line breaks are a few among hundreds of thousands of bytes.
    static func offsets(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let base = bytes.baseAddress else { return [] }
        var offsets: [Int] = []
        var start = 0
        while start < bytes.count,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        {
            let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            offsets.append(offset)
            start = offset + 1
        }
        return offsets
    }
}

extension StringProtocol {
    /// The lines of a file's text, split at LF or CRLF as the file's line numbers count them;
    /// a final line break ends the last line rather than starting an empty one.
    ///
    /// An LF is always a character by itself, or the end of a CRLF, so the bytes tell where
    /// lines end.
    var fileLines: [SubSequence] {
        let utf8 = self.utf8
        let breaks =
            utf8.withContiguousStorageIfAvailable { CellText.offsets(of: 0x0A, in: $0) }
            ?? Array(utf8).withUnsafeBufferPointer { CellText.offsets(of: 0x0A, in: $0) }
        var lines: [SubSequence] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for offset in breaks {
            let lineBreak = utf8.index(utf8.startIndex, offsetBy: offset)
            // A CR right before the LF makes the CRLF that ends the line.
            var end = lineBreak
            if offset > 0, start < lineBreak {
                let before = utf8.index(utf8.startIndex, offsetBy: offset - 1)
                if utf8[before] == 0x0D { end = before }
            }
            lines.append(self[start..<end])
            start = utf8.index(after: lineBreak)
        }
        lines.append(self[start..<utf8.endIndex])
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
