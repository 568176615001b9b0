/// Where a tone mark goes in a syllable, and how the marked letter is written.
///
/// The rule of the 1958 Hanyu Pinyin scheme: the mark goes on `a` or `e` if there is one, on the
/// `o` of `ou`, and otherwise on the last vowel (`liù`, `guǐ`). Syllables without a vowel (`ń`,
/// `ňg`, `hm̀`) carry it on their `n` or `m`.
enum ToneMarkPlacement {
    /// The letters that count as vowels for placing a mark.
    static let vowels: Set<Character> = ["a", "e", "ê", "i", "o", "u", "ü"]

    /// Each markable letter written with the first, second, third and fourth tone marks.
    ///
    /// Some of these have no precomposed form (`ê̄`, `m̄`, `n̄`); they are written with combining
    /// marks, which is still one `Character`.
    static let markedForms: [Character: [Character]] = [
        "a": ["ā", "á", "ǎ", "à"],
        "e": ["ē", "é", "ě", "è"],
        "i": ["ī", "í", "ǐ", "ì"],
        "o": ["ō", "ó", "ǒ", "ò"],
        "u": ["ū", "ú", "ǔ", "ù"],
        "ü": ["ǖ", "ǘ", "ǚ", "ǜ"],
        "ê": ["\u{EA}\u{304}", "ế", "\u{EA}\u{30C}", "ề"],
        "m": ["m\u{304}", "ḿ", "m\u{30C}", "m\u{300}"],
        "n": ["n\u{304}", "ń", "ň", "ǹ"],
    ]

    /// The index of the letter that carries the tone mark, or `nil` if no letter can carry one.
    static func markedIndex(in letters: [Character]) -> Int? {
        if let index = letters.firstIndex(of: "a") {
            return index
        }
        if let index = letters.firstIndex(where: { $0 == "e" || $0 == "ê" }) {
            return index
        }
        if let index = letters.firstIndex(of: "o"), letters.dropFirst(index + 1).first == "u" {
            return index
        }
        if let index = letters.lastIndex(where: { vowels.contains($0) }) {
            return index
        }
        return letters.firstIndex(where: { $0 == "m" || $0 == "n" })
    }

    /// Whether the letter counts as a vowel for placing a mark (see ``vowels``).
    static func isVowel(_ letter: Unicode.Scalar) -> Bool {
        switch letter {
        case "a", "e", "ê", "i", "o", "u", "ü": true
        default: false
        }
    }

    /// ``markedIndex(in:)`` for letters given as scalars, each a letter of pinyin.
    static func markedIndex(in letters: [Unicode.Scalar]) -> Int? {
        if let index = letters.firstIndex(of: "a") {
            return index
        }
        if let index = letters.firstIndex(where: { $0 == "e" || $0 == "ê" }) {
            return index
        }
        if let index = letters.firstIndex(of: "o"), letters.dropFirst(index + 1).first == "u" {
            return index
        }
        if let index = letters.lastIndex(where: isVowel) {
            return index
        }
        return letters.firstIndex(where: { $0 == "m" || $0 == "n" })
    }

    /// The letter written with the mark of `tone`; unchanged for the neutral tone.
    static func marked(_ letter: Character, tone: Tone) -> Character {
        guard tone != .neutral, let forms = markedForms[letter] else { return letter }
        return forms[tone.rawValue - 1]
    }
}
