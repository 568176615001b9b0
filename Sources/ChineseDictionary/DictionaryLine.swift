/// Where the fields of one CC-CEDICT line lie in the dictionary's bytes.
///
/// `TRADITIONAL SIMPLIFIED [PIN1 YIN1] /gloss/gloss/`: found without copying, so a lookup
/// reads every line but builds an entry only for the lines it keeps.
struct DictionaryLine {
    /// The traditional form.
    let traditional: Range<Int>
    /// The simplified form.
    let simplified: Range<Int>
    /// The reading, inside the brackets.
    let pinyin: Range<Int>
    /// The glosses: from the byte after the first `/` to the last `/`, excluded.
    let glosses: Range<Int>
    /// The line's number, counting from 1.
    let number: Int

    /// Finds the fields of the line `range` of `bytes`; `nil` when the line is not an entry.
    init?(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        let space = UInt8(ascii: " ")
        var index = range.lowerBound
        func skip(to byte: UInt8) -> Int? {
            while index < range.upperBound, bytes[index] != byte { index += 1 }
            return index < range.upperBound ? index : nil
        }
        let start = range.lowerBound
        guard let firstSpace = skip(to: space), firstSpace > start else { return nil }
        index += 1
        guard let secondSpace = skip(to: space), secondSpace > firstSpace + 1,
            secondSpace + 1 < range.upperBound, bytes[secondSpace + 1] == UInt8(ascii: "[")
        else { return nil }
        index = secondSpace + 2
        guard let close = skip(to: UInt8(ascii: "]")) else { return nil }
        var end = range.upperBound
        while end > close, bytes[end - 1] == space || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        // At least one byte of glosses between ` /` and the closing `/`.
        guard close + 4 < end, bytes[close + 1] == space, bytes[close + 2] == UInt8(ascii: "/"),
            bytes[end - 1] == UInt8(ascii: "/")
        else { return nil }
        traditional = start..<firstSpace
        simplified = firstSpace + 1..<secondSpace
        pinyin = secondSpace + 2..<close
        glosses = close + 3..<end - 1
        self.number = number
    }

    /// The entry this line holds.
    func entry(in bytes: UnsafeBufferPointer<UInt8>) -> DictionaryEntry {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var glossTexts: [String] = []
        var measureWords: [MeasureWord] = []
        for gloss in text(glosses).split(separator: "/") {
            if gloss.hasPrefix("CL:") {
                let items = gloss.dropFirst(3).split(separator: ",")
                let parsed = items.compactMap { MeasureWord(cedictItem: $0) }
                if parsed.count == items.count {
                    measureWords += parsed
                    continue
                }
            }
            glossTexts.append(String(gloss))
        }
        return DictionaryEntry(
            traditional: text(traditional), simplified: text(simplified),
            numberedPinyin: text(pinyin), glosses: glossTexts, measureWords: measureWords,
            line: number)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes in `range` equal `other`.
    func bytes(in range: Range<Int>, equal other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        var index = range.lowerBound
        for byte in other {
            if self[index] != byte { return false }
            index += 1
        }
        return true
    }

    /// Where `needle` first starts in `range`, or `nil`.
    func firstOccurrence(of needle: [UInt8], in range: Range<Int>) -> Int? {
        guard let first = needle.first, needle.count <= range.count else { return nil }
        var start = range.lowerBound
        let last = range.upperBound - needle.count
        while start <= last {
            if self[start] == first {
                var offset = 1
                while offset < needle.count, self[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return start }
            }
            start += 1
        }
        return nil
    }
}
