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
}
