/// A deck's place on the beginner's path: the order in which a new associate meets the decks.
///
/// The place is read off the deck's slug, so the rule also covers decks a later release adds:
/// the starter deck first, then the core decks by HSK 3.0 level (`core1-…`, then `core2-…`,
/// `core3-…`), then every other deck (the business themes, and decks that trainers import).
/// Within a stage, decks follow their slugs (`core1-1-people` before `core1-2-numbers`), so
/// a deck file's name sets its step.
public struct DeckPath: Comparable, Hashable, Sendable {
    /// The stretch of the path a deck belongs to.
    public enum Stage: Comparable, Hashable, Sendable {
        /// The deck for absolute beginners (`starter`).
        case starter
        /// The core words of one HSK 3.0 level (`core1-…` is level 1).
        case core(level: Int)
        /// Business themes and every other deck.
        case themes
    }

    /// The stretch of the path.
    public let stage: Stage
    /// The deck's slug, which orders the decks of one stage.
    public let slug: String

    /// The place on the path of the deck called `slug`.
    public init(slug: String) {
        self.slug = slug
        stage = Self.stage(of: slug)
    }

    /// The slug of the deck a new associate starts with.
    public static let starterSlug = "starter"

    /// Whether `lhs` comes before `rhs` on the path: an earlier stage, or the same stage and
    /// a slug that sorts first (byte by byte, the same on every machine).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.stage != rhs.stage { return lhs.stage < rhs.stage }
        return lhs.slug.utf8.lexicographicallyPrecedes(rhs.slug.utf8)
    }

    private static func stage(of slug: String) -> Stage {
        if slug == starterSlug { return .starter }
        // `core` and one digit, then the end or a hyphen: `core1`, `core2-travel`.
        let rest = slug.utf8.dropFirst(4)
        guard slug.utf8.starts(with: "core".utf8), let digit = rest.first,
            (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(digit),
            rest.count == 1 || rest.dropFirst().first == UInt8(ascii: "-")
        else { return .themes }
        return .core(level: Int(digit - UInt8(ascii: "0")))
    }
}
