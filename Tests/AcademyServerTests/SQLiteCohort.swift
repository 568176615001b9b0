import CohortInsights
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport

/// ``HandMadeCohort`` on a laptop: a SQLite database holding the deck `pay` and every answer
/// with its verdict (as `Tests/LianxiKitTests/Reports/TrainerSectionsTests` builds it).
enum SQLiteCohort {
    static func database() throws -> StudyDatabase {
        let database = try StudyDatabase.inMemory()
        let deck = try DeckReader.read(Data(HandMadeCohort.deckText.utf8), file: "pay.tsv")
        try database.importDeck(deck, at: .utc(2026, 11, 1))
        let cards = try database.cardIds(inDeck: HandMadeCohort.deck)
        for name in HandMadeCohort.associates {
            let associate = try database.registerAssociate(
                named: name, timeZone: "UTC", at: .utc(2026, 11, 1)
            ).associate
            let reviews = HandMadeCohort.rows.enumerated()
                .filter { $0.element.associate == name }
                .compactMap { index, row -> PastReview? in
                    guard let kind = CardKind(rawValue: row.side),
                        let cardId = cards[row.note]?[kind],
                        let rating = Rating(rawValue: row.rating)
                    else { return nil }
                    return PastReview(
                        id: "answer-\(index)", cardId: cardId, reviewedAt: row.at,
                        rating: rating, duration: 5,
                        verdict: row.verdict.flatMap(AnswerVerdict.init(rawValue:)))
                }
            _ = try HistoryMerge.merge(reviews, into: database, for: associate)
        }
        return database
    }
}
