import GRDB

extension StudyDatabase {
    /// The schema's history.
    ///
    /// Migrations are frozen once shipped: never edit one, add another.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("Create the study schema") { db in
            try db.execute(
                sql: """
                    CREATE TABLE associate (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                        display_name TEXT NOT NULL,
                        time_zone TEXT NOT NULL CHECK (length(time_zone) > 0),
                        rollover_hour INTEGER NOT NULL DEFAULT 4
                            CHECK (rollover_hour BETWEEN 0 AND 23),
                        desired_retention REAL NOT NULL DEFAULT 0.9
                            CHECK (desired_retention BETWEEN 0.7 AND 0.99),
                        new_cards_per_day INTEGER NOT NULL DEFAULT 20
                            CHECK (new_cards_per_day BETWEEN 0 AND 9999),
                        max_reviews_per_day INTEGER NOT NULL DEFAULT 200
                            CHECK (max_reviews_per_day BETWEEN 0 AND 99999),
                        scheduler TEXT NOT NULL DEFAULT 'fsrs' CHECK (scheduler IN ('fsrs', 'sm2')),
                        fsrs_parameters TEXT,
                        tone_palette TEXT NOT NULL DEFAULT 'pleco',
                        leech_action TEXT NOT NULL DEFAULT 'tag'
                            CHECK (leech_action IN ('tag', 'suspend')),
                        created_at_ms INTEGER NOT NULL
                    );

                    CREATE TABLE deck (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL UNIQUE CHECK (length(slug) > 0),
                        title TEXT NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        version TEXT,
                        source TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        imported_at_ms INTEGER NOT NULL
                    );

                    CREATE TABLE note (
                        id INTEGER PRIMARY KEY,
                        deck_id INTEGER NOT NULL REFERENCES deck(id) ON DELETE CASCADE,
                        key TEXT NOT NULL CHECK (length(key) > 0),
                        hanzi TEXT NOT NULL CHECK (length(hanzi) > 0),
                        traditional TEXT NOT NULL,
                        pinyin TEXT NOT NULL CHECK (length(pinyin) > 0),
                        english TEXT NOT NULL CHECK (length(english) > 0),
                        part_of_speech TEXT NOT NULL DEFAULT '',
                        measure_word TEXT NOT NULL DEFAULT '',
                        example_hanzi TEXT NOT NULL DEFAULT '',
                        example_pinyin TEXT NOT NULL DEFAULT '',
                        example_english TEXT NOT NULL DEFAULT '',
                        hsk_level TEXT CHECK (hsk_level IN ('1', '2', '3', '4', '5', '6', '7-9')),
                        tags TEXT NOT NULL DEFAULT '',
                        position INTEGER NOT NULL DEFAULT 0,
                        retired_at_ms INTEGER,
                        UNIQUE (deck_id, key)
                    );

                    CREATE TABLE card (
                        id INTEGER PRIMARY KEY,
                        note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('recognition', 'production', 'pinyin')),
                        UNIQUE (note_id, kind)
                    );

                    CREATE TABLE card_state (
                        associate_id INTEGER NOT NULL REFERENCES associate(id) ON DELETE CASCADE,
                        card_id INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,
                        phase TEXT NOT NULL
                            CHECK (phase IN ('new', 'learning', 'review', 'relearning')),
                        step INTEGER CHECK (step >= 0),
                        stability REAL CHECK (stability > 0),
                        difficulty REAL CHECK (difficulty BETWEEN 1 AND 10),
                        ease REAL CHECK (ease >= 1.3),
                        interval_days INTEGER CHECK (interval_days >= 0),
                        due_ms INTEGER,
                        last_review_ms INTEGER,
                        reps INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0),
                        lapses INTEGER NOT NULL DEFAULT 0 CHECK (lapses BETWEEN 0 AND reps),
                        suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
                        buried_until_ms INTEGER,
                        leech INTEGER NOT NULL DEFAULT 0 CHECK (leech IN (0, 1)),
                        PRIMARY KEY (associate_id, card_id),
                        CHECK ((step IS NOT NULL) = (phase IN ('learning', 'relearning'))),
                        CHECK ((phase = 'new') = (last_review_ms IS NULL)),
                        CHECK ((phase = 'new') = (due_ms IS NULL)),
                        CHECK ((stability IS NULL) = (difficulty IS NULL)),
                        CHECK ((ease IS NULL) = (interval_days IS NULL)),
                        CHECK ((phase = 'new') = (stability IS NULL AND ease IS NULL)),
                        CHECK (phase <> 'new' OR reps = 0)
                    ) WITHOUT ROWID;
                    CREATE INDEX card_state_by_due ON card_state (associate_id, due_ms);

                    CREATE TABLE review_log (
                        id TEXT PRIMARY KEY,
                        associate_id INTEGER NOT NULL REFERENCES associate(id) ON DELETE CASCADE,
                        card_id INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,
                        reviewed_at_ms INTEGER NOT NULL,
                        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
                        duration_ms INTEGER CHECK (duration_ms >= 0),
                        typed_answer TEXT,
                        phase_before TEXT NOT NULL
                            CHECK (phase_before IN ('new', 'learning', 'review', 'relearning')),
                        phase_after TEXT NOT NULL
                            CHECK (phase_after IN ('learning', 'review', 'relearning')),
                        elapsed_days INTEGER,
                        interval_seconds REAL NOT NULL CHECK (interval_seconds > 0),
                        stability_after REAL,
                        difficulty_after REAL,
                        ease_after REAL
                    );
                    CREATE INDEX review_log_by_associate_time ON review_log (associate_id, reviewed_at_ms);
                    CREATE INDEX review_log_by_card_time ON review_log (card_id, reviewed_at_ms);
                    CREATE INDEX note_by_deck ON note (deck_id, retired_at_ms);
                    """)
        }
        migrator.registerMigration("Index active notes in deck order") { db in
            // New cards come in deck order: this lets a session find them without reading every
            // note's text (retired_at_ms is in the index so that the index alone answers).
            try db.execute(
                sql: """
                    CREATE INDEX active_note_in_deck_order ON note (deck_id, position, retired_at_ms)
                    WHERE retired_at_ms IS NULL;
                    """)
        }
        return migrator
    }
}
