/// The PostgreSQL schema's history: frozen, numbered migrations.
///
/// Each runs in one transaction with the `schema_version` row it reaches. Never edit a shipped
/// migration; append one.
enum SchemaMigrations {
    /// The statements of each migration, in order; migration `n` brings the schema to version
    /// `n + 1`.
    static let all: [[String]] = [
        [
            """
            CREATE TABLE schema_version (
                only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                version integer NOT NULL CHECK (version > 0)
            )
            """,
            """
            CREATE TABLE cohort (
                id bigserial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE associate (
                id bigserial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                cohort_id bigint NOT NULL REFERENCES cohort (id),
                enrolment_code_hash bytea UNIQUE,
                revoked_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE device (
                id bigserial PRIMARY KEY,
                associate_id bigint NOT NULL REFERENCES associate (id),
                name text NOT NULL,
                token_hash bytea NOT NULL UNIQUE,
                revoked_at timestamptz,
                enrolled_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE trainer (
                id bigserial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                token_hash bytea NOT NULL UNIQUE,
                revoked_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE trainer_cohort (
                trainer_id bigint NOT NULL REFERENCES trainer (id),
                cohort_id bigint NOT NULL REFERENCES cohort (id),
                PRIMARY KEY (trainer_id, cohort_id)
            )
            """,
            """
            CREATE TABLE deck_release (
                id bigserial PRIMARY KEY,
                slug text NOT NULL,
                text text NOT NULL,
                published_by bigint NOT NULL REFERENCES trainer (id),
                published_at_ms bigint NOT NULL
            )
            """,
            "CREATE INDEX deck_release_by_slug ON deck_release (slug, id)",
            // Answer ids are unique across the academy: a narrow table holds each id once,
            // with the order the server stored it in (seq); the full answers live in a log
            // partitioned by month, whose unique keys must include the month.
            "CREATE SEQUENCE answer_seq",
            """
            CREATE TABLE answer_key (
                id text PRIMARY KEY,
                associate_id bigint NOT NULL REFERENCES associate (id),
                seq bigint NOT NULL UNIQUE DEFAULT nextval('answer_seq'),
                reviewed_at_ms bigint NOT NULL
            )
            """,
            "CREATE INDEX answer_key_by_associate ON answer_key (associate_id, seq)",
            """
            CREATE TABLE answer_log (
                id text NOT NULL,
                associate_id bigint NOT NULL,
                device_id bigint NOT NULL,
                deck text NOT NULL,
                note text NOT NULL,
                card text NOT NULL CHECK (card IN ('recognition', 'production', 'pinyin')),
                reviewed_at_ms bigint NOT NULL,
                rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
                duration_ms bigint CHECK (duration_ms BETWEEN 0 AND 86400000),
                typed_answer text,
                verdict text CHECK (verdict IN ('correct', 'tones-only', 'wrong')),
                received_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (reviewed_at_ms, id)
            ) PARTITION BY RANGE (reviewed_at_ms)
            """,
            "CREATE INDEX answer_log_by_associate ON answer_log (associate_id, reviewed_at_ms)",
        ],
        // Listening cards (issue #18): the fourth kind of card. The partitions inherit the
        // parent's check, so changing the parent's changes theirs.
        [
            "ALTER TABLE answer_log DROP CONSTRAINT answer_log_card_check",
            """
            ALTER TABLE answer_log ADD CONSTRAINT answer_log_card_check
                CHECK (card IN ('recognition', 'production', 'pinyin', 'listening'))
            """,
        ],
        // The deck releases each device holds: the release cursor it last pulled from, which
        // the laptop stores in the same transaction as the releases it covers.
        [
            """
            ALTER TABLE device ADD COLUMN releases_held bigint NOT NULL DEFAULT 0
                CHECK (releases_held >= 0)
            """
        ],
        // Retractions and settings that travel. Both are numbered in one sequence, so a
        // device reads them with one cursor. A retracted id is kept for good (its answer_key
        // row stays too): a replayed push of that answer adds nothing.
        [
            "CREATE SEQUENCE change_seq",
            """
            CREATE TABLE answer_retraction (
                id text PRIMARY KEY,
                associate_id bigint NOT NULL REFERENCES associate (id),
                device_id bigint NOT NULL REFERENCES device (id),
                seq bigint NOT NULL UNIQUE DEFAULT nextval('change_seq'),
                received_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX answer_retraction_by_associate ON answer_retraction (associate_id, seq)",
            """
            CREATE TABLE associate_setting (
                associate_id bigint NOT NULL REFERENCES associate (id),
                name text NOT NULL,
                value text,
                changed_at_ms bigint NOT NULL,
                device_id bigint NOT NULL REFERENCES device (id),
                seq bigint NOT NULL UNIQUE DEFAULT nextval('change_seq'),
                PRIMARY KEY (associate_id, name)
            )
            """,
            "CREATE INDEX associate_setting_by_seq ON associate_setting (associate_id, seq)",
        ],
        ReportSchema.statements,
        // Cheaper pushes: answer_key's foreign key checked every answer's associate row once
        // per answer (a trigger each: 23 ms of a 5,000-answer push's 62 ms to insert the keys),
        // although a push holds that row locked FOR UPDATE and associates are never deleted;
        // and seq, drawn from a sequence, kept a unique index of its own besides the
        // (associate_id, seq) index every pull reads.
        [
            "ALTER TABLE answer_key DROP CONSTRAINT answer_key_associate_id_fkey",
            "ALTER TABLE answer_key DROP CONSTRAINT answer_key_seq_key",
        ],
        ReportSchema.totals,
        // Folds after the push's commit (ReportFold.drain): a push stores its answers and
        // answers the laptop; the aggregates take them in a transaction of their own. Each
        // associate's answers up to folded_seq (answer_key.seq) are in the aggregates; the
        // answers stored so far were folded by their pushes.
        [
            """
            CREATE TABLE report_fold_cursor (
                associate_id bigint PRIMARY KEY REFERENCES associate (id),
                folded_seq bigint NOT NULL CHECK (folded_seq >= 0)
            )
            """,
            """
            INSERT INTO report_fold_cursor (associate_id, folded_seq)
            SELECT a.id, coalesce(max(k.seq), 0)
            FROM associate a LEFT JOIN answer_key k ON k.associate_id = a.id
            GROUP BY a.id
            """,
        ],
        // The device that first pushed each answer, beside its key: a pull passes over the
        // asking device's own answers by their keys, without reading them from the log (a
        // sync after a push of 10,000 answers read all 10,000 back, two pages, to skip
        // them). Answers stored before have none and are read from the log as before.
        ["ALTER TABLE answer_key ADD COLUMN device_id bigint"],
    ]

    /// The version this server's code reads and writes.
    static var currentVersion: Int { all.count }
}
