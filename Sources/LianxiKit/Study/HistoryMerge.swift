import Foundation
import SpacedRepetition
import Storage

/// Brings answers from elsewhere into an associate's log, rebuilding card states by replay.
public enum HistoryMerge {
    /// Merges `reviews` into the associate's log (answers already there are skipped) and
    /// replays every card they touch with the associate's scheduler; returns how many were new.
    @discardableResult
    public static func merge(
        _ reviews: [PastReview], into database: StudyDatabase, for associate: Associate
    ) throws -> Int {
        let scheduler = try associate.makeScheduler()
        return try database.mergeReviews(reviews, for: associate.id) { cardId, answers in
            ReplayCheck.outcomes(
                of: answers, cardId: cardId, with: scheduler, associateId: associate.id)
        }
    }
}
