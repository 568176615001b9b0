import Foundation
import SpacedRepetition

/// What happens to one card answered with a sequence of ratings, each when it comes due.
///
/// Trainers use it to show associates how the schedule grows and shrinks with their answers.
public struct AnswerWalkthrough: Sendable {
    /// One answer of the walkthrough.
    public struct Step: Hashable, Sendable {
        /// The answer's position, from 1.
        public let number: Int
        /// The outcome of the answer.
        public let outcome: ReviewOutcome
        /// The chance of recall just before the answer (0 for the first).
        public let retrievabilityBefore: Double
    }

    /// The answers, in order.
    public let steps: [Step]

    /// Answers a new card with `ratings` in turn, starting at `start`, each answer when the
    /// card comes due; fuzz, if the scheduler uses it, is seeded by `seed`.
    public init(
        ratings: [Rating], scheduler: some Scheduler, start: Date, seed: UInt64 = 0
    ) {
        var generator = SplitMix64(seed: seed)
        var card = CardState.new
        var time = start
        var steps: [Step] = []
        for (index, rating) in ratings.enumerated() {
            let before = scheduler.retrievability(of: card, at: time)
            let outcome = scheduler.review(card, rating: rating, at: time, using: &generator)
            steps.append(Step(number: index + 1, outcome: outcome, retrievabilityBefore: before))
            card = outcome.card
            time = card.due ?? time
        }
        self.steps = steps
    }
}
