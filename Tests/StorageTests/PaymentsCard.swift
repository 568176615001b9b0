import Foundation
import GRDB
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// A database in memory with the payments deck, associates registered in UTC, and the deck's
/// first card with its row: what a test of the answers to one card starts from.
struct PaymentsCard {
    let database: StudyDatabase
    /// The associates, in the order of the names given.
    let associates: [Associate]
    /// The card's id.
    let card: Int64

    init(associates names: [String]) throws {
        database = try StudyDatabase.inMemory()
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        let database = database
        associates = try names.map {
            try database.registerAssociate(named: $0, timeZone: "UTC", at: DeckImportTests.monday)
                .associate
        }
        let card = try #require(
            try database.cardIds(inDeck: "payments").values.flatMap(\.values).min())
        self.card = card
        try database.writer.write { try CardNumbering.ensureRows([card], in: $0) }
    }

    /// The first moment of the week the deck was imported, in milliseconds.
    var start: Int64 { DeckImportTests.monday.milliseconds }

    /// A card's answers replayed with `scheduler` from a new card, drawing the same numbers on
    /// every replay: what a merge or a retraction rewrites the card's log from.
    static func replay(
        with scheduler: FSRSScheduler
    ) -> @Sendable (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome] {
        { _, answers in
            var state = CardState.new
            var random = SplitMix64(seed: 1)
            return answers.map { answer in
                let outcome = scheduler.review(
                    state, rating: answer.rating, at: answer.time, using: &random)
                state = outcome.card
                return outcome
            }
        }
    }
}
