import PostgresNIO

/// Folds answers into the report's aggregates: the same statements whether the answers were
/// just pushed, or are read again from the raw log to rebuild (after a deck release changes
/// which words are active, or after a bulk load).
///
/// A push stores its answers and answers the laptop; its answers are folded afterwards, in a
/// transaction of their own (``drain(associate:on:logger:)``). What the aggregates hold is
/// kept in `report_fold_cursor`: every answer of an associate whose `answer_key.seq` is at most
/// their `folded_seq` (0 without a row), and no other. A drain folds the answers after the
/// cursor and moves it in one statement, so a crash before it, or in it, loses no fold and a
/// second drain doubles none.
///
/// `source` names a relation with the columns of `answer_log` (a common table expression of
/// the rows a push inserted, or a query on the log); only answers to words active in the
/// catalogue count, as on a laptop, where answers to retired notes are left out of reports.
///
/// Sums (answers, durations, tallies) can be subtracted by folding the same rows with the sign
/// reversed; maxima (a card's last answer, the last day a word was failed, the last answer's
/// time) cannot, and are rebuilt for the cards concerned (``ReportFold/rebuild``).
enum ReportFold {
    /// An answer to a card on review counts as mature when the interval its previous answer
    /// scheduled rounds to 21 days or more (`LianxiKit`'s `RetentionClassifier`).
    static let matureSeconds = "20.5 * 86400"
    /// A card is known when its last answer left it on review with an interval that rounds,
    /// in whole milliseconds plus half a day, to 21 days or more (`CardStatus`).
    static let knownSeconds = "1771199.9995"

