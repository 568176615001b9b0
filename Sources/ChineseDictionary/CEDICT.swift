/// CC-CEDICT's text, searched in place: by characters, by reading or by English.
///
/// Nothing is parsed ahead: each lookup reads the lines once and builds entries only for the
/// ones it returns, so a lookup costs one pass over the text (about 10 MB for the whole
/// dictionary) and no start-up.
public struct CEDICT: Sendable {
    /// The text, UTF-8, one entry a line; lines starting with `#` are comments.
    private let text: Text

    /// Where the text lies: in an array of its own, or in memory that lasts as long as the
    /// program (the dictionary built into it), read without a copy.
    private enum Text: @unchecked Sendable {
        case owned([UInt8])
        case permanent(UnsafeBufferPointer<UInt8>)

        func withUnsafeBufferPointer<Result>(
            _ body: (UnsafeBufferPointer<UInt8>) -> Result
        ) -> Result {
            switch self {
            case .owned(let bytes): bytes.withUnsafeBufferPointer(body)
            case .permanent(let bytes): body(bytes)
            }
        }
    }

    /// Takes the dictionary's text (UTF-8 bytes of a `cedict_ts.u8` file, or an excerpt).
    public init(text: some Sequence<UInt8>) {
        self.text = .owned(Array(text))
    }

    /// Reads the dictionary's text where it lies, without copying it: only for memory that is
    /// never freed nor changed while the program runs, such as data built into the program.
    public init(permanentText: UnsafeBufferPointer<UInt8>) {
        self.text = .permanent(permanentText)
    }

    /// The lines that are neither comments, blank, nor entries, by number: a check of the
    /// file (`TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss/.../`).
    public var malformedLines: [Int] {
        var malformed: [Int] = []
        eachLine { range, number, bytes in
            if DictionaryLine(range, of: bytes, number: number) == nil { malformed.append(number) }
        }
        return malformed
    }

    /// Every entry, in the file's order.
    public var entries: [DictionaryEntry] {
        var entries: [DictionaryEntry] = []
        eachLine { range, number, bytes in
            if let line = DictionaryLine(range, of: bytes, number: number) {
                entries.append(line.entry(in: bytes))
            }
        }
        return entries
    }

    /// The entries whose simplified or traditional form is exactly `hanzi`, in the file's order.
    public func entries(forHeadword hanzi: String) -> [DictionaryEntry] {
        let needle = Array(hanzi.utf8)
        var found: [DictionaryEntry] = []
        eachLine { range, number, bytes in
            guard let line = DictionaryLine(range, of: bytes, number: number),
                bytes.bytes(in: line.simplified, equal: needle)
                    || bytes.bytes(in: line.traditional, equal: needle)
            else { return }
            found.append(line.entry(in: bytes))
        }
        return found
    }

