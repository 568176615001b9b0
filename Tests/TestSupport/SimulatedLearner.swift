import Foundation
import SpacedRepetition

/// A learner whose memory follows FSRS with known parameters, studying with Lianxi's scheduler:
/// the review histories tests fit parameters to.
///
/// Each card is answered exactly when it falls due. At a review the learner recalls with the
/// chance the `truth` model gives (its own memory of the card, replayed with the same answers)
/// and then answers Hard, Good or Easy 15 / 70 / 15 %; a new card's first answer is Again, Hard,
/// Good or Easy 25 / 5 / 55 / 15 %; a (re)learning step is Good 85 %, Again 15 %.
public struct SimulatedLearner: Sendable {
    /// The parameters of the learner's real memory.
    public let truth: Parameters
    /// The scheduler that decides when cards come due.
    public let scheduler: FSRSScheduler

    /// Parameters clearly unlike the defaults: a first answer lasts longer, forgetting is steeper.
    public static let distinctTruth: Parameters = {
        var values = Parameters.default.values
        values[0...3] = [1.2, 3.0, 7.5, 22.0]
        values[20] = 0.45
        return (try? Parameters(values)) ?? .default
    }()

    /// Creates a learner; `scheduler` defaults to FSRS with the default parameters and fuzz.
    public init(truth: Parameters = distinctTruth, scheduler: FSRSScheduler? = nil) throws {
        self.truth = truth
        self.scheduler = try scheduler ?? FSRSScheduler()
    }

    /// The answers to `cardCount` cards, `newPerDay` introduced a day from `start` on, until
    /// `days` days after `start`; one list per card, oldest first.
    public func answers(
        cardCount: Int, newPerDay: Int, days: Int, start: Date, seed: UInt64
    ) throws -> [[PastAnswer]] {
        let memory = try FSRSScheduler(parameters: truth, fuzzesIntervals: false)
        var generator = SplitMix64(seed: seed)
        let end = start.addingTimeInterval(Double(days) * 86_400)
        return (0..<cardCount).map { index in
            var card = CardState.new
            var remembered = CardState.new
            var time = start.addingTimeInterval(
                Double(index / max(newPerDay, 1)) * 86_400 + Double(index % max(newPerDay, 1)) * 60)
            var answers: [PastAnswer] = []
            while time < end {
                let rating: Rating
                let unit = Double(generator.next() >> 11) * 0x1.0p-53
                switch card.phase {
                case .new:
                    rating =
                        unit < 0.25 ? .again : unit < 0.30 ? .hard : unit < 0.85 ? .good : .easy
                case .learning, .relearning:
                    rating = unit < 0.15 ? .again : .good
                case .review:
                    let recall = memory.retrievability(of: remembered, at: time)
                    if unit >= recall {
                        rating = .again
                    } else {
                        let share = (unit / recall)
                        rating = share < 0.15 ? .hard : share < 0.85 ? .good : .easy
                    }
                }
                answers.append(PastAnswer(rating, at: time))
                card = scheduler.review(card, rating: rating, at: time, using: &generator).card
                remembered =
                    memory.review(remembered, rating: rating, at: time, using: &generator)
                    .card
                guard let due = card.due else { break }
                time = due
            }
            return answers
        }
    }
}
