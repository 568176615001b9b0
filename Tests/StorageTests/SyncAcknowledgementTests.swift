import Foundation
import GRDB
import Testing

@testable import Storage

/// A sync notes the ids the server acknowledged, many to a statement: every one of them leaves
/// the next push, whatever its place among the statements, and ids noted before or sent twice
/// change nothing.
@Suite struct SyncAcknowledgementTests {
    /// Answers on the laptop, and how many of the oldest the server acknowledges: none, all,
    /// and around the statement's size of ``StudyDatabase/acknowledgementsPerStatement``.
    static let cases: [(answers: Int, acknowledged: Int)] = [
        (3, 0), (3, 3), (1_200, 999), (1_200, 1_000), (1_200, 1_001), (2_600, 2_500),
    ]

    @Test(arguments: cases)
    func theAcknowledgedAnswersLeaveTheNextPush(answers: Int, acknowledged: Int) throws {
        // Given: ana's answers, none acknowledged yet
        let given = try PaymentsCard(associates: ["ana"])
        let (database, card, ana) = (given.database, given.card, given.associates[0])
        let ids = (0..<answers).map { String(format: "answer-%05d", $0) }
        try database.writer.write { db in
            for (index, id) in ids.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            phase_before, phase_after, interval_seconds)
                        VALUES (?, ?, ?, ?, 3, 'review', 'review', 86400)
                        """,
                    arguments: [id, ana.id, card, given.start + Int64(index) * 60_000])
            }
        }

        // When: a sync stores the server's acknowledgement of the oldest, some of them twice and
        // one id this laptop does not hold, then another sync stores the same again
        let repeated = Array(ids.prefix(min(acknowledged, 3)))
        let arrival = SyncArrival(
            decks: [], answers: [],
            acknowledged: Array(ids.prefix(acknowledged)) + repeated + ["held-elsewhere"],
            cursor: SyncCursor(releases: 0, answers: 7))
        for _ in 0..<2 {
            _ = try database.storeSync(arrival, for: ana.id, at: Date()) { _, _ in [] }
        }

        // Then: the next push holds exactly the answers not acknowledged, oldest first
        #expect(
            try database.unacknowledgedReviews(of: ana.id).map(\.entry.id)
                == Array(ids.dropFirst(acknowledged)))
        let noted = try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_acknowledged")
        }
        #expect(noted == acknowledged + 1)
        #expect(try database.syncCursor(of: ana.id) == SyncCursor(releases: 0, answers: 7))
    }
}
