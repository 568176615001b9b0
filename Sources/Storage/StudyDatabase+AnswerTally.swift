import Foundation
import GRDB

/// What one associate's answers in one UTC quarter hour add up to, as `lianxi stats` counts
/// them: answers, time spent, cards started, and the answers true retention counts.
///
/// Kept in `answer_tally` by triggers on the review log (see ``AnswerTallyTable``), so that
/// statistics read a row per quarter hour studied instead of every answer. A quarter hour lies
/// in one study day whatever the associate's time zone and rollover hour (`DayNumbering`
/// explains why), so the rows need no rebuilding when those settings change.
public struct QuarterHourTally: Hashable, Sendable {
    /// The quarter hour: it starts `quarterHour` × 15 minutes after 1970-01-01 00:00 UTC.
    public var quarterHour: Int64
    /// Answers given.
    public var answers = 0
    /// Milliseconds spent on them (answers without a measured time count 0).
    public var durationMilliseconds: Int64 = 0
    /// Answers to cards that were new: the cards started.
    public var newCards = 0
    /// Answers other than Again to young cards on review (the interval before the answer was
    /// under 21 days).
    public var youngPassed = 0
    /// Answers Again to young cards on review.
    public var youngFailed = 0
    /// Answers other than Again to mature cards on review (an interval of 21 days or more).
    public var maturePassed = 0
    /// Answers Again to mature cards on review.
    public var matureFailed = 0

    /// Creates a tally.
    public init(
        quarterHour: Int64, answers: Int = 0, durationMilliseconds: Int64 = 0, newCards: Int = 0,
        youngPassed: Int = 0, youngFailed: Int = 0, maturePassed: Int = 0, matureFailed: Int = 0
    ) {
        self.quarterHour = quarterHour
        self.answers = answers
        self.durationMilliseconds = durationMilliseconds
        self.newCards = newCards
        self.youngPassed = youngPassed
        self.youngFailed = youngFailed
        self.maturePassed = maturePassed
        self.matureFailed = matureFailed
    }

    /// The first moment of the quarter hour.
    public var start: Date { Date(milliseconds: quarterHour * Self.milliseconds) }

    /// The quarter hour holding the moment `milliseconds` after 1970 (rounded down, before
    /// 1970 too).
    public static func quarterHour(of milliseconds: Int64) -> Int64 {
        milliseconds / Self.milliseconds - (milliseconds % Self.milliseconds < 0 ? 1 : 0)
    }

    /// Whether the card of an answer was mature: its previous answer scheduled
    /// `previousInterval` seconds (0 before a first answer), which rounds to 21 days or more.
    ///
    /// Compared as the triggers compare it (`interval / 86400.0 >= 20.5`), which is the same
    /// as rounding to the nearest day for every interval.
    public static func isMature(previousInterval: Double) -> Bool {
        previousInterval / 86_400 >= 20.5
    }

    static let milliseconds: Int64 = 900_000
}

/// The table `answer_tally` and the triggers that keep it (see the migration).
enum AnswerTallyTable {
    /// The quarter hour of a moment in milliseconds, rounded down (SQLite's `/` and `%`
    /// truncate towards zero).
    private static func quarterHour(_ milliseconds: String) -> String {
        "\(milliseconds) / 900000 - (\(milliseconds) % 900000 < 0)"
    }

    /// Whether an interval in seconds makes the next answer's card mature (as
    /// ``QuarterHourTally/isMature(previousInterval:)``).
    private static func isMature(_ interval: String) -> String {
        "\(interval) / 86400.0 >= 20.5"
    }

    /// The id of the answer just before `row`'s (same associate and card, in the log's order:
    /// time, then id), or just after it.
    ///
    /// Two `max` (or `min`) lookups in the card's time index rather than `ORDER BY
    /// reviewed_at_ms DESC, id DESC LIMIT 1`: sorting by id made SQLite open a sorter on every
    /// answer stored, which took ten times as long as the lookups.
    private static func neighbour(of row: String, before: Bool) -> String {
        let (comparison, extreme) = before ? ("<", "max") : (">", "min")
        return """
            (SELECT \(extreme)(id) FROM review_log
                    WHERE card_id = \(row).card_id AND associate_id = \(row).associate_id
                        AND (reviewed_at_ms, id) \(comparison) (\(row).reviewed_at_ms, \(row).id)
                        AND reviewed_at_ms = (SELECT \(extreme)(reviewed_at_ms) FROM review_log
                            WHERE card_id = \(row).card_id
                                AND associate_id = \(row).associate_id
                                AND reviewed_at_ms \(comparison)= \(row).reviewed_at_ms
                                AND (reviewed_at_ms, id)
                                    \(comparison) (\(row).reviewed_at_ms, \(row).id)))
            """
    }

