import Foundation

/// One scored answer for the optimizer: a card's history up to and including an answer given at
/// least a day after the one before.
///
/// The last review is the target: the model replays the earlier ones, predicts the chance of
/// recall after the target's elapsed days, and is scored against whether the card was recalled.
/// Same-day answers stay in the history but are never targets, as in Anki and fsrs-rs
/// (`FSRSItem`, `src/dataset.rs`).
public struct TrainingItem: Hashable, Sendable {
    /// One answer of the history: its rating and the whole days since the previous answer.
    public struct Review: Hashable, Sendable {
        /// The rating given.
        public let rating: Rating
        /// Whole days since the card's previous answer; 0 for the first and same-day answers.
        public let elapsedDays: Int

        /// Creates a review.
        public init(_ rating: Rating, elapsedDays: Int) {
            self.rating = rating
            self.elapsedDays = elapsedDays
        }
    }

    /// The answers, oldest first; the last one is the target.
    public let reviews: [Review]

    /// Creates an item, or returns `nil` unless there are at least two reviews, the last one at
    /// least a day after the one before and none with negative days.
    ///
    /// The first review's days are ignored (set to 0): a card's first answer starts its memory.
    public init?(reviews: [Review]) {
        guard reviews.count >= 2, let last = reviews.last, last.elapsedDays >= 1,
            reviews.allSatisfy({ $0.elapsedDays >= 0 })
        else { return nil }
        var reviews = reviews
        reviews[0] = Review(reviews[0].rating, elapsedDays: 0)
        self.reviews = reviews
    }

    /// The answer being predicted.
    public var target: Review { reviews[reviews.count - 1] }

    /// The answers before the target.
    public var history: ArraySlice<Review> { reviews.dropLast() }

    /// Whether the target answer was a recall (any rating but Again).
    public var isRecalled: Bool { target.rating.isPass }

    /// How many answers came at least a day after the previous one, the target included.
    public var longTermReviewCount: Int { reviews.count(where: { $0.elapsedDays > 0 }) }

    // MARK: - Building items from review logs

    /// The items of one card: one for every answer given at least a day after the previous one.
    ///
    /// `history` is the card's whole log, oldest first, with whole days since the previous answer.
    public static func makeItems(history: [Review]) -> [TrainingItem] {
        history.indices.dropFirst().compactMap { index in
            history[index].elapsedDays > 0
                ? TrainingItem(reviews: Array(history[...index])) : nil
        }
    }

    /// The items of many cards, ordered by when their target answers were given.
    ///
    /// Each card's answers are sorted by time; days between answers are counted with
    /// `dayCounting`, as the scheduler counts them. Answers at the same moment keep the order
    /// of `cards`. This order matters: the optimizer weighs recent items more.
    public static func makeItems(
        cards: some Sequence<[PastAnswer]>, dayCounting: DayCounting
    ) -> [TrainingItem] {
        var dated: [(time: Date, item: TrainingItem)] = []
        for answers in cards {
            let sorted = answers.sorted { $0.time < $1.time }
            var history: [Review] = []
            history.reserveCapacity(sorted.count)
            for (index, answer) in sorted.enumerated() {
                let days =
                    index == 0 ? 0 : dayCounting.days(from: sorted[index - 1].time, to: answer.time)
                history.append(Review(answer.rating, elapsedDays: max(days, 0)))
                if index > 0, days > 0, let item = TrainingItem(reviews: history) {
                    dated.append((answer.time, item))
                }
            }
        }
        // A stable sort, so simultaneous answers keep the order they came in.
        return dated.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element.item)
    }
}
