import CohortReporting
import Foundation
import SpacedRepetition
import TestSupport
import Testing

@testable import LianxiKit
@testable import Storage

/// The tally per quarter hour that `lianxi stats` reads, against the answers it counts.
@Suite struct AnswerTallyTests {
    /// The fixture's deck, with ana and bo answering the same three cards (card ids are shared
    /// between associates, so every lookup must keep to one associate's answers).
    private struct Log {
        let database: StudyDatabase
        let associates: [Associate]
        let cards: [Int64]

        init() throws {
            let fixture = try StudyFixture()
            database = fixture.database
            let bo = try database.registerAssociate(
                named: "bo", timeZone: "UTC", at: StudyFixture.mondayMorning
            ).associate
            associates = [fixture.associate, bo]
            let ids = try database.cardIds(inDeck: "test")
            cards = [
                try #require(ids["t-001"]?[.recognition]),
                try #require(ids["t-001"]?[.production]),
                try #require(ids["t-002"]?[.recognition]),
            ]
            let cards = cards
            try database.writer.write { db in try CardNumbering.ensureRows(cards, in: db) }
        }

        /// An answer as it stands in the log.
        struct Row {
            let id: String
            let associate: Int64
            let card: Int64
            let milliseconds: Int64
            let rating: Int
            let duration: Int64?
            let phase: String
            let interval: Double
        }

        /// Inserts answers in one transaction, as every write path ends up inserting them.
        func insert(_ rows: [Row]) throws {
            try database.writer.write { db in
                for row in rows {
                    try db.execute(
                        sql: """
                            INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms,
                                rating, duration_ms, phase_before, phase_after, interval_seconds)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 'review', ?)
                            """,
                        arguments: [
                            row.id, row.associate, row.card, row.milliseconds, row.rating,
                            row.duration, row.phase, row.interval,
                        ])
                }
            }
        }

        /// The tally counted from the log in its order by the statistics' own classifier.
        func recount(of associate: Associate) throws -> [QuarterHourTally] {
            var classifier = RetentionClassifier()
            var tallies: [Int64: QuarterHourTally] = [:]
            for entry in try database.reviewLog(for: associate.id) {
                let phase = PhaseName(rawValue: entry.phaseBefore) ?? .learning
                let (counts, isMature) = classifier.classify(
                    AnswerFacts(
                        cardId: entry.cardId, reviewedAt: entry.reviewedAt, rating: entry.rating,
                        duration: entry.duration, phaseBefore: phase, interval: entry.interval))
                let milliseconds = entry.reviewedAt.millisecondsSince1970
                let quarterHour = Int64((Double(milliseconds) / 900_000).rounded(.down))
                var tally = tallies[quarterHour] ?? QuarterHourTally(quarterHour: quarterHour)
                tally.answers += 1
                tally.durationMilliseconds +=
                    entry.duration.map { Int64(($0 * 1000).rounded()) } ?? 0
                if phase == .new { tally.newCards += 1 }
                if counts {
                    switch (isMature, entry.rating == .again) {
                    case (false, false): tally.youngPassed += 1
                    case (false, true): tally.youngFailed += 1
                    case (true, false): tally.maturePassed += 1
                    case (true, true): tally.matureFailed += 1
                    }
                }
                tallies[quarterHour] = tally
            }
            return tallies.values.sorted { $0.quarterHour < $1.quarterHour }
        }

