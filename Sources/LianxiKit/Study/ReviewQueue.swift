import Foundation
import SpacedRepetition
import Storage

/// The order of today's cards: learning steps when their minute comes, due reviews most at
/// risk first, and new cards spread through the reviews.
///
/// Pure: built from the cards the database offers, the associate's limits, what they already
/// did today and the time. Cards of a note already studied today wait for another day.
public struct ReviewQueue: Hashable, Sendable {
    /// Cards in learning or relearning, soonest first (shown when due, or early when nothing
    /// else is left and they are due within the learn-ahead window).
    public private(set) var learning: [StudyCard]
    /// Reviews and new cards, in the order they will be shown.
    public private(set) var main: [StudyCard]

    /// How far ahead a learning card may be shown when nothing else is left (Anki: 20 min).
    public static let learnAhead: TimeInterval = 20 * 60

    /// Builds today's queue.
    ///
    /// - Parameters:
    ///   - due: studied cards due by the end of the day.
    ///   - new: candidate new cards in deck order.
    ///   - newLimit: new cards allowed per day.
    ///   - reviewLimit: reviews allowed per day.
    ///   - done: what the associate already did today (it uses up the limits).
    ///   - day: today.
    ///   - now: the time.
    ///   - retrievability: the chance of recall of a card now, to put the most at risk first.
    public init(
        due: [StudyCard], new: [StudyCard], newLimit: Int, reviewLimit: Int,
        done: StudyCounts, day: StudyDay, now: Date,
        retrievability: (StudyCard) -> Double
    ) {
        var seenNotes = done.notesStudied
        learning = due.filter { card in
            switch card.progress.state.phase {
            case .learning, .relearning: true
            case .new, .review: false
            }
        }.sorted { ($0.progress.state.due ?? now) < ($1.progress.state.due ?? now) }
        for card in learning { seenNotes.insert(card.noteId) }

        let reviewBudget = max(0, reviewLimit - done.reviewsDone)
        var reviews: [StudyCard] = []
        let candidates = due.filter {
            $0.progress.state.phase == .review && ($0.progress.state.due ?? now) < day.end
        }
        .map { ($0, retrievability($0)) }
        .sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
        for (card, _) in candidates where reviews.count < reviewBudget {
            guard seenNotes.insert(card.noteId).inserted else { continue }
            reviews.append(card)
        }

        let newBudget = max(0, newLimit - done.newCardsStarted)
        var fresh: [StudyCard] = []
        for card in new where fresh.count < newBudget {
            guard seenNotes.insert(card.noteId).inserted else { continue }
            fresh.append(card)
        }
        main = Self.spread(fresh, through: reviews)
    }

    /// A queue of exactly these cards.
    init(learning: [StudyCard], main: [StudyCard]) {
        self.learning = learning
        self.main = main
    }

    /// Interleaves new cards evenly among reviews (a new card after every few reviews).
    static func spread(_ fresh: [StudyCard], through reviews: [StudyCard]) -> [StudyCard] {
        guard !fresh.isEmpty, !reviews.isEmpty else { return reviews + fresh }
        var result: [StudyCard] = []
        let gap = Double(reviews.count + fresh.count) / Double(fresh.count)
        var nextNew = gap / 2
        var reviewIndex = 0
        var freshIndex = 0
        for position in 0..<(reviews.count + fresh.count) {
            if freshIndex < fresh.count,
                Double(position) >= nextNew.rounded(.down)
                    || reviewIndex == reviews.count
            {
                result.append(fresh[freshIndex])
                freshIndex += 1
                nextNew += gap
            } else {
                result.append(reviews[reviewIndex])
                reviewIndex += 1
            }
        }
        return result
    }

    /// The card to show at `now`, if any: a learning card that is due, else the next card of
    /// the main queue, else a learning card due within the learn-ahead window.
    public func next(at now: Date) -> StudyCard? {
        if let first = learning.first, (first.progress.state.due ?? now) <= now { return first }
        if let first = main.first { return first }
        if let first = learning.first,
            (first.progress.state.due ?? now) <= now.addingTimeInterval(Self.learnAhead)
        {
            return first
        }
        return nil
    }

    /// When the next learning card comes due, if the queue is waiting for one.
    public var nextLearningDue: Date? { learning.first?.progress.state.due }

    /// Cards left: (new, learning, review).
    public var counts: (new: Int, learning: Int, review: Int) {
        let new = main.filter { $0.progress.state.phase == .new }.count
        return (new, learning.count, main.count - new)
    }

    /// Takes `card` out of the queue (answered, buried or suspended).
    public mutating func remove(_ card: StudyCard) {
        learning.removeAll { $0.id == card.id }
        main.removeAll { $0.id == card.id }
    }

    /// Takes every card of a note out of the queue.
    public mutating func removeNote(_ noteId: Int64) {
        learning.removeAll { $0.noteId == noteId }
        main.removeAll { $0.noteId == noteId }
    }

    /// Puts a card back after an answer: into learning if it is due again today.
    public mutating func reinsert(_ card: StudyCard, dayEnd: Date) {
        remove(card)
        switch card.progress.state.phase {
        case .learning, .relearning:
            guard let due = card.progress.state.due, due < dayEnd else { return }
            let index = learning.firstIndex { ($0.progress.state.due ?? due) > due }
            learning.insert(card, at: index ?? learning.endIndex)
        case .new, .review:
            return
        }
    }

    /// Puts a card back at the front, to be shown next (after undo).
    public mutating func restoreToFront(_ card: StudyCard) {
        remove(card)
        main.insert(card, at: 0)
    }
}
