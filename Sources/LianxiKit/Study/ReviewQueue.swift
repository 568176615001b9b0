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
    ///
    /// A slice, like `main`, so that taking the first card moves none of the others: a large
    /// collection starts a session with thousands of cards in relearning, and an array shifted
    /// half a megabyte on every answer.
    public private(set) var learning: ArraySlice<QueueCard>
    /// Reviews and new cards, in the order they will be shown (taken from the front).
    public private(set) var main: ArraySlice<QueueCard>
    /// How many cards of `main` are new (kept up to date, since the header shows it after
    /// every answer and `main` can hold tens of thousands of cards).
    private var newInMain: Int

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
        due: [QueueCard], new: [QueueCard], newLimit: Int, reviewLimit: Int,
        done: StudyCounts, day: StudyDay, now: Date,
        retrievability: (QueueCard) -> Double
    ) {
        var seenNotes = done.notesStudied
        let learningCards = due.filter { card in
            switch card.progress.state.phase {
            case .learning, .relearning: true
            case .new, .review: false
            }
        }
        learning =
            learningCards.sorted {
                ($0.progress.state.due ?? now) < ($1.progress.state.due ?? now)
            }[...]
        for card in learning { seenNotes.insert(card.noteId) }

        let reviewBudget = max(0, reviewLimit - done.reviewsDone)
        var reviews: [QueueCard] = []
        // Sorted as small keys pointing into `due` (a large collection has tens of thousands
        // of reviews due, and a queued card is large to move).
        var risks: [(recall: Double, id: Int64, index: Int)] = []
        risks.reserveCapacity(due.count)
        for (index, card) in due.enumerated()
        where card.progress.state.phase == .review && (card.progress.state.due ?? now) < day.end {
            risks.append((retrievability(card), card.id, index))
        }
        risks.sort { ($0.recall, $0.id) < ($1.recall, $1.id) }
        for risk in risks where reviews.count < reviewBudget {
            let card = due[risk.index]
            guard seenNotes.insert(card.noteId).inserted else { continue }
            reviews.append(card)
        }

        let newBudget = max(0, newLimit - done.newCardsStarted)
        var fresh: [QueueCard] = []
        for card in new where fresh.count < newBudget {
            guard seenNotes.insert(card.noteId).inserted else { continue }
            fresh.append(card)
        }
        main = Self.spread(fresh, through: reviews)[...]
        newInMain = fresh.count
    }

    /// A queue of exactly these cards.
    init(learning: some Collection<QueueCard>, main: some Collection<QueueCard>) {
        self.learning = ArraySlice(learning)
        self.main = ArraySlice(main)
        newInMain = main.count(where: { $0.progress.state.phase == .new })
    }

    /// Interleaves new cards evenly among reviews (a new card after every few reviews).
    static func spread(_ fresh: [QueueCard], through reviews: [QueueCard]) -> [QueueCard] {
        guard !fresh.isEmpty, !reviews.isEmpty else { return reviews + fresh }
        var result: [QueueCard] = []
        result.reserveCapacity(reviews.count + fresh.count)
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
    public func next(at now: Date) -> QueueCard? {
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
        (newInMain, learning.count, main.count - newInMain)
    }

    /// Takes `card` out of the queue (answered, buried or suspended).
    public mutating func remove(_ card: QueueCard) {
        // The card answered is nearly always the first of one of the two lists (the one it was
        // shown from): a large collection has thousands of cards in each.
        if learning.first?.id == card.id {
            learning.removeFirst()
        } else if main.first?.id == card.id {
            removeFromMain(at: main.startIndex)
        } else if let index = learning.firstIndex(where: { $0.id == card.id }) {
            learning.remove(at: index)
        } else if let index = main.firstIndex(where: { $0.id == card.id }) {
            removeFromMain(at: index)
        }
    }

    /// Takes every card of a note out of the queue.
    public mutating func removeNote(_ noteId: Int64) {
        learning.removeAll { $0.noteId == noteId }
        while let index = main.firstIndex(where: { $0.noteId == noteId }) {
            removeFromMain(at: index)
        }
    }

    private mutating func removeFromMain(at index: ArraySlice<QueueCard>.Index) {
        let removed = index == main.startIndex ? main.removeFirst() : main.remove(at: index)
        if removed.progress.state.phase == .new { newInMain -= 1 }
    }

    /// Puts a card back after an answer: into learning if it is due again today.
    public mutating func reinsert(_ card: QueueCard, dayEnd: Date) {
        remove(card)
        switch card.progress.state.phase {
        case .learning, .relearning:
            guard let due = card.progress.state.due, due < dayEnd else { return }
            learning.insert(card, at: learningIndex(after: due))
        case .new, .review:
            return
        }
    }

    /// Where a learning card due at `due` goes: after every card due by then, so that cards
    /// due at the same moment keep the order they were answered in.
    ///
    /// A binary search: `learning` is sorted by due time, and a session on a large collection
    /// holds thousands of cards in it.
    func learningIndex(after due: Date) -> ArraySlice<QueueCard>.Index {
        var (low, high) = (learning.startIndex, learning.endIndex)
        while low < high {
            let middle = low + (high - low) / 2
            if (learning[middle].progress.state.due ?? due) > due {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// Puts a card back at the front, to be shown next (after undo).
    public mutating func restoreToFront(_ card: QueueCard) {
        remove(card)
        main.insert(card, at: main.startIndex)
        if card.progress.state.phase == .new { newInMain += 1 }
    }
}
