/// How one syllable of a typed answer compares with the expected syllable.
///
/// Typed text is quoted as it was typed (`lu4`), since it may not be pinyin at all.
public enum SyllableCheck: Hashable, Sendable {
    /// A leniency that let a typed tone count as right.
    public enum Tolerance: Hashable, Sendable {
        /// A neutral-tone syllable typed with a full tone (`xie4xie4` for xièxie).
        case neutralTone
        /// The tone as spoken after tone sandhi (`ni2hao3` for nǐ hǎo, `bu2shi4` for bù shì).
        case spokenTone
    }

    /// The syllable was typed right.
    case correct(PinyinSyllable)
    /// The tone differs from the expected one, but the options accept it.
    case tolerated(expected: PinyinSyllable, typed: Tone, because: Tolerance)
    /// The letters are right and the tone is wrong: expected `expected.tone`, typed `typed`.
    case wrongTone(expected: PinyinSyllable, typed: Tone)
    /// Something else was typed in place of the syllable (`lu4` for lǜ).
    case wrongSyllable(expected: PinyinSyllable, typed: String)
    /// The syllable was left out.
    case missing(PinyinSyllable)
    /// Text typed beyond the expected syllables.
    case extra(String)

    /// The expected syllable this result is about; `nil` for ``extra(_:)``.
    public var expected: PinyinSyllable? {
        switch self {
        case .correct(let syllable), .missing(let syllable): syllable
        case .tolerated(let syllable, _, _), .wrongTone(let syllable, _),
            .wrongSyllable(let syllable, _):
            syllable
        case .extra: nil
        }
    }

    /// Whether the syllable counts as right, tolerated tones included.
    public var isAccepted: Bool {
        switch self {
        case .correct, .tolerated: true
        case .wrongTone, .wrongSyllable, .missing, .extra: false
        }
    }
}