    /// The interval the answer before `row`'s scheduled, or 0 when it is the card's first.
    private static func previousInterval(_ row: String) -> String {
        """
        coalesce((SELECT interval_seconds FROM review_log
                WHERE id = \(neighbour(of: row, before: true))), 0)
        """
    }

    /// Adds `row`'s answer to its quarter hour (`sign` 1) or takes it away (`sign` -1).
    ///
    /// The kind of answer for true retention is worked out once, in a subquery that SQLite
    /// does not merge into the statement (`OFFSET`), so the previous answer is looked up once.
    /// Taking away never adds a row (`EXISTS`): the tally's rows go with their associate.
    private static func count(_ row: String, sign: Int) -> String {
        let s = sign < 0 ? "-" : ""
        let quarter = quarterHour("\(row).reviewed_at_ms")
        let existing =
            sign < 0
            ? """
            EXISTS (SELECT 1 FROM answer_tally
                        WHERE associate_id = \(row).associate_id AND quarter_hour = \(quarter))
            """
            : "true"
        return """
            INSERT INTO answer_tally (associate_id, quarter_hour, answers, duration_ms,
                    new_cards, young_passed, young_failed, mature_passed, mature_failed)
                SELECT \(row).associate_id, \(quarter), \(s)1, \(s)coalesce(\(row).duration_ms, 0),
                    \(s)(\(row).phase_before = 'new'), \(s)(kind = 1), \(s)(kind = 2), \(s)(kind = 3),
                    \(s)(kind = 4)
                FROM (SELECT CASE WHEN \(row).phase_before <> 'review' THEN 0
                        WHEN \(isMature(previousInterval(row))) THEN 3 + (\(row).rating = 1)
                        ELSE 1 + (\(row).rating = 1) END AS kind
                    LIMIT 1 OFFSET 0)
                WHERE \(existing)
                ON CONFLICT (associate_id, quarter_hour) DO UPDATE SET
                    answers = answers + excluded.answers,
                    duration_ms = duration_ms + excluded.duration_ms,
                    new_cards = new_cards + excluded.new_cards,
                    young_passed = young_passed + excluded.young_passed,
                    young_failed = young_failed + excluded.young_failed,
                    mature_passed = mature_passed + excluded.mature_passed,
                    mature_failed = mature_failed + excluded.mature_failed;
            """
    }

    /// Moves the answer after `row`'s (same associate and card), if it is on review, from
    /// young to mature or back when the interval before it changes from `before` to `after`.
    ///
    /// An update of the row that answer is counted in, found by its time, only when the
    /// answer moves: otherwise (no answer after, as for an answer given now, or one whose card
    /// stays young or mature) only the lookups of the answers before and after run.
    private static func moveFollowing(_ row: String, before: String, after: String) -> String {
        let following = neighbour(of: row, before: false)
        let shift = "((\(isMature(after))) - (\(isMature(before))))"
        let passed = "(SELECT rating > 1 FROM review_log WHERE id = \(following))"
        return """
            UPDATE answer_tally SET
                    young_passed = young_passed - \(shift) * \(passed),
                    young_failed = young_failed - \(shift) * (1 - \(passed)),
                    mature_passed = mature_passed + \(shift) * \(passed),
                    mature_failed = mature_failed + \(shift) * (1 - \(passed))
                WHERE associate_id = \(row).associate_id
                    AND quarter_hour = (SELECT \(quarterHour("reviewed_at_ms")) FROM review_log
                        WHERE id = \(following) AND phase_before = 'review')
                    AND \(shift) <> 0;
            """
    }

    /// The interval the previous answer to the same card by the same associate scheduled, in
    /// a query over the log, or 0.
    private static let previousIntervalInOrder = """
        coalesce(lag(interval_seconds) OVER (
                    PARTITION BY card_id, associate_id ORDER BY reviewed_at_ms, id), 0)
        """

