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
        migrator.registerMigration("Number each card after its note") { db in
            try db.execute(sql: numberCardsAfterTheirNotes)
        }
        migrator.registerMigration("Remember what the academy server holds") { db in
            // `lianxi sync`: the answers the server acknowledged (or sent), and per associate
            // how far the laptop has read the server's deck releases and answers.
            try db.execute(
                sql: """
                    CREATE TABLE sync_acknowledged (review_id TEXT PRIMARY KEY) WITHOUT ROWID;
                    CREATE TABLE sync_cursor (
                        associate_id INTEGER PRIMARY KEY
                            REFERENCES associate(id) ON DELETE CASCADE,
                        release_cursor INTEGER NOT NULL DEFAULT 0 CHECK (release_cursor >= 0),
                        answer_cursor INTEGER NOT NULL DEFAULT 0 CHECK (answer_cursor >= 0)
                    );
                    """)
        }
        migrator.registerMigration("Keep audio recordings and listening cards") { db in
            try db.execute(sql: keepAudioAndListeningCards)
        }
        migrator.registerMigration("Keep the answer checker's verdict with each answer") { db in
            // Typed pinyin answers: a tone slip or a wrong syllable, as the checker saw it when
            // the answer was given (the trainer's hardest words by kind of mistake). Earlier
            // answers and other cards have none.
            try db.execute(
                sql: """
                    ALTER TABLE review_log ADD COLUMN verdict TEXT
                        CHECK (verdict IS NULL OR verdict IN ('correct', 'tones-only', 'wrong'));
                    """)
        }
        migrator.registerMigration("Remember answers taken back and settings changed") { db in
            // `lianxi sync`: answers undone (to send, and to keep out when they come back), the
            // settings changed on this laptop (to send), and how far the laptop has read the
            // server's retractions and settings. The triggers note every change of a setting
            // that travels, whoever makes it (`associate set`, `optimize`, a bundle).
            try db.execute(sql: SyncChangeTables.migration)
        }
        migrator.registerMigration("Keep a tally of each associate's answers per quarter hour") {
            db in
            // `lianxi stats` reads a row per quarter hour studied, not every answer; triggers
            // on the review log keep it (``AnswerTallyTable``).
            try db.execute(sql: AnswerTallyTable.migration)
        }
        migrator.registerMigration("Send the audio and listening settings with the others") {
            db in
            // `lianxi sync`: their changes are noted as the other settings' are. The change
            // cursor starts again, so that the next sync reads every setting the server holds,
            // these two included (an older lianxi passed over them as it moved its cursor on);
            // retractions read again change nothing.
            try db.execute(
                sql: SyncChangeTables.settingChangeTriggers(SyncChangeTables.laterSettingColumns)
                    + "\nUPDATE sync_cursor SET change_cursor = 0;")
        }
        migrator.registerMigration("Mark each answer the academy server acknowledged") { db in
            // `lianxi sync`: an answer carries its own mark, set when the server acknowledges
            // it (or sends it), instead of a row keyed by its id in `sync_acknowledged`. A push
            // reads the unmarked answers through a partial index, not the whole log checked
            // against a set of every answer ever sent; an acknowledgement rewrites the rows
            // just read instead of inserting their ids at random into a growing B-tree. An id
            // acknowledged but no longer in the log (taken back since) has nothing to mark.
            try db.execute(sql: markAcknowledgedAnswers)
        }
        return migrator
    }

    /// The answers the academy server acknowledged, marked on `review_log` itself.
    static let markAcknowledgedAnswers = """
        ALTER TABLE review_log ADD COLUMN acknowledged INTEGER NOT NULL DEFAULT 0
            CHECK (acknowledged IN (0, 1));
        UPDATE review_log SET acknowledged = 1
            WHERE id IN (SELECT review_id FROM sync_acknowledged);
        CREATE INDEX review_log_unacknowledged ON review_log (associate_id)
            WHERE acknowledged = 0;
        DROP TABLE sync_acknowledged;
        """

    /// Recordings that come with a deck are kept with their notes (`note_audio`, the bytes in
    /// the database so that it stays the one file that holds everything); a card may be of
    /// the fourth kind, `listening` (number 3 in ``CardNumbering``), so `card` is rebuilt with
    /// its checks widened; each associate may have words played when their answer shows and
    /// may study listening cards (both off).
    private static let keepAudioAndListeningCards = """
        CREATE TABLE note_audio (
            note_id INTEGER PRIMARY KEY REFERENCES note(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (name <> ''),
            format TEXT NOT NULL CHECK (format IN ('mp3', 'ogg', 'wav', 'flac', 'm4a')),
            content_hash TEXT NOT NULL CHECK (length(content_hash) = 16),
            bytes BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 1048576)
        );

        CREATE TABLE new_card (
            id INTEGER PRIMARY KEY,
            note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            kind TEXT NOT NULL
                CHECK (kind IN ('recognition', 'production', 'pinyin', 'listening')),
            CHECK (id = note_id * 4 + CASE kind
                WHEN 'recognition' THEN 0 WHEN 'production' THEN 1 WHEN 'pinyin' THEN 2
                ELSE 3 END)
        );
        INSERT INTO new_card (id, note_id, kind) SELECT id, note_id, kind FROM card;
        DROP TABLE card;
        ALTER TABLE new_card RENAME TO card;

        ALTER TABLE associate ADD COLUMN play_audio INTEGER NOT NULL DEFAULT 0
            CHECK (play_audio IN (0, 1));
        ALTER TABLE associate ADD COLUMN listening INTEGER NOT NULL DEFAULT 0
            CHECK (listening IN (0, 1));
        """

    /// Card ids become `note id × 4 + kind` (``CardNumbering``).
    ///
    /// Cards keep their rows and every answer and state follows its card to the new id.
    /// `card_state` gets a due index that holds every column a study session reads. `note` is
    /// rebuilt with the same constraints written as SQLite checks them fastest (`key <> ''`
    /// rather than `length(key) > 0`, and the HSK list skipped when the level is NULL: with
    /// the old spelling the checks took half of a deck import's inserts); the deck index that
    /// only counted notes goes, and retired notes get an index of their own.
    ///
    /// The fuzz of each interval is drawn from the card's id, so every associate with answers
    /// is listed in `pending_replay`: their states are rebuilt from the log, under the new ids,
    /// before they study again (``StudyDatabase/associatesAwaitingReplay()``).
    private static let numberCardsAfterTheirNotes = """
        CREATE TEMP TABLE card_number (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
        INSERT INTO card_number (old, new)
            SELECT id, note_id * 4 + CASE kind
                WHEN 'recognition' THEN 0 WHEN 'production' THEN 1 ELSE 2 END
            FROM card;

        CREATE TABLE new_card (
            id INTEGER PRIMARY KEY,
            note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('recognition', 'production', 'pinyin')),
            CHECK (id = note_id * 4 + CASE kind
                WHEN 'recognition' THEN 0 WHEN 'production' THEN 1 ELSE 2 END)
        );
        INSERT INTO new_card (id, note_id, kind)
            SELECT m.new, c.note_id, c.kind FROM card c JOIN card_number m ON m.old = c.id;

        UPDATE review_log SET card_id = (SELECT new FROM card_number WHERE old = card_id)
            WHERE card_id <> (SELECT new FROM card_number WHERE old = card_id);

        CREATE TABLE new_card_state (
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
        INSERT INTO new_card_state
            SELECT cs.associate_id, m.new, cs.phase, cs.step, cs.stability, cs.difficulty,
                cs.ease, cs.interval_days, cs.due_ms, cs.last_review_ms, cs.reps, cs.lapses,
                cs.suspended, cs.buried_until_ms, cs.leech
            FROM card_state cs JOIN card_number m ON m.old = cs.card_id;

        DROP TABLE card_state;
        DROP TABLE card;
        ALTER TABLE new_card RENAME TO card;
        ALTER TABLE new_card_state RENAME TO card_state;
        DROP TABLE card_number;

        CREATE INDEX card_state_due_queue ON card_state (associate_id, due_ms, phase,
            suspended, buried_until_ms, step, stability, difficulty, ease, interval_days,
            last_review_ms, reps, lapses, leech);
        CREATE TABLE new_note (
            id INTEGER PRIMARY KEY,
            deck_id INTEGER NOT NULL REFERENCES deck(id) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (key <> ''),
            hanzi TEXT NOT NULL CHECK (hanzi <> ''),
            traditional TEXT NOT NULL,
            pinyin TEXT NOT NULL CHECK (pinyin <> ''),
            english TEXT NOT NULL CHECK (english <> ''),
            part_of_speech TEXT NOT NULL DEFAULT '',
            measure_word TEXT NOT NULL DEFAULT '',
            example_hanzi TEXT NOT NULL DEFAULT '',
            example_pinyin TEXT NOT NULL DEFAULT '',
            example_english TEXT NOT NULL DEFAULT '',
            hsk_level TEXT
                CHECK (hsk_level IS NULL OR hsk_level IN ('1', '2', '3', '4', '5', '6', '7-9')),
            tags TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            retired_at_ms INTEGER,
            UNIQUE (deck_id, key)
        );
        INSERT INTO new_note
            SELECT id, deck_id, key, hanzi, traditional, pinyin, english, part_of_speech,
                measure_word, example_hanzi, example_pinyin, example_english, hsk_level, tags,
                position, retired_at_ms
            FROM note;
        DROP TABLE note;
        ALTER TABLE new_note RENAME TO note;
        CREATE INDEX active_note_in_deck_order ON note (deck_id, position, retired_at_ms)
            WHERE retired_at_ms IS NULL;
        CREATE INDEX retired_note ON note (id) WHERE retired_at_ms IS NOT NULL;

        CREATE TABLE pending_replay (
            associate_id INTEGER PRIMARY KEY REFERENCES associate(id) ON DELETE CASCADE
        );
        INSERT INTO pending_replay (associate_id) SELECT DISTINCT associate_id FROM review_log;
        """
}
