/// The answer checker's verdict on a typed pinyin answer, as it is stored and travels: in the
/// laptop's review log, in the sync protocol and in the server's answer log.
///
/// A closed set, spelled the same everywhere (`correct`, `tones-only`, `wrong`); recognition
/// and writing cards have none.
public enum AnswerVerdict: String, CaseIterable, Hashable, Sendable, Codable {
    /// Every syllable right (tolerated tones included).
    case correct
    /// The right syllables with at least one wrong tone: a tone slip.
    case tonesOnly = "tones-only"
    /// A syllable wrong, missing or extra.
    case wrong
}
