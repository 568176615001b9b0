import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// `StudyDatabase.implausibleValues`, which the fuzzer asks after every input it imports: it
/// must see the values a hostile bundle used to store, and nothing in a real history.
@Suite struct StoredValuesTests {
    private func database(with reviews: (Int64) -> [PastReview]) throws -> StudyDatabase {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "test", title: "Test", source: "test.tsv"),
                notes: StudyFixture.words.map {
                    NoteContent(
                        key: $0.0, hanzi: $0.1, pinyin: $0.2, english: $0.3, partOfSpeech: "noun")
                }),
            at: StudyFixture.mondayMorning)
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: StudyFixture.mondayMorning
        ).associate
        let card = try #require(
            try database.cardIds(inDeck: "test").values.flatMap(\.values).min())
        try HistoryMerge.merge(reviews(card), into: database, for: associate)
        return database
    }

    @Test func aRealHistoryHasNothingImplausible() throws {
        let database = try database { card in
            (0..<6).map { day in
                PastReview(
                    id: "a-\(day)", cardId: card,
                    reviewedAt: StudyFixture.mondayMorning + Double(day) * 86_400,
                    rating: day == 2 ? .again : .good, duration: 12.5)
            }
        }
        #expect(try database.implausibleValues(at: .utc(2026, 11, 21)).isEmpty)
    }

    @Test func whatAHostileBundleStoredBeforeIsSeen() throws {
        // The values bundles could bring before they were range-checked
        let database = try database { card in
            [
                PastReview(
                    id: "old", cardId: card, reviewedAt: .utc(1970, 1, 1), rating: .good,
                    duration: 5),
                PastReview(
                    id: "long", cardId: card, reviewedAt: StudyFixture.mondayMorning,
                    rating: .good, duration: 1e12),
                PastReview(
                    id: "future", cardId: card, reviewedAt: .utc(2100, 1, 1), rating: .good,
                    duration: 5),
            ]
        }

        let found = try database.implausibleValues(at: .utc(2026, 11, 21))

        #expect(found.contains { $0.hasPrefix("answer at an implausible time: \"old\"") })
        #expect(found.contains { $0.hasPrefix("answer at an implausible time: \"future\"") })
        #expect(found.contains { $0.hasPrefix("answer that took implausibly long: \"long\"") })
        #expect(found.contains { $0.hasPrefix("card last answered at an implausible time") })
    }
}
