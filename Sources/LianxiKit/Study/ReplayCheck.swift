import Foundation
import SpacedRepetition
import Storage

/// Checks that every stored card state is what replaying the review log gives.
///
/// The review log is the source of truth; the card states are a cache of its replay. Fuzz is
/// drawn from a generator seeded by associate, card and answer count, so the replay meets the
/// same intervals.
public enum ReplayCheck {
    /// Card ids whose stored state differs from the replay of their answers.
    public static func mismatches(in database: StudyDatabase, for associate: Associate) throws
        -> [Int64]
    {
        try examine(in: database, for: associate).mismatched
    }

    /// Replays every card of `associate` in one pass over their log (one snapshot: another
    /// process may be storing answers while this runs); returns how many answers were
    /// replayed and the card ids, in order, whose stored state differs from the replay.
    public static func examine(in database: StudyDatabase, for associate: Associate) throws
        -> (answers: Int, mismatched: [Int64])
    {
        let scheduler = try associate.makeScheduler()
        var mismatched: [Int64] = []
        let answers = try database.forEachCardHistory(of: associate.id) { card in
            let replayed =
                outcomes(
                    of: card.answers, cardId: card.cardId, with: scheduler,
                    associateId: associate.id
                ).last?.card ?? .new
            // A card with answers and no state differs too.
            if card.stored?.state != replayed { mismatched.append(card.cardId) }
        }
        return (answers, mismatched)
    }

    /// The state a card reaches by replaying `entries` (oldest first).
    public static func replay(
        _ entries: [ReviewLogEntry], cardId: Int64, with scheduler: any Scheduler,
        associate: Associate
    ) -> CardState {
        let answers = entries.map { PastAnswer($0.rating, at: $0.reviewedAt) }
        return outcomes(of: answers, cardId: cardId, with: scheduler, associateId: associate.id)
            .last?.card ?? .new
    }

    /// The outcome of each answer of a card, replayed from new with the fuzz a session draws.
    public static func outcomes(
        of answers: [PastAnswer], cardId: Int64, with scheduler: any Scheduler,
        associateId: Int64
    ) -> [ReviewOutcome] {
        var card = CardState.new
        return answers.map { answer in
            var generator = ReviewSession.fuzzGenerator(
                associateId: associateId, cardId: cardId, reps: card.reps)
            let outcome = scheduler.review(
                card, rating: answer.rating, at: answer.time, using: &generator)
            card = outcome.card
            return outcome
        }
    }
}
