/// A Mandarin tone: one of the four lexical tones, or the neutral tone.
///
/// The raw values are the tone numbers of numbered pinyin (`ma3`), with 5 for the neutral tone.
public enum Tone: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// The high, level first tone (mā).
    case first = 1
    /// The rising second tone (má).
    case second = 2
    /// The low, dipping third tone (mǎ).
    case third = 3
    /// The falling fourth tone (mà).
    case fourth = 4
    /// The light neutral tone (ma), written without a mark and numbered 5 or 0.
    case neutral = 5

    /// Reads a tone number: 1 to 4, and 5 or 0 for the neutral tone.
    public init?(number: Int) {
        if number == 0 {
            self = .neutral
        } else if let tone = Tone(rawValue: number) {
            self = tone
        } else {
            return nil
        }
    }

    /// The number written after a syllable in numbered pinyin, 1 to 5.
    public var number: Int { rawValue }

    /// The combining mark that shows this tone above a vowel, or `nil` for the neutral tone.
    public var combiningMark: Unicode.Scalar? {
        switch self {
        case .first: "\u{304}"
        case .second: "\u{301}"
        case .third: "\u{30C}"
        case .fourth: "\u{300}"
        case .neutral: nil
        }
    }

    /// The tone number as text, such as "3".
    public var description: String { String(rawValue) }
}