    /// The entries that answer `query`, best first, at most `limit`.
    ///
    /// Best first: how well the entry matches (the headword itself, then words starting with
    /// the characters, then words containing them; the reading; a first gloss that is the
    /// English, then a later one, then one that holds it as words), then ordinary words before surnames, names,
    /// variants and cross-references, then the commoner words (`rank` gives a word's rank,
    /// lower for commoner, such as its HSK level; words without one come after), then
    /// shorter words, then the dictionary's order.
    public func lookUp(
        _ query: DictionaryQuery, rank: [String: Int] = [:], limit: Int = 20
    ) -> [DictionaryEntry] {
        let needle = Needle(query)
        var candidates: [(key: RankKey, line: DictionaryLine)] = []
        eachLine { range, number, bytes in
            guard let line = DictionaryLine(range, of: bytes, number: number),
                let match = Self.match(needle, line, bytes)
            else { return }
            let simplified = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[line.simplified]), as: UTF8.self)
            let key = RankKey(
                match: match, isMinor: Self.isMinor(line, bytes),
                rank: rank[simplified] ?? Int.max,
                length: simplified.unicodeScalars.count, line: number)
            candidates.append((key, line))
        }
        candidates.sort { $0.key < $1.key }
        return text.withUnsafeBufferPointer { bytes in
            candidates.prefix(max(0, limit)).map { $0.line.entry(in: bytes) }
        }
    }

    /// How an entry is ordered among the results; smaller comes first.
    private struct RankKey: Comparable {
        let match: Int
        let isMinor: Bool
        let rank: Int
        let length: Int
        let line: Int

        static func < (lhs: RankKey, rhs: RankKey) -> Bool {
            (lhs.match, lhs.isMinor ? 1 : 0, lhs.rank, lhs.length, lhs.line)
                < (rhs.match, rhs.isMinor ? 1 : 0, rhs.rank, rhs.length, rhs.line)
        }
    }

    /// A query with its text as bytes, made once per lookup.
    private enum Needle {
        case hanzi([UInt8])
        case pinyin(SyllableSearch, alsoEnglish: [UInt8]?)
        case english([UInt8])

        init(_ query: DictionaryQuery) {
            switch query {
            case .hanzi(let hanzi): self = .hanzi(Array(hanzi.utf8))
            case .pinyin(let syllables, let english):
                self = .pinyin(syllables, alsoEnglish: english.map { Array($0.utf8) })
            case .english(let english): self = .english(Array(english.utf8))
            }
        }
    }

    /// How well `line` answers `needle` (smaller is better), or `nil` when it does not.
    private static func match(
        _ needle: Needle, _ line: DictionaryLine, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        switch needle {
        case .hanzi(let hanzi):
            return hanziMatch(hanzi, line, bytes)
        case .pinyin(let syllables, let english):
            if syllables.matches(line.pinyin, of: bytes) { return 0 }
            return english.flatMap { englishMatch($0, line, bytes) }.map { 10 + $0 }
        case .english(let english):
            return englishMatch(english, line, bytes)
        }
    }

    /// 0 for the headword itself, 1 for a word starting with it, 2 for one containing it.
    private static func hanziMatch(
        _ needle: [UInt8], _ line: DictionaryLine, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        // No array of the two forms: this runs for every line.
        func match(_ form: Range<Int>) -> Int? {
            guard let start = bytes.firstOccurrence(of: needle, in: form) else { return nil }
            return start != form.lowerBound ? 2 : form.count == needle.count ? 0 : 1
        }
        switch (match(line.simplified), match(line.traditional)) {
        case (let simplified?, let traditional?): return min(simplified, traditional)
        case (let simplified?, nil): return simplified
        case (nil, let traditional): return traditional
        }
    }

    /// 0 when the first gloss is the English itself (`(commercial) trade`, `to trade`), 1 when
    /// a later one is, 2 when a gloss holds it as whole words; without regard to case.
    private static func englishMatch(
        _ needle: [UInt8], _ line: DictionaryLine, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard !needle.isEmpty, asciiCaseInsensitiveWordOccurrence(needle, line.glosses, bytes)
        else { return nil }
        let glosses = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[line.glosses]), as: UTF8.self)
        let english = String(decoding: needle, as: UTF8.self)
        let parts = glosses.split(whereSeparator: { $0 == "/" || $0 == ";" })
        guard let position = parts.firstIndex(where: { plainGloss($0) == english }) else {
            return 2
        }
        return position == 0 ? 0 : 1
    }

    /// A gloss without its notes in brackets, a leading `to ` and surrounding spaces,
    /// lower case: `(commercial) trade` → `trade`.
    private static func plainGloss(_ gloss: Substring) -> String {
        var plain = ""
        var depth = 0
        for character in gloss {
            if character == "(" {
                depth += 1
            } else if character == ")" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                plain.append(character)
            }
        }
        var words = plain.lowercased().split(separator: " ")
        if words.first == "to", words.count > 1 { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// Whether `needle` (lower case ASCII) occurs in `range` as whole words.
    private static func asciiCaseInsensitiveWordOccurrence(
        _ needle: [UInt8], _ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
        }
        func isLetter(_ byte: UInt8) -> Bool {
            let lowered = lower(byte)
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowered)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lowered) || byte >= 0x80
        }
        guard needle.count <= range.count else { return false }
        var start = range.lowerBound
        while start <= range.upperBound - needle.count {
            if lower(bytes[start]) == needle[0]
                && (start == range.lowerBound || !isLetter(bytes[start - 1]))
            {
                var offset = 1
                while offset < needle.count, lower(bytes[start + offset]) == needle[offset] {
                    offset += 1
                }
                let end = start + needle.count
                if offset == needle.count && (end == range.upperBound || !isLetter(bytes[end])) {
                    return true
                }
            }
            start += 1
        }
        return false
    }

    /// Surnames, proper names, variants and cross-references: after ordinary words.
    private static func isMinor(_ line: DictionaryLine, _ bytes: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        let capital = (UInt8(ascii: "A")...UInt8(ascii: "Z"))
        if capital.contains(bytes[line.pinyin.lowerBound]) { return true }
        return minorStarts.contains { needle in
            needle.count <= line.glosses.count
                && bytes.bytes(
                    in: line.glosses.lowerBound..<line.glosses.lowerBound + needle.count,
                    equal: needle)
        }
    }

    /// How the glosses of surnames, variants and cross-references start.
    private static let minorStarts = [
        "variant of", "old variant of", "surname ", "see ", "used in ", "archaic variant",
        "Japanese variant", "erhua variant",
    ].map { Array($0.utf8) }

    /// Calls `body` with each line's byte range and number (from 1), skipping comments and
    /// blank lines.
    func eachLine(
        _ body: (Range<Int>, Int, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            var number = 0
            while start < bytes.count {
                number += 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                if end > start, bytes[start] != UInt8(ascii: "#"),
                    bytes[start] != UInt8(ascii: "\r")
                {
                    body(start..<end, number, bytes)
                }
                start = end + 1
            }
        }
    }
}