        /// Whether the migration's fill, run now, gives the rows the triggers keep.
        func fillMatchesTheTable() throws -> Bool {
            try database.writer.read { db in
                let columns = """
                    associate_id, quarter_hour, answers, duration_ms, new_cards, young_passed,
                    young_failed, mature_passed, mature_failed
                    """
                let differences = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (
                            SELECT * FROM (\(AnswerTallyTable.recount))
                            EXCEPT SELECT \(columns) FROM answer_tally)
                        """)
                let extra = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (SELECT \(columns) FROM answer_tally
                            EXCEPT SELECT * FROM (\(AnswerTallyTable.recount)))
                        """)
                return differences == 0 && extra == 0
            }
        }
    }

    /// Times near quarter-hour boundaries, a few milliseconds apart: answers tie, and one
    /// inserted or deleted falls between others of its card.
    private static let moments: [Int64] = [0, 1, 899_999, 900_000, 900_001, 2_700_000].flatMap {
        base in [base, base + 86_400_000 * 3]
    }.map { Date.utc(2026, 3, 1).millisecondsSince1970 + $0 }

    /// Intervals either side of 21 days (rounded to the nearest day: 20.5 is mature).
    private static let intervals: [Double] = [
        60, 600, 3 * 86_400, 20.5 * 86_400 - 0.001, 20.5 * 86_400, 21 * 86_400, 400 * 86_400,
    ]

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func theTallyFollowsEveryInsertAndDelete(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let log = try Log()
        var ids: [String] = []
        let phases = ["new", "learning", "review", "review", "relearning"]
        for step in 0..<120 {
            let associate = try #require(log.associates.randomElement(using: &random))
            let card = try #require(log.cards.randomElement(using: &random))
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                // An answer at any time: after, before or between the card's others.
                let id = String(format: "%04x", Int.random(in: 0..<65_536, using: &random))
                guard !ids.contains(id) else { continue }
                ids.append(id)
                try log.insert([
                    Log.Row(
                        id: id, associate: associate.id, card: card,
                        milliseconds: try #require(Self.moments.randomElement(using: &random)),
                        rating: Int.random(in: 1...4, using: &random),
                        duration: Bool.random(using: &random)
                            ? Int64.random(in: 0...90_000, using: &random) : nil,
                        phase: try #require(phases.randomElement(using: &random)),
                        interval: try #require(Self.intervals.randomElement(using: &random)))
                ])
            case 6..<8:
                // Undo: the associate's latest answer to the card, or one in the middle.
                let history = try log.database.history(of: card, for: associate.id)
                guard !history.isEmpty else { continue }
                let victim =
                    Bool.random(using: &random)
                    ? history[history.count - 1]
                    : history[Int.random(in: 0..<history.count, using: &random)]
                try log.database.undo(
                    answerId: victim.id, restoring: .new, cardId: card, associateId: associate.id)
                ids.removeAll { $0 == victim.id }
            default:
                // A merge of answers from another device, older than some already here: the
                // card's whole log is replayed and written again.
                let merged = (0..<Int.random(in: 1...3, using: &random)).map { index in
                    PastReview(
                        id: "m\(step)-\(index)", cardId: card,
                        reviewedAt: Date(
                            milliseconds: Self.moments.randomElement(using: &random) ?? 0),
                        rating: Rating(rawValue: Int.random(in: 1...4, using: &random)) ?? .good,
                        duration: 12.5)
                }
                ids += merged.map(\.id)
                try log.database.mergeReviews(merged, for: associate.id) { cardId, answers in
                    ReplayCheck.outcomes(
                        of: answers, cardId: cardId, with: SM2Scheduler(),
                        associateId: associate.id)
                }
            }
            for associate in log.associates {
                let expected = try log.recount(of: associate)
                let (stored, recounted) = try log.database.answerTallyAndRecount(
                    of: associate.id)
                #expect(stored == expected, "step \(step), \(associate.name)")
                #expect(recounted == expected, "step \(step), \(associate.name)")
                // The quarter hours a session's summary counts its streak from.
                #expect(
                    try log.database.answerQuarterHours(for: associate.id)
                        == expected.map {
                            Date(timeIntervalSince1970: Double($0.quarterHour) * 900)
                        },
                    "step \(step), \(associate.name)")
            }
        }
        // The answers above reached both young and mature cards, and the migration's fill
        // counts what the triggers kept.
        let tallies = try log.associates.flatMap { try log.database.answerTally(of: $0.id) }
        #expect(tallies.contains { $0.maturePassed + $0.matureFailed > 0 })
        #expect(tallies.contains { $0.youngPassed + $0.youngFailed > 0 })
        #expect(try log.fillMatchesTheTable())
    }

    /// A history of some thousand answers over eight weeks around the 2026 changes to and
    /// from daylight saving time (8 March in North America, 29 March in Europe, 5 April on
    /// Lord Howe and the Chatham Islands), many of them on quarter-hour boundaries.
    private static func historyAcrossDaylightSaving() throws -> Log {
        var random = SeededGenerator(seed: 17)
        let log = try Log()
        let start = Date.utc(2026, 2, 20).millisecondsSince1970 / 900_000
        let phases = ["new", "learning", "review", "review", "review", "relearning"]
        let rows = (0..<1_500).map { index in
            let quarterHour = start + Int64.random(in: 0..<(56 * 96), using: &random)
            let within: Int64 =
                [0, 1, 899_999, Int64.random(in: 0..<900_000, using: &random)]
                .randomElement(using: &random) ?? 0
            return Log.Row(
                id: "h\(index)", associate: log.associates[0].id,
                card: log.cards.randomElement(using: &random) ?? log.cards[0],
                milliseconds: quarterHour * 900_000 + within,
                rating: Int.random(in: 1...4, using: &random),
                // Whole seconds, and times that sum to a tie at a tenth of a minute.
                duration: [nil, 3_000, 1_500, Int64.random(in: 0...60_000, using: &random)]
                    .randomElement(using: &random) ?? nil,
                phase: phases.randomElement(using: &random) ?? "review",
                interval: intervals.randomElement(using: &random) ?? 60)
        }
        try log.insert(rows)
        return log
    }

    @Test(arguments: [
        ("UTC", 4), ("Asia/Kolkata", 4), ("Asia/Kathmandu", 0), ("America/St_Johns", 23),
        ("America/St_Johns", 2), ("America/New_York", 2), ("Europe/London", 1),
        ("Australia/Lord_Howe", 4), ("Pacific/Chatham", 3), ("America/Sao_Paulo", 0),
    ])
    func statisticsFromTheTallyEqualThoseFromEveryAnswer(zone: String, rolloverHour: Int)
        throws
    {
        let log = try Self.historyAcrossDaylightSaving()
        var associate = log.associates[0]
        associate.timeZone = zone
        associate.rolloverHour = rolloverHour
        #expect(associate.hasKnownTimeZone)
        let everyAnswer = try log.database.studySnapshot(for: associate.id)
        let tallied = try log.database.studySnapshot(for: associate.id, detail: .quarterHours)
        for now in [
            Date.utc(2026, 3, 8, 9), Date.utc(2026, 3, 29, 1, 7), Date.utc(2026, 4, 5, 14),
            Date.utc(2026, 4, 17, 23, 59),
        ] {
            let fromAnswers = try StudyStatistics(
                snapshot: everyAnswer, associate: associate, now: now)
            let fromTally = try StudyStatistics(snapshot: tallied, associate: associate, now: now)
            #expect(fromTally == fromAnswers, "\(zone) \(rolloverHour) \(now)")
            #expect(try fromTally.json() == fromAnswers.json())
            #expect(fromTally.reviewsPerDay.contains { $0.answers > 0 })
            #expect(fromTally.retention.contains { $0.retention.mature.total > 0 })
        }
    }
}
