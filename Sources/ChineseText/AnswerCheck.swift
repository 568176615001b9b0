/// The result of checking a typed pinyin answer: a verdict and what happened to each syllable.
public struct AnswerCheck: Hashable, Sendable {
    /// The overall outcome, independent of any rating scale.
    public enum Verdict: Hashable, Sendable {
        /// Every syllable was right (tolerated tones included).
        case correct
        /// Every syllable had the right letters, but at least one tone was wrong.
        case tonesOnly
        /// A syllable was wrong, missing or extra.
        case wrong
    }

    /// The overall outcome.
    public let verdict: Verdict
    /// One result per expected syllable, in order, with extra typed text where it was typed.
    public let syllables: [SyllableCheck]
    /// The accepted reading the answer was compared with: the expected one or an alternative.
    public let expected: Pinyin
    /// Why the typed text is not valid pinyin, if it is not (for a hint such as "“xq” at position
    /// 3 is not a pinyin syllable").
    public let typedProblem: PinyinError?

    /// The typed text read as pinyin, split as orthography splits it; `nil` if it is not pinyin.
    public let typedReading: Pinyin?

    /// Whether the answer counts as right.
    public var isCorrect: Bool { verdict == .correct }

    /// Whether the typed letters are those of the expected syllables but split otherwise, as
    /// `xian1` (先 xiān, one syllable) for 西安 xī'ān or `fangan` (fan-gan) for fāng'àn: the
    /// break needs an apostrophe or tone numbers.
    public var readsAsOtherSyllables: Bool {
        guard let typedReading else { return false }
        let typed = typedReading.syllables.map { $0.letters.lowercased() }
        let wanted = expected.syllables.map { $0.letters.lowercased() }
        return typed != wanted && typed.joined() == wanted.joined()
    }

    /// The expected syllables with their breaks marked as a learner can type them: an
    /// apostrophe before a syllable starting with a, o or e (`xi'an`, `fang'an`).
    public var expectedWithBreaks: String {
        var text = ""
        for (index, syllable) in expected.syllables.enumerated() {
            let letters = syllable.letters.lowercased()
            if index > 0, let first = letters.first, "aoe".contains(first) { text += "'" }
            text += letters
        }
        return text
    }
}
