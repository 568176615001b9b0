/// One entry of CC-CEDICT: a word in both scripts, its reading and its senses.
///
/// A line such as `貿易 贸易 [mao4 yi4] /(commercial) trade/CL:個|个[ge4]/` gives the
/// traditional and simplified forms, the reading in tone numbers, the glosses and the
/// measure words (CEDICT's `CL:` gloss, kept apart from the meanings).
public struct DictionaryEntry: Hashable, Sendable {
    /// The word in traditional characters: `貿易`.
    public let traditional: String
    /// The word in simplified characters: `贸易`.
    public let simplified: String
    /// The reading as CC-CEDICT writes it, tone numbers and one space between syllables:
    /// `mao4 yi4`, `lu:4`, `Bei3 jing1`.
    public let numberedPinyin: String
    /// The meanings, in the dictionary's order, without the measure words.
    public let glosses: [String]
    /// The measure words used with the word (`CL:`), in the dictionary's order.
    public let measureWords: [MeasureWord]
    /// The line of the dictionary's text the entry is on, counting from 1.
    public let line: Int

    /// Makes an entry from its parts.
    public init(
        traditional: String, simplified: String, numberedPinyin: String, glosses: [String],
        measureWords: [MeasureWord], line: Int
    ) {
        self.traditional = traditional
        self.simplified = simplified
        self.numberedPinyin = numberedPinyin
        self.glosses = glosses
        self.measureWords = measureWords
        self.line = line
    }
}

/// A measure word of an entry, as CC-CEDICT's `CL:` gloss gives it: `個|个[ge4]`.
public struct MeasureWord: Hashable, Sendable {
    /// The measure word in traditional characters.
    public let traditional: String
    /// The measure word in simplified characters.
    public let simplified: String
    /// Its reading in tone numbers: `ge4`.
    public let numberedPinyin: String

    /// Makes a measure word from its parts.
    public init(traditional: String, simplified: String, numberedPinyin: String) {
        self.traditional = traditional
        self.simplified = simplified
        self.numberedPinyin = numberedPinyin
    }

    /// Reads one item of a `CL:` gloss: `個|个[ge4]` or `家[jia1]` (same in both scripts);
    /// `nil` when it has no reading in brackets.
    init?(cedictItem item: Substring) {
        guard let open = item.firstIndex(of: "["), item.hasSuffix("]") else { return nil }
        let forms = item[..<open].split(separator: "|", omittingEmptySubsequences: false)
        guard (1...2).contains(forms.count), forms.allSatisfy({ !$0.isEmpty }) else { return nil }
        traditional = String(forms[0])
        simplified = String(forms[forms.count - 1])
        numberedPinyin = String(item[item.index(after: open)..<item.index(before: item.endIndex)])
    }
}
