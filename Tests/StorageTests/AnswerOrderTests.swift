import Foundation
import GRDB
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// One order of answers everywhere: time to the millisecond, then id (``AnswerOrder``).
@Suite struct AnswerOrderTests {
    static let noon = Date.utc(2026, 11, 2, 12)

    @Test(
        arguments: [
            // (now, latest answer so far, stamped time), in milliseconds after noon
            (0, nil, 0), (5, 4, 5), (5, 5, 6), (5, 9, 10), (0, -1, 0),
        ] as [(Int64, Int64?, Int64)])
    func anAnswerIsStampedAfterTheLatestOne(now: Int64, latest: Int64?, stamped: Int64) {
        let base = Self.noon.milliseconds
        let time = AnswerOrder.time(
            ofAnswerAt: Date(milliseconds: base + now),
            after: latest.map { Date(milliseconds: base + $0) })
        #expect(time.milliseconds == base + stamped)
        #expect(time == Date(milliseconds: base + stamped))
    }

    @Test func aClockBetweenMillisecondsIsRoundedAsTheDatabaseKeepsIt() {
        let time = AnswerOrder.time(ofAnswerAt: Self.noon + 0.000_4, after: nil)
        #expect(time == Self.noon)
    }

    @Test(
        arguments: [
            (0, "b", 1, "a", true), (1, "a", 0, "b", false), (0, "a", 0, "b", true),
            (0, "b", 0, "a", false), (0, "a", 0, "a", false),
            // Bytes, as SQLite compares them: "Z" (0x5A) before "a" (0x61), "é" (0xC3…) after "z".
            (0, "Z", 0, "a", true), (0, "z", 0, "é", true),
        ] as [(Int64, String, Int64, String, Bool)])
    func answersComeInTimeThenIdOrder(
        time: Int64, id: String, otherTime: Int64, otherId: String, precedes: Bool
    ) {
        let base = Self.noon.milliseconds
        #expect(
            AnswerOrder.precedes(
                Date(milliseconds: base + time), id, Date(milliseconds: base + otherTime), otherId)
                == precedes)
    }

    @Test func everyReaderPutsTwoAnswersOfTheSameMillisecondInTheLogsOrder() throws {
        // Given two answers to one card in the same millisecond (merged from two devices),
        // stored with the later id first
        let database = try StudyDatabase.inMemory()
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        let ana = try database.registerAssociate(
            named: "ana", timeZone: "UTC", at: DeckImportTests.monday
        ).associate
        let card = try #require(
            try database.cardIds(inDeck: "payments").values.first?[.recognition])
        let time = Self.noon.milliseconds
        try database.writer.write { db in
            try CardNumbering.ensureRows([card], in: db)
            for (id, rating, phase) in [("b", 3, "learning"), ("a", 1, "new")] {
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            phase_before, phase_after, interval_seconds)
                        VALUES (?, ?, ?, ?, ?, ?, 'learning', 60)
                        """, arguments: [id, ana.id, card, time, rating, phase])
            }
        }

        // Then the log, a card's history, the export and the statistics read "a" first
        #expect(try database.reviewLog(for: ana.id).map(\.id) == ["a", "b"])
        #expect(try database.history(of: card, for: ana.id).map(\.id) == ["a", "b"])
        #expect(try database.reviewLogAndProgress(for: ana.id).log.map(\.id) == ["a", "b"])
        #expect(try database.reviewsForExport(associate: "ana").map(\.entry.id) == ["a", "b"])
        let snapshot = try database.studySnapshot(for: ana.id)
        #expect(snapshot.answers[ana.id]?.map(\.rating) == [.again, .good])
        #expect(try database.studySnapshot().answers[ana.id]?.map(\.rating) == [.again, .good])
    }

    @Test func theLatestAnswerTimeIsTheAssociatesOwn() throws {
        let database = try StudyDatabase.inMemory()
        let ana = try database.registerAssociate(
            named: "ana", timeZone: "UTC", at: DeckImportTests.monday
        ).associate
        #expect(try database.latestAnswerTime(for: ana.id) == nil)
    }
}
