import Foundation
import SpacedRepetition
import Storage

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

    /// The status of a card with `progress` (`nil`: never studied).
    public init(_ progress: CardProgress?) {
        guard let state = progress?.state, state.phase != .new else {
            self = .new
            return
        }
        self =
            state.phase == .review && state.intervalDays >= Self.knownInterval ? .known : .learning
    }
}

extension CardState {
    /// The days from the last answer to the due date, rounded; 0 for a new card.
    var intervalDays: Int {
        guard let due, let lastReview else { return 0 }
        let milliseconds = due.millisecondsSince1970 - lastReview.millisecondsSince1970
        return Int(max(0, milliseconds + 43_200_000) / 86_400_000)
    }
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

    mutating func add(_ status: CardStatus) {
        switch status {
        case .new: new += 1
        case .learning: learning += 1
        case .known: known += 1
        }
    }

    /// Counts `cards` by `group`, groups in order of first appearance (or `order`).
    static func count(
        _ cards: [CardFacts], progress: [Int64: CardProgress], order: [String] = [],
        group: (CardFacts) -> String
    ) -> [Coverage] {
        var counts: [String: Coverage] = [:]
        var groups = order
        for card in cards {
            let name = group(card)
            if counts[name] == nil {
                counts[name] = Coverage(group: name)
                if !order.contains(name) { groups.append(name) }
            }
            counts[name]?.add(CardStatus(progress[card.id]))
        }
        return groups.map { counts[$0] ?? Coverage(group: $0) }
    }

    /// The group name of a card's HSK level: `1` … `7-9`, or `none`.
    static func levelName(_ card: CardFacts) -> String { card.hskLevel?.rawValue ?? "none" }

    /// Every HSK level in order, then `none`.
    static let levelOrder = HSKLevel.allCases.map(\.rawValue) + ["none"]

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
