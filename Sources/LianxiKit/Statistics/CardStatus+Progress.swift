import CohortReporting
import Foundation
import SpacedRepetition
import Storage

extension CardStatus {
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

extension Coverage {
    /// Counts `cards` by `group`, groups in order of first appearance (or `order`).
    static func count(
        _ cards: [CardFacts], progress: [Int64: CardProgress], order: [String] = [],
        group: (CardFacts) -> String
    ) -> [Coverage] {
        count(
            cards, statuses: cards.map { CardStatus(progress[$0.id]) }, order: order, group: group)
    }

    /// Counts `cards`, whose statuses are `statuses` (in the same order), by `group`, groups in
    /// order of first appearance (or `order`).
    static func count(
        _ cards: [CardFacts], statuses: [CardStatus], order: [String] = [],
        group: (CardFacts) -> String
    ) -> [Coverage] {
        var groups = order.map(Coverage.init(group:))
        var index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // Cards of one group mostly come together (a deck's cards): the last group is tried
        // before the dictionary.
        var last: (name: String, index: Int)?
        for (card, status) in zip(cards, statuses) {
            let name = group(card)
            let position: Int
            if let last, last.name == name {
                position = last.index
            } else if let known = index[name] {
                position = known
            } else {
                position = groups.count
                index[name] = position
                groups.append(Coverage(group: name))
            }
            last = (name, position)
            groups[position].add(status)
        }
        return groups
    }

    /// The group name of a card's HSK level: `1` … `7-9`, or `none`.
    static func levelName(_ card: CardFacts) -> String { card.hskLevel?.rawValue ?? "none" }
}
