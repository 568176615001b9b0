import Foundation

/// A spaced-repetition algorithm: answers a card and tells how likely it is to be recalled.
///
/// Schedulers are pure values: time and randomness come in as arguments. FSRS and SM-2 both
/// conform, so an associate can choose either.
public protocol Scheduler: Sendable {
    /// Answers `card` with `rating` at `time`; fuzz, if on, draws from `generator`.
    func review(
        _ card: CardState, rating: Rating, at time: Date,
        using generator: inout some RandomNumberGenerator
    ) -> ReviewOutcome

    /// The chance that a card with `basis` is recalled at `time`: 0 for a memory of another
    /// scheduler.
    func retrievability(of basis: RecallBasis, at time: Date) -> Double

    /// How the scheduler counts the days between answers.
    var dayCounting: DayCounting { get }
}

/// One past answer, as the review log keeps it.
public struct PastAnswer: Hashable, Sendable {
    /// The rating given.
    public let rating: Rating
    /// When it was given.
    public let time: Date

    /// Creates a past answer.
    public init(_ rating: Rating, at time: Date) {
        self.rating = rating
        self.time = time
    }
}

/// The four outcomes of answering a card now, one per rating.
public struct Previews: Hashable, Sendable {
    /// The outcome of Again.
    public let again: ReviewOutcome
    /// The outcome of Hard.
    public let hard: ReviewOutcome
    /// The outcome of Good.
    public let good: ReviewOutcome
    /// The outcome of Easy.
    public let easy: ReviewOutcome

    /// The outcome for `rating`.
    public subscript(rating: Rating) -> ReviewOutcome {
        switch rating {
        case .again: again
        case .hard: hard
        case .good: good
        case .easy: easy
        }
    }
}

extension Scheduler {
    /// The chance that `card` is recalled at `time`: 0 for a card never answered.
    public func retrievability(of card: CardState, at time: Date) -> Double {
        card.recallBasis.map { retrievability(of: $0, at: time) } ?? 0
    }

    /// The four possible outcomes of answering `card` at `time`.
    ///
    /// They show the next interval beside each grade. Each outcome draws from its own copy of
    /// `generator`, so answering later with the same generator gives exactly the outcome
    /// previewed.
    public func previews(
        of card: CardState, at time: Date, using generator: some RandomNumberGenerator
    ) -> Previews {
        func outcome(_ rating: Rating) -> ReviewOutcome {
            var copy = generator
            return review(card, rating: rating, at: time, using: &copy)
        }
        return Previews(
            again: outcome(.again), hard: outcome(.hard), good: outcome(.good),
            easy: outcome(.easy))
    }

    /// The state a card reaches by answering `history` from new, in time order.
    ///
    /// Used to reschedule after a change of parameters or scheduler, and to check that stored
    /// states match the review log. Answers are sorted by time first.
    public func replay(
        _ history: [PastAnswer], using generator: inout some RandomNumberGenerator
    ) -> CardState {
        var card = CardState.new
        for answer in history.sorted(by: { $0.time < $1.time }) {
            card = review(card, rating: answer.rating, at: answer.time, using: &generator).card
        }
        return card
    }
}
