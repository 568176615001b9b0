/// How well the associate remembered a card; the raw values 1–4 are stored in the review log.
public enum Rating: Int, CaseIterable, Codable, Comparable, Sendable {
    /// Forgot the card.
    case again = 1
    /// Remembered it with serious difficulty.
    case hard = 2
    /// Remembered it after a moment's thought.
    case good = 3
    /// Remembered it at once.
    case easy = 4

    /// Whether the card was remembered (every rating but Again).
    public var isPass: Bool { self != .again }

    /// Compares ratings by their grade.
    public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.rawValue < rhs.rawValue }
}
