import ChineseDictionary
import ChineseText

/// What CC-CEDICT says of a card's word and of each of its characters, for the card info of a
/// session: the word's own entries first, then each character's, found in one pass.
public struct CardDictionaryEntries: Sendable {
    /// The word's entries (simplified or traditional form equal to the word).
    public let word: [DictionaryEntry]
    /// Each distinct character of a word of two or more, in order, with its entries.
    public let characters: [(character: String, entries: [DictionaryEntry])]

    /// Looks up `hanzi` and its characters in `dictionary`.
    public init(hanzi: String, dictionary: CEDICT = WordLookup.shippedDictionary) {
        var characters: [String] = []
        for character in hanzi where character.isHanCharacter {
            let text = String(character)
            if !characters.contains(text) { characters.append(text) }
        }
        if characters.count == 1, characters[0] == hanzi { characters = [] }
        let found = dictionary.entries(forHeadwords: [hanzi] + characters)
        word = Self.simplifiedFirst(found[hanzi] ?? [], hanzi)
        self.characters = characters.map { ($0, Self.simplifiedFirst(found[$0] ?? [], $0)) }
    }

    /// The entries whose simplified form is `hanzi`, or all when none is.
    private static func simplifiedFirst(_ entries: [DictionaryEntry], _ hanzi: String)
        -> [DictionaryEntry]
    {
        let simplified = entries.filter { $0.simplified == hanzi }
        return simplified.isEmpty ? entries : simplified
    }

    /// Plain lines for the card info screen: the word's entries, then the characters'.
    public var lines: [String] {
        var lines = [" CC-CEDICT"]
        if word.isEmpty {
            lines.append("   (the word itself is not in CC-CEDICT)")
        }
        lines += word.map { "   " + Self.line($0) }
        for (character, entries) in characters {
            if entries.isEmpty {
                lines.append("   \(character)  (not in CC-CEDICT)")
            }
            lines += entries.map { "   " + Self.line($0) }
        }
        return lines
    }

    /// `银行 銀行  yínháng  bank · measure words: 家 jiā, 个 gè`.
    static func line(_ entry: DictionaryEntry) -> String {
        var line = entry.simplified
        if entry.traditional != entry.simplified { line += " " + entry.traditional }
        line += "  " + DictionaryFill.written(numbered: entry.numberedPinyin) + "  "
        line += entry.glosses.joined(separator: "; ")
        if !entry.measureWords.isEmpty {
            let label = entry.measureWords.count == 1 ? "measure word" : "measure words"
            line +=
                " · \(label): "
                + entry.measureWords.map {
                    "\($0.simplified) \(DictionaryFill.written(numbered: $0.numberedPinyin))"
                }.joined(separator: ", ")
        }
        return line
    }
}
