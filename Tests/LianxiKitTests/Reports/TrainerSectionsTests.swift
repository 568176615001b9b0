import CohortInsights
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// The trainer's sections read from SQLite: ``HandMadeCohort``'s answers stored in a database
/// give the figures worked out by hand, and the same sections as the pure history.
@Suite struct TrainerSectionsTests {
    /// A database holding the deck `pay` and every answer of ``HandMadeCohort``, with verdicts.
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
            #expect(reviews.count == HandMadeCohort.rows.count { $0.associate == name })
            _ = try HistoryMerge.merge(reviews, into: database, for: associate)
        }
        return database
    }

    @Test func sectionsFromSQLiteEqualThePureSections() throws {
        let database = try Self.database()
        let records = try database.insightRecords()
        // The verdicts were stored with the answers: 5 tone slips and 3 wrong syllables.
        let verdicts = records.answers.values.joined().compactMap(\.verdict)
        #expect(verdicts.count { $0 == .tonesOnly } == 5)
        #expect(verdicts.count { $0 == .wrong } == 3)
        let local = try TrainerInsights(
            history: try CohortHistory(records), now: HandMadeCohort.now)
        let pure = try TrainerInsights(
            history: HandMadeCohort.history(), now: HandMadeCohort.now)
        #expect(local.atRisk.map(\.name) == ["ana", "bo", "chen", "eve"])
        #expect(
            local.atRisk[1].reasons == [.backlogGrowing(from: 3, to: 20, days: 7)])
        #expect(local.hardestWords.first?.toneSlips == 3)
        #expect(
            try local.json(sections: [.atRisk, .mistakes])
                == pure.json(sections: [.atRisk, .mistakes]))
        // Every associate of one database holds the deck as it was imported.
        #expect(
            local.deckReleases.map { "\($0.associate) \($0.release)" }
                == HandMadeCohort.associates.map { "\($0) version 3" })
        #expect(local.deckReleases.allSatisfy { $0.isCurrent })
        // eve has never studied, but her 162 new cards (54 notes × 3) make reviews ahead.
        #expect(local.workload.count == 5)
        #expect(local.workload[4].peakReviews > 0)
    }

    @Test func theVerdictSurvivesAReplayOfTheCard() throws {
        let database = try Self.database()
        guard let ana = try database.associate(named: "ana") else {
            Issue.record("ana is missing")
            return
        }
        // A later answer to the same card rebuilds its log rows; the verdicts stay.
        let cardId = try #require(try database.cardIds(inDeck: "pay")["pay-001"]?[.pinyin])
        _ = try HistoryMerge.merge(
            [
                PastReview(
                    id: "later", cardId: cardId, reviewedAt: .utc(2026, 11, 23), rating: .good,
                    duration: 3, verdict: .correct)
            ], into: database, for: ana)
        let verdicts = try database.insightRecords().answers[ana.id]?.map(\.verdict)
        #expect(verdicts == [.tonesOnly, .tonesOnly, .tonesOnly, .correct])
    }

    @Test func progressBundlesCarryVerdicts() throws {
        let source = try Self.database()
        let bundle = try #require(
            try ProgressBundle.make(for: "chen", from: source, at: HandMadeCohort.now))
        let data = try bundle.encoded()
        #expect(String(decoding: data, as: UTF8.self).contains("\"verdict\" : \"tones-only\""))
        let read = try ProgressBundle.decode(data, file: "chen.json", readAt: HandMadeCohort.now)
        let target = try StudyDatabase.inMemory()
        let deck = try DeckReader.read(Data(HandMadeCohort.deckText.utf8), file: "pay.tsv")
        try target.importDeck(deck, at: .utc(2026, 11, 1))
        _ = try BundleImport.merge([(file: "chen.json", bundle: read)], into: target)
        let records = try target.insightRecords()
        let chen = try #require(records.associates.first)
        #expect(
            records.answers[chen.id]?.compactMap(\.verdict) == [.wrong, .wrong, .tonesOnly])
        // A verdict on a reading card, or one outside the set, is refused with its place.
        let text = String(decoding: data, as: UTF8.self)
        let hostile = text.replacingOccurrences(
            of: "\"verdict\" : \"tones-only\"", with: "\"verdict\" : \"tone-ish\"")
        #expect(throws: (any Error).self) {
            try ProgressBundle.decode(
                Data(hostile.utf8), file: "chen.json", readAt: HandMadeCohort.now)
        }
        do {
            _ = try ProgressBundle.decode(
                Data(hostile.utf8), file: "chen.json", readAt: HandMadeCohort.now)
        } catch {
            #expect("\(error)".contains("verdict must be correct, tones-only or wrong"))
        }
    }
}