    /// The statements (as common table expressions, without `WITH`) that fold `source` in.
    static func expressions(source: String) -> String {
        let active = """
            JOIN report_note n ON n.deck = s.deck AND n.note = s.note AND n.active
            """
        let young =
            "s.phase_before = 'review' AND coalesce(s.previous_interval_seconds, 0) / 86400 < 20.5"
        let mature =
            "s.phase_before = 'review' AND coalesce(s.previous_interval_seconds, 0) / 86400 >= 20.5"
        // A day's sums, the same for one deck (report_day) as for every deck
        // (report_study_day): the columns after the key, and how a conflict adds them.
        let daySums = """
            answers, introduced, duration_ms, young_passed, young_failed, mature_passed,
                mature_failed, last_ms
            """
        let dayFigures = """
            count(*), count(*) FILTER (WHERE s.phase_before = 'new'),
                coalesce(sum(s.duration_ms), 0),
                count(*) FILTER (WHERE \(young) AND s.rating > 1),
                count(*) FILTER (WHERE \(young) AND s.rating = 1),
                count(*) FILTER (WHERE \(mature) AND s.rating > 1),
                count(*) FILTER (WHERE \(mature) AND s.rating = 1),
                max(s.reviewed_at_ms)
            """
        let dayAdded = """
            answers = t.answers + excluded.answers,
                introduced = t.introduced + excluded.introduced,
                duration_ms = t.duration_ms + excluded.duration_ms,
                young_passed = t.young_passed + excluded.young_passed,
                young_failed = t.young_failed + excluded.young_failed,
                mature_passed = t.mature_passed + excluded.mature_passed,
                mature_failed = t.mature_failed + excluded.mature_failed,
                last_ms = greatest(t.last_ms, excluded.last_ms)
            """
        return """
            fold_day AS (
                INSERT INTO report_day AS t (associate_id, deck, day, \(daySums))
                SELECT s.associate_id, s.deck, s.study_day, \(dayFigures)
                FROM \(source) s \(active)
                GROUP BY s.associate_id, s.deck, s.study_day
                ON CONFLICT (associate_id, deck, day) DO UPDATE SET \(dayAdded)
                RETURNING 1
            ),
            fold_study_day AS (
                INSERT INTO report_study_day AS t (associate_id, day, \(daySums))
                SELECT s.associate_id, s.study_day, \(dayFigures)
                FROM \(source) s \(active)
                GROUP BY s.associate_id, s.study_day
                ON CONFLICT (associate_id, day) DO UPDATE SET \(dayAdded)
                RETURNING 1
            ),
            fold_card AS (
                INSERT INTO report_card AS t (associate_id, deck, note, card, last_ms, last_id,
                    known)
                SELECT DISTINCT ON (s.associate_id, s.deck, s.note, s.card)
                    s.associate_id, s.deck, s.note, s.card, s.reviewed_at_ms, s.id,
                    coalesce(s.phase_after = 'review'
                        AND s.interval_seconds >= \(knownSeconds), false)
                FROM \(source) s \(active)
                ORDER BY s.associate_id, s.deck, s.note, s.card, s.reviewed_at_ms DESC,
                    s.id COLLATE "C" DESC
                ON CONFLICT (associate_id, deck, note, card) DO UPDATE SET
                    last_ms = excluded.last_ms, last_id = excluded.last_id, known = excluded.known
                WHERE (excluded.last_ms, excluded.last_id COLLATE "C")
                    > (t.last_ms, t.last_id COLLATE "C")
                RETURNING t.associate_id, t.deck, t.note, t.card, t.known
            ),
            fold_coverage AS (
                -- A card's last answer moved it between learning and known, or started it:
                -- report_card read here is the table before this statement (every part of one
                -- statement reads the same snapshot), so `p` is the card's previous state.
                INSERT INTO report_coverage AS t (associate_id, deck, level, learning, known)
                SELECT r.associate_id, r.deck, coalesce(n.hsk_level, 'none'),
                    sum((NOT r.known)::int - coalesce((NOT p.known)::int, 0)),
                    sum(r.known::int - coalesce(p.known::int, 0))
                FROM fold_card r
                JOIN report_note n ON n.deck = r.deck AND n.note = r.note
                LEFT JOIN report_card p ON p.associate_id = r.associate_id AND p.deck = r.deck
                    AND p.note = r.note AND p.card = r.card
                GROUP BY r.associate_id, r.deck, coalesce(n.hsk_level, 'none')
                ON CONFLICT (associate_id, deck, level) DO UPDATE SET
                    learning = t.learning + excluded.learning, known = t.known + excluded.known
                RETURNING 1
            ),
            -- Rows shared by a cohort's associates are written in key order, so pushes of
            -- two associates lock them in the same order and never wait on each other in a
            -- circle.
            word_answers AS (
                SELECT a.cohort_id, s.deck, s.note, s.study_day, count(*) AS answers,
                    count(*) FILTER (WHERE s.rating = 1) AS failed
                FROM \(source) s \(active) JOIN associate a ON a.id = s.associate_id
                WHERE s.phase_before <> 'new'
                GROUP BY a.cohort_id, s.deck, s.note, s.study_day
            ),
            fold_word AS (
                INSERT INTO report_word_day AS t (cohort_id, deck, note, day, answers, failed)
                SELECT * FROM word_answers
                ORDER BY cohort_id, deck, note, study_day
                ON CONFLICT (cohort_id, deck, note, day) DO UPDATE SET
                    answers = t.answers + excluded.answers, failed = t.failed + excluded.failed
                RETURNING 1
            ),
            fold_failure AS (
                INSERT INTO report_word_failure AS t (associate_id, deck, note, last_failed_day)
                SELECT s.associate_id, s.deck, s.note, max(s.study_day)
                FROM \(source) s \(active)
                WHERE s.phase_before <> 'new' AND s.rating = 1
                GROUP BY s.associate_id, s.deck, s.note
                ON CONFLICT (associate_id, deck, note) DO UPDATE SET
                    last_failed_day = greatest(t.last_failed_day, excluded.last_failed_day)
                RETURNING t.associate_id, t.deck, t.note
            ),
            fold_word_total AS (
                -- All days at once, for reports without a first day; an associate counts
                -- once per word, when their first failure of it arrives (no row in
                -- report_word_failure before this statement).
                INSERT INTO report_word AS t (cohort_id, deck, note, answers, failed, associates)
                SELECT cohort_id, deck, note, sum(answers), sum(failed), sum(associates)
                FROM (
                    SELECT cohort_id, deck, note, answers, failed, 0 AS associates
                    FROM word_answers
                    UNION ALL
                    SELECT a.cohort_id, r.deck, r.note, 0, 0, 1
                    FROM fold_failure r JOIN associate a ON a.id = r.associate_id
                    WHERE NOT EXISTS (SELECT 1 FROM report_word_failure p
                        WHERE p.associate_id = r.associate_id AND p.deck = r.deck
                            AND p.note = r.note)
                ) w
                GROUP BY cohort_id, deck, note
                ORDER BY cohort_id, deck, note
                ON CONFLICT (cohort_id, deck, note) DO UPDATE SET
                    answers = t.answers + excluded.answers, failed = t.failed + excluded.failed,
                    associates = t.associates + excluded.associates
                RETURNING 1
            )
            """
    }

