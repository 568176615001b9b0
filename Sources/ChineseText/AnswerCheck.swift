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

    /// Whether the answer counts as right.
    public var isCorrect: Bool { verdict == .correct }
}
