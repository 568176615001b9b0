import Foundation
import GRDB
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// A retraction from the academy deletes answers and rewrites what is left of each card's log
/// from its replay: what the associate gave (rating, time, typed answer, verdict) stays.
@Suite struct RetractionTests {
    @Test func theAnswersLeftOnTheCardKeepWhatWasTypedAndTheCheckersVerdict() throws {
        // Given: three typed answers of ana's to a card, each with a verdict
        let payments = try PaymentsCard(associates: ["ana"])
        let (database, card, start, ana) =
            (payments.database, payments.card, payments.start, payments.associates[0])
        let given: [(id: String, minutes: Int64, typed: String, verdict: String)] = [
            ("one", 0, "zhi1fu4", "correct"), ("two", 10, "zhi2fu4", "tones-only"),
            ("three", 20, "zhifu", "wrong"),
        ]
        try database.writer.write { db in
            for answer in given {
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            duration_ms, typed_answer, phase_before, phase_after,
                            interval_seconds, verdict)
                        VALUES (?, ?, ?, ?, 3, 4000, ?, 'review', 'review', 600, ?)
                        """,
                    arguments: [
                        answer.id, ana.id, card, start + answer.minutes * 60_000, answer.typed,
                        answer.verdict,
                    ])
            }
        }

        // When: the first is retracted and the card replayed
        let replay = PaymentsCard.replay(with: try FSRSScheduler())
        let deleted = try database.writer.write { db in
            try StudyDatabase.retract(db, ["one"], for: ana.id, replay: replay)
        }

        // Then: the other two keep their typed answers, verdicts and durations
        #expect(deleted == 1)
        let left = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, typed_answer, verdict, duration_ms, phase_before FROM review_log
                    ORDER BY reviewed_at_ms
                    """)
        }
        #expect(left.map { $0["id"] as String } == ["two", "three"])
        #expect(left.map { $0["typed_answer"] as String } == ["zhi2fu4", "zhifu"])
        #expect(left.map { $0["verdict"] as String? } == ["tones-only", "wrong"])
        #expect(left.map { $0["duration_ms"] as Int64 } == [4000, 4000])
        #expect(left.first?["phase_before"] as String? == "new")
    }
}
