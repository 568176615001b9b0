import Foundation
import GRDB

/// What `lianxi status` needs of an associate's cards and answers, counted by SQLite in its
/// indexes instead of read row by row: the whole screen in a few milliseconds on a collection
/// of a million answers.
public struct StatusFacts: Sendable {
    /// A studied card of an active note, not suspended, that comes due before the horizon.
    public struct Due: Hashable, Sendable {
        /// When it comes due.
        public let due: Date
        /// Whether it is buried at the moment asked about.
        public let isBuried: Bool
    }

    /// The studied, unsuspended cards of active notes due before the horizon asked for.
    public let dueBeforeHorizon: [Due]
    /// Cards of active notes that are new and may be shown now (not suspended, not buried).
    public let newLeft: Int
    /// Answers since the start of today to cards that were new.
    public let newStartedToday: Int
    /// The time of the first answer of each day studied, oldest first.
    public let firstAnswerOfEachDay: [Date]
}

extension StudyDatabase {
    /// What `lianxi status` shows of the associate at `now`, in one read transaction.
    ///
    /// Cards due before `horizon` (the end of the week shown) are listed; the new cards
    /// started count from `todayStart`. `nextDayStart` gives the start of the study day after
    /// the one holding a moment: the days studied are found with one index probe each (the
    /// first answer at or after the start of the next day), however many answers a day holds.
    public func statusFacts(
        for associateId: Int64, kinds: Set<CardKind>, now: Date, horizon: Date,
        todayStart: Date, nextDayStart: (Date) -> Date
    ) throws -> StatusFacts {
        try writer.read { db in
            let retired = "(SELECT id FROM note WHERE retired_at_ms IS NOT NULL)"
            let noteId = CardNumbering.noteIdSQL("card_id")
            // Only the kinds the associate studies (listening cards are chosen).
            let studied =
                "\(CardNumbering.kindNumberSQL("card_id")) IN ("
                + kinds.map { String($0.number) }.sorted().joined(separator: ", ") + ")"
            let nowMs = now.milliseconds
            var due: [StatusFacts.Due] = []
            // From the covering due index alone.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT due_ms, coalesce(buried_until_ms > ?, 0) FROM card_state
                    WHERE associate_id = ? AND due_ms < ? AND phase <> 'new' AND suspended = 0
                      AND \(noteId) NOT IN \(retired) AND \(studied)
                    """, arguments: [nowMs, associateId, horizon.milliseconds])
            while let row = try rows.next() {
                due.append(StatusFacts.Due(due: Date(milliseconds: row[0]), isBuried: row[1]))
            }
            // Every active note has one card of each kind studied, most without a row yet.
            let cards =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM note WHERE retired_at_ms IS NULL")
                ?? 0
            let unavailable =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM card_state
                        WHERE associate_id = ?
                          AND (phase <> 'new' OR suspended = 1 OR buried_until_ms > ?)
                          AND \(noteId) NOT IN \(retired) AND \(studied)
                        """, arguments: [associateId, nowMs]) ?? 0
            let started =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM review_log
                        WHERE associate_id = ? AND reviewed_at_ms >= ? AND phase_before = 'new'
                        """, arguments: [associateId, todayStart.milliseconds]) ?? 0
            var firsts: [Date] = []
            let next = try db.cachedStatement(
                sql: """
                    SELECT min(reviewed_at_ms) FROM review_log
                    WHERE associate_id = ? AND reviewed_at_ms >= ?
                    """)
            var from = Int64.min
            while let first = try Int64.fetchOne(next, arguments: [associateId, from]) {
                let time = Date(milliseconds: first)
                firsts.append(time)
                // Never backwards, whatever the day boundaries say.
                from = max(first + 1, nextDayStart(time).milliseconds)
            }
            return StatusFacts(
                dueBeforeHorizon: due, newLeft: cards * kinds.count - unavailable,
                newStartedToday: started, firstAnswerOfEachDay: firsts)
        }
    }
}
