/// The schema of the live cohort report (issue #14): what each answer carries for it, the
/// catalogue of published words, and the aggregates a report reads instead of the raw log.
///
/// Every aggregate is a sum or a maximum over answers to words active in the catalogue, folded
/// in by ``ReportFold`` in the same transaction that stores the answers (docs/ACADEMY.md,
/// "The live report").
enum ReportSchema {
    /// One migration: appended to ``SchemaMigrations/all``.
    static let statements: [String] = [
        // How an associate's days are counted, and the name people read.
        """
        ALTER TABLE associate
            ADD COLUMN display_name text,
            ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
            ADD COLUMN rollover_hour smallint NOT NULL DEFAULT 4
                CHECK (rollover_hour BETWEEN 0 AND 23)
        """,
        // A trainer who sees the whole academy's report; the hash of the secret of their
        // read-only page link.
        """
        ALTER TABLE trainer
            ADD COLUMN sees_academy boolean NOT NULL DEFAULT false,
            ADD COLUMN page_secret_hash bytea UNIQUE
        """,
        // The scheduling figures the laptop computed, and the study day of the answer (in the
        // associate's time zone, from their rollover hour) when it was stored.
        """
        ALTER TABLE answer_log
            ADD COLUMN phase_before text
                CHECK (phase_before IN ('new', 'learning', 'review', 'relearning')),
            ADD COLUMN phase_after text CHECK (phase_after IN ('learning', 'review', 'relearning')),
            ADD COLUMN interval_seconds double precision,
            ADD COLUMN previous_interval_seconds double precision,
            ADD COLUMN study_day integer NOT NULL DEFAULT 0
        """,
        // The catalogue: decks in the order of their first release, and the words of each
        // deck's newest release (retired words stay, inactive).
        """
        CREATE TABLE report_deck (
            slug text PRIMARY KEY,
            title text NOT NULL,
            first_release bigint NOT NULL
        )
        """,
        """
        CREATE TABLE report_note (
            deck text NOT NULL,
            note text NOT NULL,
            position integer NOT NULL,
            hanzi text NOT NULL,
            pinyin text NOT NULL,
            english text NOT NULL,
            hsk_level text,
            active boolean NOT NULL,
            PRIMARY KEY (deck, note)
        )
        """,
        // Per associate, deck and study day: sums (a retraction subtracts its answer).
        """
        CREATE TABLE report_day (
            associate_id bigint NOT NULL,
            deck text NOT NULL,
            day integer NOT NULL,
            answers integer NOT NULL,
            introduced integer NOT NULL,
            duration_ms bigint NOT NULL,
            young_passed integer NOT NULL,
            young_failed integer NOT NULL,
            mature_passed integer NOT NULL,
            mature_failed integer NOT NULL,
            last_ms bigint NOT NULL,
            PRIMARY KEY (associate_id, deck, day)
        )
        """,
        // Per associate and card: its last answer, and whether it left the card known.
        """
        CREATE TABLE report_card (
            associate_id bigint NOT NULL,
            deck text NOT NULL,
            note text NOT NULL,
            card text NOT NULL,
            last_ms bigint NOT NULL,
            last_id text NOT NULL,
            known boolean NOT NULL,
            PRIMARY KEY (associate_id, deck, note, card)
        )
        """,
        // Per cohort, word and study day: answers after a card's first, and the failed ones.
        """
        CREATE TABLE report_word_day (
            cohort_id bigint NOT NULL,
            deck text NOT NULL,
            note text NOT NULL,
            day integer NOT NULL,
            answers integer NOT NULL,
            failed integer NOT NULL,
            PRIMARY KEY (cohort_id, deck, note, day)
        )
        """,
        // Per associate and word: the last study day they failed it.
        """
        CREATE TABLE report_word_failure (
            associate_id bigint NOT NULL,
            deck text NOT NULL,
            note text NOT NULL,
            last_failed_day integer NOT NULL,
            PRIMARY KEY (associate_id, deck, note)
        )
        """,
        "CREATE INDEX answer_log_by_word ON answer_log (deck, note)",
    ]

    /// A later migration: totals kept beside the per-day rows.
    ///
    /// With them, a report of every day (no `--since`) reads one row per associate, deck and
    /// level, and one per cohort and word, and a report of every deck one row per associate
    /// and day, instead of grouping millions. Filled from the aggregates already there.
    static let totals: [String] = [
        // Per associate, deck and HSK level group (`none` for a word without one): the
        // cards started and not known, and the known ones (report_card grouped).
        """
        CREATE TABLE report_coverage (
            associate_id bigint NOT NULL,
            deck text NOT NULL,
            level text NOT NULL,
            learning integer NOT NULL,
            known integer NOT NULL,
            PRIMARY KEY (associate_id, deck, level)
        )
        """,
        """
        INSERT INTO report_coverage (associate_id, deck, level, learning, known)
        SELECT c.associate_id, c.deck, coalesce(n.hsk_level, 'none'),
            count(*) FILTER (WHERE NOT c.known), count(*) FILTER (WHERE c.known)
        FROM report_card c JOIN report_note n ON n.deck = c.deck AND n.note = c.note AND n.active
        GROUP BY c.associate_id, c.deck, coalesce(n.hsk_level, 'none')
        """,
        // Per associate and study day, over every deck: report_day summed over decks, for a
        // report of every deck (no `--deck`).
        """
        CREATE TABLE report_study_day (
            associate_id bigint NOT NULL,
            day integer NOT NULL,
            answers integer NOT NULL,
            introduced integer NOT NULL,
            duration_ms bigint NOT NULL,
            young_passed integer NOT NULL,
            young_failed integer NOT NULL,
            mature_passed integer NOT NULL,
            mature_failed integer NOT NULL,
            last_ms bigint NOT NULL,
            PRIMARY KEY (associate_id, day)
        )
        """,
        """
        INSERT INTO report_study_day (associate_id, day, answers, introduced, duration_ms,
            young_passed, young_failed, mature_passed, mature_failed, last_ms)
        SELECT associate_id, day, sum(answers), sum(introduced), sum(duration_ms),
            sum(young_passed), sum(young_failed), sum(mature_passed), sum(mature_failed),
            max(last_ms)
        FROM report_day GROUP BY associate_id, day
        """,
        // Per cohort and word, every day: report_word_day summed over days, and the
        // associates of the cohort who failed the word (rows of report_word_failure).
        """
        CREATE TABLE report_word (
            cohort_id bigint NOT NULL,
            deck text NOT NULL,
            note text NOT NULL,
            answers integer NOT NULL,
            failed integer NOT NULL,
            associates integer NOT NULL,
            PRIMARY KEY (cohort_id, deck, note)
        )
        """,
        """
        INSERT INTO report_word (cohort_id, deck, note, answers, failed, associates)
        SELECT cohort_id, deck, note, sum(answers), sum(failed), sum(associates)
        FROM (
            SELECT cohort_id, deck, note, answers, failed, 0 AS associates FROM report_word_day
            UNION ALL
            SELECT a.cohort_id, f.deck, f.note, 0, 0, 1
            FROM report_word_failure f JOIN associate a ON a.id = f.associate_id
        ) w
        GROUP BY cohort_id, deck, note
        """,
    ]
}
