import GRDB

extension StudyDatabase {
    /// The migrations whose schema ``newSchema`` is: a new database gets it in one
    /// transaction, recorded as these migrations applied, instead of replaying each of them.
    static let newSchemaMigrations = [
        "Create the study schema",
        "Index active notes in deck order",
        "Number each card after its note",
        "Remember what the academy server holds",
        "Keep audio recordings and listening cards",
        "Keep the answer checker's verdict with each answer",
        "Remember answers taken back and settings changed",
        "Keep a tally of each associate's answers per quarter hour",
        "Send the audio and listening settings with the others",
        "Mark each answer the academy server acknowledged",
    ]

    /// The schema that replaying ``newSchemaMigrations`` on an empty database leaves, each
    /// statement as SQLite keeps it in `sqlite_master`, in the order they were made.
    ///
    /// Replaying those migrations on a new database rebuilds tables it has just made (ten
    /// transactions, each written to the disk); this makes the same schema in one. The tally's
    /// table and triggers are its migration's own statements (its fill finds no answer), and
    /// so are the audio and listening settings' triggers (no change cursor to start again). A
    /// test compares the two databases' `sqlite_master` and migration tables. A later
    /// migration may be added here or left out: one left out is applied after, as on any
    /// database.
    static var newSchema: String {
        """
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
        , play_audio INTEGER NOT NULL DEFAULT 0
            CHECK (play_audio IN (0, 1)), listening INTEGER NOT NULL DEFAULT 0
            CHECK (listening IN (0, 1)));
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
        , verdict TEXT
            CHECK (verdict IS NULL OR verdict IN ('correct', 'tones-only', 'wrong')), acknowledged INTEGER NOT NULL DEFAULT 0
            CHECK (acknowledged IN (0, 1)));
        CREATE INDEX review_log_by_associate_time ON review_log (associate_id, reviewed_at_ms);
        CREATE INDEX review_log_by_card_time ON review_log (card_id, reviewed_at_ms);
        CREATE INDEX review_log_unacknowledged ON review_log (associate_id)
            WHERE acknowledged = 0;
        CREATE TABLE "card_state" (
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
        CREATE INDEX card_state_due_queue ON card_state (associate_id, due_ms, phase,
            suspended, buried_until_ms, step, stability, difficulty, ease, interval_days,
            last_review_ms, reps, lapses, leech);
        CREATE TABLE "note" (
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
        CREATE INDEX active_note_in_deck_order ON note (deck_id, position, retired_at_ms)
            WHERE retired_at_ms IS NULL;
        CREATE INDEX retired_note ON note (id) WHERE retired_at_ms IS NOT NULL;
        CREATE TABLE pending_replay (
            associate_id INTEGER PRIMARY KEY REFERENCES associate(id) ON DELETE CASCADE
        );
        CREATE TABLE sync_cursor (
            associate_id INTEGER PRIMARY KEY
                REFERENCES associate(id) ON DELETE CASCADE,
            release_cursor INTEGER NOT NULL DEFAULT 0 CHECK (release_cursor >= 0),
            answer_cursor INTEGER NOT NULL DEFAULT 0 CHECK (answer_cursor >= 0)
        , change_cursor INTEGER NOT NULL DEFAULT 0
            CHECK (change_cursor >= 0));
        CREATE TABLE note_audio (
            note_id INTEGER PRIMARY KEY REFERENCES note(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (name <> ''),
            format TEXT NOT NULL CHECK (format IN ('mp3', 'ogg', 'wav', 'flac', 'm4a')),
            content_hash TEXT NOT NULL CHECK (length(content_hash) = 16),
            bytes BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 1048576)
        );
        CREATE TABLE "card" (
            id INTEGER PRIMARY KEY,
            note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            kind TEXT NOT NULL
                CHECK (kind IN ('recognition', 'production', 'pinyin', 'listening')),
            CHECK (id = note_id * 4 + CASE kind
                WHEN 'recognition' THEN 0 WHEN 'production' THEN 1 WHEN 'pinyin' THEN 2
                ELSE 3 END)
        );
        CREATE TABLE sync_retraction (
            review_id TEXT PRIMARY KEY,
            associate_id INTEGER NOT NULL REFERENCES associate(id) ON DELETE CASCADE,
            acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1))
        ) WITHOUT ROWID;
        CREATE INDEX sync_retraction_pending ON sync_retraction (associate_id)
            WHERE acknowledged = 0;
        CREATE TABLE setting_change (
            associate_id INTEGER NOT NULL REFERENCES associate(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            changed_at_ms INTEGER NOT NULL,
            pending INTEGER NOT NULL DEFAULT 1 CHECK (pending IN (0, 1)),
            PRIMARY KEY (associate_id, name)
        ) WITHOUT ROWID;
        """ + SyncChangeTables.settingChangeTriggers(SyncChangeTables.firstSettingColumns)
            + AnswerTallyTable.migration
            + SyncChangeTables.settingChangeTriggers(SyncChangeTables.laterSettingColumns)
    }

    /// Gives an empty database ``newSchema`` in one transaction and records the migrations it
    /// stands for, when `migrator` starts with them; a database with anything in it is left to
    /// the migrator.
    static func createNewSchema(in writer: any DatabaseWriter, migrator: DatabaseMigrator)
        throws
    {
        guard migrator.migrations.starts(with: newSchemaMigrations) else { return }
        try writer.writeWithoutTransaction { db in
            // Not synced on its own (three syncs: the new WAL's header, its folder, the
            // commit): the schema holds nothing the user was told is stored. The next commit
            // (FULL, the same WAL file) or the checkpoint at close syncs it with what follows;
            // should the power go before either, the file is left with its first page and no
            // schema, and the next open makes the schema again (the count below).
            try db.execute(sql: "PRAGMA synchronous = OFF")
            do {
                try makeNewSchema(db)
            } catch {
                try db.execute(sql: "PRAGMA synchronous = FULL")
                throw error
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
    }

    /// ``newSchema`` and its migrations' records, in one transaction, on an empty database.
    private static func makeNewSchema(_ db: Database) throws {
        // Immediate: another process opening the same new file waits, then finds it made.
        try db.inTransaction(.immediate) {
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 else {
                return .commit
            }
            // The migration table as GRDB makes it, first as in a migrated database.
            try db.execute(
                sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: newSchema)
            for identifier in newSchemaMigrations {
                try db.execute(
                    sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)",
                    arguments: [identifier])
            }
            return .commit
        }
    }
}
