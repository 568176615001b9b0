import CohortInsights
import Foundation
import SpacedRepetition
import Storage

extension CohortHistory {
    /// The history the trainer's sections read from a laptop's or the academy office's
    /// database: every associate with their settings (time zone, rollover hour, target,
    /// FSRS parameters, limits), their answers with the checker's verdicts, and the release
    /// of each deck the database holds (every associate of one database holds the same).
    ///
    /// Throws ``UnreadableParameters`` when an associate's stored FSRS parameters cannot be read.
    public init(_ records: InsightRecords) throws {
        var associates: [AssociateHistory] = []
        for associate in records.associates {
            if let stored = associate.unreadableParameters {
                throw UnreadableParameters(associate: associate.name, stored: stored)
            }
            let parameters = try associate.fsrsParameters.map { try Parameters($0) } ?? .default
            associates.append(
                AssociateHistory(
                    name: associate.name, displayName: associate.displayName,
                    targetRetention: associate.desiredRetention,
                    dayCounting: associate.dayCounting, parameters: parameters,
                    newCardsPerDay: associate.newCardsPerDay,
                    reviewsPerDay: associate.maxReviewsPerDay,
                    newCardsLeft: records.newCardsLeft[associate.id] ?? 0,
                    answers: records.answers[associate.id] ?? [],
                    releases: records.deckReleases))
        }
        self.init(
            associates: associates, words: records.words,
            latestReleases: Dictionary(
                records.deckReleases.map { ($0.deck, $0.release) }
            ) { first, _ in first })
    }
}
