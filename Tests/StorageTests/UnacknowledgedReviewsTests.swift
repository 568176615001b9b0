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

    /// Seeds of logs in which many answers share a minute (ties broken by id), answers already
    /// acknowledged sit between those not, and two associates answer the same cards.
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6]

    @Test(arguments: seeds)
    func thePreviousIntervalIsTheAnswerJustBeforeInTimeThenId(seed: UInt64) throws {
        // Given: four cards of the deck, and 80 answers by ana and ben at random minutes of a
        // quarter hour, with ids in no order of time, some acknowledged
        let given = try PaymentsCard(associates: ["ana", "ben"])
        let database = given.database
        let cards = Array(
            try database.cardIds(inDeck: "payments").values.flatMap(\.values).sorted().prefix(4))
        try database.writer.write { try CardNumbering.ensureRows(cards, in: $0) }
        var random = SeededGenerator(seed: seed)
        let answers = (0..<80).map { index in
            Answer(
                id: "id-\(Int.random(in: 0..<1_000_000, using: &random))-\(index)",
                associate: given.associates[Int.random(in: 0..<2, using: &random)].id,
                card: cards[Int.random(in: 0..<cards.count, using: &random)],
                time: given.start + Int64.random(in: 0..<15, using: &random) * 60_000,
                interval: Double(60 * (index + 1)), acknowledged: Bool.random(using: &random))
        }
        try database.writer.write { db in
            for answer in answers {
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            phase_before, phase_after, interval_seconds, acknowledged)
                        VALUES (?, ?, ?, ?, 3, 'review', 'review', ?, ?)
                        """,
                    arguments: [
                        answer.id, answer.associate, answer.card, answer.time, answer.interval,
                        answer.acknowledged,
                    ])
            }
        }

        for associate in given.associates {
            // When: the associate's unacknowledged answers are read for a push
            let pushed = try database.unacknowledgedReviews(of: associate.id)

            // Then: each carries the interval of the associate's answer to its card just
            // before it, acknowledged or not, ordered by time and then by id
            let expected: [Answer] = answers.filter {
                $0.associate == associate.id && !$0.acknowledged
            }
            .sorted { ($0.time, $0.id) < ($1.time, $1.id) }
            #expect(pushed.map(\.entry.id) == expected.map(\.id))
            #expect(pushed.map(\.previousInterval) == expected.map { $0.previous(in: answers) })
        }
    }

    /// Ids at one moment whose byte order is not the order Swift gives their strings (Swift
    /// compares canonically equivalent text as equal: "e" and a combining acute accent sort as
    /// "é"), written in the order given.
    static let idsAtOneMoment: [[String]] = [
        ["e\u{301}x", "\u{E9}a", "a", "z"],
        ["\u{E9}a", "e\u{301}x", "\u{1F600}", "\u{FFFD}", "A", "a-10", "a-9"],
        ["b", "a"],
    ]

    @Test(arguments: idsAtOneMoment)
    func answersAtOneMomentComeInTheOrderOfTheirIdsBytes(_ ids: [String]) throws {
        // Given: answers to one card written at one moment, in no order of their ids, and an
        // earlier and a later one written after them
        let given = try PaymentsCard(associates: ["ana"])
        let (database, card, start) = (given.database, given.card, given.start)
        let written = ids.map { ($0, start) } + [("later", start + 1), ("earlier", start - 1)]
        try database.writer.write { db in
            for (id, time) in written {
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            phase_before, phase_after, interval_seconds)
                        VALUES (?, ?, ?, ?, 3, 'review', 'review', 60)
                        """, arguments: [id, given.associates[0].id, card, time])
            }
        }

        // When: they are read for a push
        let pushed = try database.unacknowledgedReviews(of: given.associates[0].id)

        // Then: they come as SQLite orders them by time and then by the id's bytes
        let ordered = try database.writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM review_log ORDER BY reviewed_at_ms, id")
        }
        #expect(pushed.map(\.entry.id) == ordered)
        #expect(ordered.first == "earlier" && ordered.last == "later")
    }

    /// One answer of ``thePreviousIntervalIsTheAnswerJustBeforeInTimeThenId(seed:)``.
    struct Answer {
        let id: String
        let associate: Int64
        let card: Int64
        let time: Int64
        let interval: Double
        let acknowledged: Bool

        /// The interval of the same associate's last answer to the card before this one.
        func previous(in answers: [Answer]) -> Double? {
            answers.filter {
                $0.associate == associate && $0.card == card && ($0.time, $0.id) < (time, id)
            }
            .max { ($0.time, $0.id) < ($1.time, $1.id) }?.interval
        }
    }
}