    /// The tally's rows counted from the whole log: the migration's fill (frozen with it).
    ///
    /// The log is read in the card index's order, so that SQLite sorts only each card's few
    /// answers by associate, time and id (sorting the whole log first took twice as long).
    static let recount = """
        SELECT associate_id, quarter_hour, count(*), sum(coalesce(duration_ms, 0)),
            sum(phase_before = 'new'),
            sum(review AND NOT mature AND rating > 1), sum(review AND NOT mature AND rating = 1),
            sum(review AND mature AND rating > 1), sum(review AND mature AND rating = 1)
        FROM (SELECT associate_id, \(quarterHour("reviewed_at_ms")) AS quarter_hour,
                duration_ms, phase_before, rating, phase_before = 'review' AS review,
                \(isMature(previousIntervalInOrder)) AS mature
            FROM review_log INDEXED BY review_log_by_card_time)
        GROUP BY associate_id, quarter_hour
        """

    /// Creates the table, fills it from the log, and creates the triggers that keep it.
    ///
    /// The log's rows are only ever inserted and deleted (undo, a sync's retraction, a merge
    /// rewriting a card's answers), never updated, so two triggers see every change, whatever
    /// writes it, in the writer's transaction. An answer counts in its own quarter hour, and
    /// is young or mature by the interval its card's previous answer scheduled: inserting or
    /// deleting an answer in the middle of a card's history changes the previous answer of
    /// the card's next one, whose count moves between young and mature. No CHECK guards the
    /// counts: the tally is derived data (`lianxi doctor` recounts it, `--repair` rebuilds it),
    /// and a wrong count must never stop an answer from being stored.
    static let migration = """
        CREATE TABLE answer_tally (
            associate_id INTEGER NOT NULL REFERENCES associate(id) ON DELETE CASCADE,
            quarter_hour INTEGER NOT NULL,
            answers INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            new_cards INTEGER NOT NULL,
            young_passed INTEGER NOT NULL,
            young_failed INTEGER NOT NULL,
            mature_passed INTEGER NOT NULL,
            mature_failed INTEGER NOT NULL,
            PRIMARY KEY (associate_id, quarter_hour)
        ) WITHOUT ROWID;

        INSERT INTO answer_tally (associate_id, quarter_hour, answers, duration_ms, new_cards,
            young_passed, young_failed, mature_passed, mature_failed)
        \(recount);

        CREATE TRIGGER answer_tally_after_insert AFTER INSERT ON review_log
        BEGIN
            \(count("NEW", sign: 1))
            \(moveFollowing("NEW", before: previousInterval("NEW"), after: "NEW.interval_seconds"))
        END;

        CREATE TRIGGER answer_tally_after_delete AFTER DELETE ON review_log
        BEGIN
            \(count("OLD", sign: -1))
            DELETE FROM answer_tally
                WHERE associate_id = OLD.associate_id
                    AND quarter_hour = \(quarterHour("OLD.reviewed_at_ms")) AND answers = 0;
            \(moveFollowing("OLD", before: "OLD.interval_seconds", after: previousInterval("OLD")))
        END;
        """
}

extension StudyDatabase {
    /// The associate's tally as the database keeps it, in time order.
    public func answerTally(of associateId: Int64) throws -> [QuarterHourTally] {
        try writer.read { db in try Self.storedTally(db, of: associateId) }
    }

    /// The associate's tally as kept, and counted again from their answers, read together.
    ///
    /// For `lianxi doctor`: the recount reads every answer of the associate (in table order,
    /// sorted here, as the replay does), without the triggers or the migration's SQL.
    public func answerTallyAndRecount(of associateId: Int64) throws
        -> (stored: [QuarterHourTally], recounted: [QuarterHourTally])
    {
        try writer.read { db in
            (try Self.storedTally(db, of: associateId), try Self.recountTally(db, of: associateId))
        }
    }