    /// The aggregate tables with a deck column, emptied (of the decks rebuilt) before a
    /// rebuild.
    static let tables = [
        "report_day", "report_card", "report_coverage", "report_word_day", "report_word",
        "report_word_failure",
    ]

    /// `report_study_day` filled from `report_day`: a deck's rebuild cannot take its rows
    /// out of the days summed over every deck, so after one the days are summed again.
    static let studyDaysFromDays = """
        INSERT INTO report_study_day (associate_id, day, answers, introduced, duration_ms,
            young_passed, young_failed, mature_passed, mature_failed, last_ms)
        SELECT associate_id, day, sum(answers), sum(introduced), sum(duration_ms),
            sum(young_passed), sum(young_failed), sum(mature_passed), sum(mature_failed),
            max(last_ms)
        FROM report_day GROUP BY associate_id, day
        """

    /// The lock between folds and rebuilds.
    ///
    /// Drains fold side by side (each holds this lock shared, taken before any other lock of
    /// its transaction); a rebuild holds it alone, so no drain folds into rows it has emptied
    /// and not yet refilled, or moves a cursor it reads. A transaction that rebuilds takes it
    /// before any row lock.
    static func lock(exclusive: Bool, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        if exclusive {
            try await connection.query("SELECT pg_advisory_xact_lock(7004)", logger: logger)
        } else {
            try await connection.query(
                "SELECT pg_advisory_xact_lock_shared(7004)", logger: logger)
        }
    }

    /// Folds the answers stored after the fold cursor of the associate `associateId` (every
    /// associate: `nil`) and moves the cursor past them, on `connection` (inside the caller's
    /// transaction); returns how many answers it folded.
    ///
    /// The associates' cursor rows are locked first, so two drains of one associate take turns
    /// and the second finds nothing left. Answers committed after the drain's statement began
    /// stay after the cursor, for the next drain: pushes of one associate take turns and draw
    /// their numbers under the associate's row lock, so such answers are numbered above every
    /// answer the statement sees.
    @discardableResult
    static func drain(
        associate associateId: Int64?, on connection: PostgresConnection, logger: Logger
    )
        async throws -> Int
    {
        if let associateId {
            // One associate, after a push: prepared statements, bound and executed only.
            for try await _ in try await connection.execute(ShareFoldLock(), logger: logger) {}
            for try await _ in try await connection.execute(
                AddFoldCursor(associateId: associateId), logger: logger)
            {}
            var waiting = false
            for try await _ in try await connection.execute(
                LockWaitingFoldCursor(associateId: associateId), logger: logger)
            {
                waiting = true
            }
            guard waiting else { return 0 }
            var folded = 0
            for try await count in try await connection.execute(
                FoldAfterCursor(associateId: associateId), logger: logger)
            {
                folded = Int(count)
            }
            return folded
        }
        try await lock(exclusive: false, on: connection, logger: logger)
        try await connection.query(
            PostgresQuery(unsafeSQL: addMissingCursors(where: "true")), logger: logger)
        var ids: [Int64] = []
        let waiting = try await connection.query(
            PostgresQuery(unsafeSQL: lockWaitingCursors(where: "true")), logger: logger)
        for try await id in waiting.decode(Int64.self) { ids.append(id) }
        guard !ids.isEmpty else { return 0 }
        var query = PostgresQuery(unsafeSQL: foldAfterCursors(ids: "$1"))
        query.binds.append(ids)
        var folded = 0
        for try await count in try await connection.query(query, logger: logger).decode(Int64.self)
        {
            folded = Int(count)
        }
        return folded
    }

    /// The statement giving a fold cursor at 0 to the associates matching `condition` (on
    /// `associate a`) who have none yet.
    static func addMissingCursors(where condition: String) -> String {
        """
        INSERT INTO report_fold_cursor (associate_id, folded_seq)
        SELECT a.id, 0 FROM associate a
        WHERE \(condition)
            AND NOT EXISTS (SELECT 1 FROM report_fold_cursor c WHERE c.associate_id = a.id)
        ON CONFLICT (associate_id) DO NOTHING
        """
    }

