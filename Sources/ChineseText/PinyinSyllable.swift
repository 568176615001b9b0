/// One syllable of Hanyu Pinyin: its letters, its tone, and whether it takes an erhua `r`.
///
/// A value always holds a syllable of standard Mandarin: it comes from parsing, or from
/// ``init(letters:tone:isErhua:isCapitalized:)``, which refuses letters that are not one.
public struct PinyinSyllable: Hashable, Sendable, CustomStringConvertible {
    /// The letters without tone or erhua, lower case, with ü written `ü`: `hao`, `nü`, `ju`.
    public let letters: String
    /// The tone of the syllable.
    public let tone: Tone
    /// Whether the syllable ends in a merged erhua `r`, as in diǎnr (点儿).
    public let isErhua: Bool
    /// Whether the first letter is a capital, as in proper nouns (Běijīng).
    public let isCapitalized: Bool

    /// Makes a syllable from its letters, or returns `nil` if they are not a Mandarin syllable.
    ///
    /// `letters` are lower case and write ü as `ü` (`nü`, `lüe`); after j, q, x and y either `u` or
    /// `ü` is accepted (`ju`, `jü`).
    public init?(letters: String, tone: Tone, isErhua: Bool = false, isCapitalized: Bool = false) {
        let spelling = SyllableTable.standardSpelling(of: letters)
        guard SyllableTable.contains(spelling) else { return nil }
        self.init(
            checkedLetters: spelling, tone: tone, isErhua: isErhua, isCapitalized: isCapitalized)
    }

    /// Reads exactly one syllable, in any spelling that ``Pinyin/init(parsing:)`` accepts.
    public init(parsing text: String) throws(PinyinError) {
        let pinyin = try Pinyin(parsing: text)
        guard pinyin.syllables.count == 1, let syllable = pinyin.syllables.first else {
            throw .notASyllable(text, position: 0)
        }
        self = syllable
    }

    init(checkedLetters letters: String, tone: Tone, isErhua: Bool, isCapitalized: Bool) {
        // e with erhua sounds and is spelled exactly like er; keep one form so values compare.
        let mergesIntoEr = isErhua && letters == "e"
        self.letters = mergesIntoEr ? "er" : letters
        self.tone = tone
        self.isErhua = isErhua && !mergesIntoEr
        self.isCapitalized = isCapitalized
    }

    /// The syllable with tone marks, as printed in dictionaries: `hǎo`, `lǜ`, `diǎnr`.
    public var toneMarked: String {
        var characters = Array(letters)
        if let index = ToneMarkPlacement.markedIndex(in: characters) {
            characters[index] = ToneMarkPlacement.marked(characters[index], tone: tone)
        }
        return capitalizedIfNeeded(String(characters) + (isErhua ? "r" : ""))
    }

    /// The syllable with a tone number, 5 for the neutral tone: `hao3`, `lü4`, `dianr3`, `ma5`.
    public var toneNumbered: String {
        capitalizedIfNeeded(letters + (isErhua ? "r" : "") + String(tone.number))
    }

    /// The tone-marked spelling.
    public var description: String { toneMarked }

    /// Whether the two syllables sound the same: same letters, erhua and tone, whatever the case.
    public func soundsLike(_ other: PinyinSyllable) -> Bool {
        hasSameLetters(as: other) && tone == other.tone
    }

    /// The same syllable with another tone.
    public func replacingTone(with tone: Tone) -> PinyinSyllable {
        PinyinSyllable(
            checkedLetters: letters, tone: tone, isErhua: isErhua, isCapitalized: isCapitalized)
    }

    /// The same syllable with or without a merged erhua `r`.
    public func settingErhua(_ isErhua: Bool) -> PinyinSyllable {
        PinyinSyllable(
            checkedLetters: letters, tone: tone, isErhua: isErhua, isCapitalized: isCapitalized)
    }

    /// Whether the letters and erhua agree, ignoring tone and case.
    func hasSameLetters(as other: PinyinSyllable) -> Bool {
        letters == other.letters && isErhua == other.isErhua
    }

    /// Whether the syllable starts with a, o or e, and so needs an apostrophe inside a word.
    var startsWithVowel: Bool {
        guard let first = letters.first else { return false }
        return "aoeê".contains(first)
    }

    private func capitalizedIfNeeded(_ text: String) -> String {
        guard isCapitalized, let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