    /// Replaces the associate's tally by the recount of their answers, in one transaction;
    /// returns how many quarter hours it changed (rows rewritten, added or removed).
    @discardableResult
    public func rebuildAnswerTally(of associateId: Int64) throws -> Int {
        try writer.write { db in
            let stored = try Self.storedTally(db, of: associateId)
            let recounted = try Self.recountTally(db, of: associateId)
            let kept = Set(stored).intersection(recounted)
            let removed = stored.filter { !kept.contains($0) }
            let written = recounted.filter { !kept.contains($0) }
            let delete = try db.makeStatement(
                sql: "DELETE FROM answer_tally WHERE associate_id = ? AND quarter_hour = ?")
            for tally in removed {
                try delete.execute(arguments: [associateId, tally.quarterHour])
            }
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO answer_tally (associate_id, quarter_hour, answers, duration_ms,
                        new_cards, young_passed, young_failed, mature_passed, mature_failed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for tally in written {
                try insert.execute(arguments: [
                    associateId, tally.quarterHour, tally.answers, tally.durationMilliseconds,
                    tally.newCards, tally.youngPassed, tally.youngFailed, tally.maturePassed,
                    tally.matureFailed,
                ])
            }
            return Set(removed.map(\.quarterHour)).union(written.map(\.quarterHour)).count
        }
    }

    static func storedTally(_ db: Database, of associateId: Int64) throws -> [QuarterHourTally] {
        var tallies: [QuarterHourTally] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT quarter_hour, answers, duration_ms, new_cards, young_passed, young_failed,
                    mature_passed, mature_failed
                FROM answer_tally WHERE associate_id = ? ORDER BY quarter_hour
                """, arguments: [associateId])
        while let row = try rows.next() {
            tallies.append(
                QuarterHourTally(
                    quarterHour: row[0], answers: row[1], durationMilliseconds: row[2],
                    newCards: row[3], youngPassed: row[4], youngFailed: row[5],
                    maturePassed: row[6], matureFailed: row[7]))
        }
        return tallies
    }

    /// One answer, as the recount reads it.
    fileprivate struct TalliedAnswer {
        let cardId: Int64
        let milliseconds: Int64
        let passed: Bool
        let durationMilliseconds: Int64
        /// 0 new, 1 review, 2 learning or relearning.
        let phase: Int
        let interval: Double

        init(_ row: Row) {
            cardId = row[0]
            milliseconds = row[1]
            passed = (row[2] as Int) > 1
            durationMilliseconds = row[3]
            phase = row[4]
            interval = row[5]
        }
    }

    private static let talliedColumns = """
        card_id, reviewed_at_ms, rating, coalesce(duration_ms, 0),
        CASE phase_before WHEN 'new' THEN 0 WHEN 'review' THEN 1 ELSE 2 END, interval_seconds
        """

    /// The associate's tally counted from their answers in Swift, independently of the SQL
    /// that keeps it.
    static func recountTally(_ db: Database, of associateId: Int64) throws -> [QuarterHourTally] {
        var log: [TalliedAnswer] = []
        // `NOT INDEXED`: the table in its own order, without a lookup per answer.
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT \(talliedColumns) FROM review_log NOT INDEXED WHERE associate_id = ?",
            arguments: [associateId])
        while let row = try rows.next() { log.append(TalliedAnswer(row)) }
        log.sort { ($0.cardId, $0.milliseconds) < ($1.cardId, $1.milliseconds) }

        var tallies: [Int64: QuarterHourTally] = [:]
        func count(_ answers: some Sequence<TalliedAnswer>) {
            var previousInterval = 0.0
            for answer in answers {
                let quarterHour = QuarterHourTally.quarterHour(of: answer.milliseconds)
                let mature = QuarterHourTally.isMature(previousInterval: previousInterval)
                previousInterval = answer.interval
                // Changed in place: one lookup per answer, no copy of the row.
                tallies[quarterHour, default: QuarterHourTally(quarterHour: quarterHour)].count(
                    answer, mature: mature)
            }
        }
        var start = 0
        while start < log.count {
            var end = start + 1
            var tied = false
            while end < log.count, log[end].cardId == log[start].cardId {
                if log[end].milliseconds == log[end - 1].milliseconds { tied = true }
                end += 1
            }
            if tied {
                // Answers in the same millisecond go in the log's order: by id, as SQLite
                // compares them.
                count(
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT \(talliedColumns) FROM review_log
                            WHERE associate_id = ? AND card_id = ? ORDER BY reviewed_at_ms, id
                            """, arguments: [associateId, log[start].cardId]
                    ).map(TalliedAnswer.init))
            } else {
                count(log[start..<end])
            }
            start = end
        }
        return tallies.values.sorted { $0.quarterHour < $1.quarterHour }
    }
}

extension QuarterHourTally {
    /// Counts one more answer, to a mature card or not.
    fileprivate mutating func count(_ answer: StudyDatabase.TalliedAnswer, mature: Bool) {
        answers += 1
        durationMilliseconds += answer.durationMilliseconds
        if answer.phase == 0 { newCards += 1 }
        guard answer.phase == 1 else { return }
        switch (mature, answer.passed) {
        case (false, true): youngPassed += 1
        case (false, false): youngFailed += 1
        case (true, true): maturePassed += 1
        case (true, false): matureFailed += 1
        }
    }
}
