import Foundation
import GRDB
import TestSupport
import Testing

@testable import Storage

/// The answers a sync pushes carry the interval their card had before them: the one the same
/// associate's previous answer to the card scheduled.
@Suite struct UnacknowledgedReviewsTests {
    @Test func thePreviousIntervalIsTheSameAssociatesNotAnotherOnTheSameLaptop() throws {
        // Given: ana answers a card twice, then ben (on the same laptop) answers it for the
        // first time, then once more
        let given = try PaymentsCard(associates: ["ana", "ben"])
        let (database, card, start) = (given.database, given.card, given.start)
        let (ana, ben) = (given.associates[0], given.associates[1])
        let answers: [(id: String, associate: Int64, minutes: Int64, interval: Double)] = [
            ("a1", ana.id, 0, 600), ("a2", ana.id, 10, 86_400 * 30),
            ("b1", ben.id, 20, 900), ("b2", ben.id, 30, 86_400 * 2),
        ]
        try database.writer.write { db in
            for answer in answers {
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            phase_before, phase_after, interval_seconds)
                        VALUES (?, ?, ?, ?, 3, 'review', 'review', ?)
                        """,
                    arguments: [
                        answer.id, answer.associate, card, start + answer.minutes * 60_000,
                        answer.interval,
                    ])
            }
        }

        // When: each associate's answers are read for a push
        let anas = try database.unacknowledgedReviews(of: ana.id)
        let bens = try database.unacknowledgedReviews(of: ben.id)

        // Then: ben's first answer has none before it (ana's 30 days are not his)
        #expect(anas.map(\.entry.id) == ["a1", "a2"])
        #expect(anas.map(\.previousInterval) == [nil, 600])
        #expect(bens.map(\.entry.id) == ["b1", "b2"])
        #expect(bens.map(\.previousInterval) == [nil, 900])
    }
}
