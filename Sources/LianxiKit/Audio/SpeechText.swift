import ChineseText

/// What espeak-ng is given to say a note's word: its own pinyin, syllable by syllable with
/// tone numbers (`yin2 hang2`), never its hanzi.
///
/// From hanzi espeak-ng picks one reading per character and misreads business polyphones
/// (银行 as yínxíng, 会计 as huìjì, 还款 as háikuǎn); the note's pinyin says which reading is
/// meant. Its `cmn-latn-pinyin` voice reads numbered pinyin as Mandarin, with ü written `ü`
/// and the neutral tone as 5.
public enum SpeechText {
    /// The espeak-ng voice that reads Latin letters as pinyin (`cmn` reads them as English).
    public static let voice = "cmn-latn-pinyin"

    /// The text to synthesise for `pinyin` (a note's reading, in any spelling the answer
    /// checker accepts), or `nil` when it is not pinyin.
    public static func input(forPinyin pinyin: String) -> String? {
        guard let parsed = try? Pinyin(parsing: pinyin), !parsed.syllables.isEmpty else {
            return nil
        }
        return parsed.syllables.map { $0.toneNumbered.lowercased() }.joined(separator: " ")
    }

    /// How many syllables the input holds (what its duration is measured against).
    public static func syllableCount(ofInput input: String) -> Int {
        input.split(separator: " ").count
    }
}
