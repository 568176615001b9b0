import Foundation
import SpacedRepetition
import Storage
import TestSupport
import Testing

@testable import LianxiKit

/// A card answered in learning goes back among the learning cards by its due time.
@Suite struct LearningQueueTests {
    static let monday = StudyFixture.mondayMorning
    static let dayEnd = monday + 12 * 3_600

    /// A relearning card with id `id`, due `minutes` after Monday morning.
    static func relearning(_ id: Int64, dueIn minutes: Double) throws -> QueueCard {
        let state = try #require(
            CardState(
                restoring: .relearning(step: 0),
                memory: .fsrs(MemoryState(stability: 2, difficulty: 5)),
                lastReview: monday - 86_400, due: monday + minutes * 60, reps: 3, lapses: 1))
        return QueueCard(
            id: id, kind: .recognition, noteId: id,
            progress: CardProgress(
                state: state, isSuspended: false, buriedUntil: nil, isLeech: false))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        /// The learning cards' due times in minutes, soonest first (their ids are 1, 2, 3 and on).
        let learning: [Double]
        /// How many of them were answered (taken from the front) before the reinsert.
        let answered: Int
        /// The reinserted card: its id (a new one, or one still queued) and due time.
        let card: Int64
        let dueIn: Double
        /// The learning cards' ids afterwards.
        let expected: [Int64]
        let testDescription: String
    }

    static let cases: [Case] = [
        Case(
            learning: [], answered: 0, card: 9, dueIn: 10, expected: [9],
            testDescription: "into an empty list"),
        Case(
            learning: [20, 30], answered: 0, card: 9, dueIn: 10, expected: [9, 1, 2],
            testDescription: "before every card due later"),
        Case(
            learning: [5, 20], answered: 0, card: 9, dueIn: 10, expected: [1, 9, 2],
            testDescription: "between an earlier and a later card"),
        Case(
            learning: [10, 10], answered: 0, card: 9, dueIn: 10, expected: [1, 2, 9],
            testDescription: "after the cards due at the same moment"),
        Case(
            learning: [5], answered: 0, card: 9, dueIn: 30, expected: [1, 9],
            testDescription: "after every card due sooner"),
        Case(
            learning: [5, 20], answered: 0, card: 1, dueIn: 30, expected: [2, 1],
            testDescription: "a queued card moves to its new place"),
        Case(
            learning: [1, 2, 3, 10, 20, 30], answered: 3, card: 9, dueIn: 15,
            expected: [4, 9, 5, 6], testDescription: "after the first cards were answered"),
        Case(
            learning: [1, 2, 3, 10, 20, 30], answered: 3, card: 9, dueIn: 40,
            expected: [4, 5, 6, 9], testDescription: "at the end, after answers"),
        Case(
            learning: [5, 20], answered: 0, card: 9, dueIn: 13 * 60, expected: [1, 2],
            testDescription: "not at all when due after the day ends"),
    ]

    @Test(arguments: cases)
    func aReinsertedCardTakesItsPlaceByDueTime(_ example: Case) throws {
        // Given learning cards soonest first, of which the first few were answered
        let learning = try example.learning.enumerated().map { index, minutes in
            try Self.relearning(Int64(index + 1), dueIn: minutes)
        }
        var queue = ReviewQueue(learning: learning, main: [QueueCard]())
        for card in learning.prefix(example.answered) {
            queue.remove(card)
        }

        // When a card is put back after an answer
        queue.reinsert(
            try Self.relearning(example.card, dueIn: example.dueIn), dayEnd: Self.dayEnd)

        // Then it comes after every card due by then, before those due later
        #expect(queue.learning.map(\.id) == example.expected)
        #expect(queue.counts.learning == example.expected.count)
    }
}