    /// The statement locking the fold cursors matching `condition` (on `report_fold_cursor c`)
    /// after which answers wait, and sending back their associates in id order.
    static func lockWaitingCursors(where condition: String) -> String {
        """
        SELECT c.associate_id FROM report_fold_cursor c
        WHERE \(condition)
            AND EXISTS (SELECT 1 FROM answer_key k
                WHERE k.associate_id = c.associate_id AND k.seq > c.folded_seq)
        ORDER BY c.associate_id
        FOR UPDATE
        """
    }

    /// The statement folding the answers after some associates' fold cursors.
    ///
    /// It folds the answers after the cursors of the associates `ids` (an expression of a
    /// `bigint[]`) and moves the cursors past them, and sends back how many answers it folded.
    /// The caller has locked the cursors.
    static func foldAfterCursors(ids: String) -> String {
        """
        WITH marks AS MATERIALIZED (
            SELECT c.associate_id, c.folded_seq AS after, max(k.seq) AS upto
            FROM report_fold_cursor c
            JOIN answer_key k ON k.associate_id = c.associate_id AND k.seq > c.folded_seq
            WHERE c.associate_id = ANY(\(ids))
            GROUP BY c.associate_id, c.folded_seq
        ),
        pending AS MATERIALIZED (
            SELECT l.* FROM marks m
            JOIN answer_key k ON k.associate_id = m.associate_id AND k.seq > m.after
                AND k.seq <= m.upto
            JOIN answer_log l ON l.reviewed_at_ms = k.reviewed_at_ms AND l.id = k.id
        ),
        moved AS (
            UPDATE report_fold_cursor c SET folded_seq = m.upto FROM marks m
            WHERE c.associate_id = m.associate_id
            RETURNING 1
        ),
        \(expressions(source: "pending"))
        SELECT count(*) FROM pending
        """
    }

    /// Rebuilds every aggregate of the decks `slugs` (all decks: `nil`) from the raw log, on
    /// `connection` (inside the caller's transaction).
    ///
    /// A rebuild of some decks counts the answers the cursors say are folded; the others stay
    /// for the next drain. A rebuild of every deck counts every answer and moves every cursor
    /// to the last answer, in one statement (one snapshot).
    static func rebuild(
        decks slugs: [String]?, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await lock(exclusive: true, on: connection, logger: logger)
        if slugs == nil {
            try await connection.query("TRUNCATE report_study_day", logger: logger)
        }
        for table in tables {
            if let slugs {
                try await connection.query(
                    "DELETE FROM \(unescaped: table) WHERE deck = ANY(\(slugs))", logger: logger)
            } else {
                try await connection.query("TRUNCATE \(unescaped: table)", logger: logger)
            }
        }
        if let slugs {
            let source = """
                (SELECT l.* FROM answer_log l
                JOIN answer_key k ON k.reviewed_at_ms = l.reviewed_at_ms AND k.id = l.id
                JOIN report_fold_cursor c ON c.associate_id = k.associate_id
                    AND k.seq <= c.folded_seq
                WHERE l.deck = ANY($1))
                """
            var query = PostgresQuery(
                unsafeSQL: "WITH \(expressions(source: source)) SELECT 1",
                binds: PostgresBindings())
            query.binds.append(slugs)
            try await connection.query(query, logger: logger)
            // The fold above added the rebuilt decks' answers again: sum every deck afresh.
            try await connection.query("TRUNCATE report_study_day", logger: logger)
            try await connection.query(
                PostgresQuery(unsafeSQL: studyDaysFromDays), logger: logger)
        } else {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH moved AS (
                            INSERT INTO report_fold_cursor AS t (associate_id, folded_seq)
                            SELECT a.id, coalesce(max(k.seq), 0)
                            FROM associate a LEFT JOIN answer_key k ON k.associate_id = a.id
                            GROUP BY a.id
                            ON CONFLICT (associate_id) DO UPDATE
                            SET folded_seq = excluded.folded_seq
                            RETURNING 1
                        ),
                        \(expressions(source: "answer_log"))
                        SELECT 1
                        """), logger: logger)
        }
    }
}
