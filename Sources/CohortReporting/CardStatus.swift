import Foundation
import SpacedRepetition

/// Where an associate stands with a card, for coverage counts.
///
/// - new: never answered;
/// - learning: answered, but not yet known: in learning or relearning steps, or on review with
///   an interval under 21 days;
/// - known: on review with an interval of 21 days or more, Anki's "mature" (FSRS then expects
///   the card to be recalled three weeks after its last answer at the desired retention).
public enum CardStatus: String, CaseIterable, Hashable, Sendable {
    /// Never answered.
    case new
    /// Answered, not yet known.
    case learning
    /// On review with an interval of at least ``knownInterval`` days.
    case known

    /// The interval, in days, from which a card on review counts as known (Anki's "mature").
    public static let knownInterval = 21
}

/// How many cards of a group (an HSK level, a deck) are new, learning and known.
public struct Coverage: Hashable, Sendable, Encodable {
    /// The group: a deck slug, an HSK level (`1` … `7-9`) or `none`.
    public let group: String
    /// Cards never answered.
    public var new = 0
    /// Cards answered but not yet known.
    public var learning = 0
    /// Cards known.
    public var known = 0

    /// Creates an empty count for `group`.
    public init(group: String) {
        self.group = group
    }

    /// All cards of the group.
    public var total: Int { new + learning + known }

    /// Cards answered at least once.
    public var started: Int { learning + known }

    /// Counts one card of `status`.
    public mutating func add(_ status: CardStatus) {
        switch status {
        case .new: new += 1
        case .learning: learning += 1
        case .known: known += 1
        }
    }

    /// Every HSK level in order, then `none`.
    /// (The levels of `HSKLevel`, written out: this module knows no deck; a test keeps the two
    /// equal.)
    public static let levelOrder = ["1", "2", "3", "4", "5", "6", "7-9", "none"]

    private enum CodingKeys: String, CodingKey { case group, new, learning, known, total }

    /// Encodes the counts and their total.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(group, forKey: .group)
        try container.encode(new, forKey: .new)
        try container.encode(learning, forKey: .learning)
        try container.encode(known, forKey: .known)
        try container.encode(total, forKey: .total)
    }
}
