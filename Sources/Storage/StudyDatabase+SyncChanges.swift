import CohortInsights
import Foundation
import GRDB
import SpacedRepetition

/// A setting that travels between an associate's laptops, as the server holds it.
public struct PulledSetting: Hashable, Sendable {
    /// The column of `associate` it sets (the protocol's name).
    public var name: String
    /// The value as text, already checked; `nil` for FSRS's default parameters.
    public var value: String?
    /// When it was changed, in milliseconds since 1970.
    public var changedAtMs: Int64

    /// Creates a pulled setting.
    public init(name: String, value: String?, changedAtMs: Int64) {
        self.name = name
        self.value = value
        self.changedAtMs = changedAtMs
    }
}

/// A setting changed on this laptop that the server has not acknowledged.
public struct PendingSetting: Hashable, Sendable {
    /// The setting's name.
    public var name: String
    /// When it was changed, in milliseconds since 1970.
    public var changedAtMs: Int64
}

/// What a sync brings home besides answers and decks.
public struct SyncChangeArrival: Sendable {
    /// Retractions the server acknowledged holding.
    public var acknowledgedRetractions: [String]
    /// Settings the server acknowledged, with the change times sent (a setting changed again
    /// since stays pending).
    public var acknowledgedSettings: [PendingSetting]
    /// Answers the associate took back on any device: deleted here, their cards replayed.
    public var retractions: [String]
    /// Settings as the server holds them; applied unless changed here since the push.
    public var settings: [PulledSetting]
    /// The server's position in the associate's changes after this sync.
    public var cursor: Int64

    /// Creates an arrival of changes.
    public init(
        acknowledgedRetractions: [String], acknowledgedSettings: [PendingSetting],
        retractions: [String], settings: [PulledSetting], cursor: Int64
    ) {
        self.acknowledgedRetractions = acknowledgedRetractions
        self.acknowledgedSettings = acknowledgedSettings
        self.retractions = retractions
        self.settings = settings
        self.cursor = cursor
    }
}

/// The local tables of retractions and setting changes (see the migration).
enum SyncChangeTables {
    /// The associate columns that travel; the protocol names them the same.
    static let settingColumns = firstSettingColumns + laterSettingColumns
    /// The columns whose changes the migration "Remember answers taken back and settings
    /// changed" notes (frozen with it).
    static let firstSettingColumns = [
        "display_name", "time_zone", "rollover_hour", "desired_retention", "new_cards_per_day",
        "max_reviews_per_day", "scheduler", "fsrs_parameters", "tone_palette", "leech_action",
    ]
    /// The columns that travel since the migration "Send the audio and listening settings
    /// with the others" (0 or 1 here, `false` or `true` in the protocol's `later_settings`).
    static let laterSettingColumns = ["play_audio", "listening"]
    /// The columns whose change reschedules every card (``Rescheduling``).
    static let schedulingColumns: Set<String> = [
        "time_zone", "rollover_hour", "desired_retention", "scheduler", "fsrs_parameters",
    ]

    static var migration: String {
        """
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
        ALTER TABLE sync_cursor ADD COLUMN change_cursor INTEGER NOT NULL DEFAULT 0
            CHECK (change_cursor >= 0);
        """
            + settingChangeTriggers(firstSettingColumns)
    }

    /// The triggers that note every change of `columns` (see the migrations).
    static func settingChangeTriggers(_ columns: [String]) -> String {
        columns.map { column in
            """

            CREATE TRIGGER setting_change_\(column) AFTER UPDATE OF \(column) ON associate
            WHEN OLD.\(column) IS NOT NEW.\(column)
            BEGIN
                INSERT INTO setting_change (associate_id, name, changed_at_ms, pending)
                VALUES (NEW.id, '\(column)',
                    CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER), 1)
                ON CONFLICT (associate_id, name) DO UPDATE
                SET changed_at_ms = excluded.changed_at_ms, pending = 1;
            END;
            """
        }.joined()
    }
}

extension StudyDatabase {
    /// The ids of answers the associate took back that the server has not acknowledged.
    public func pendingRetractions(of associateId: Int64) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT review_id FROM sync_retraction
                    WHERE associate_id = ? AND acknowledged = 0 ORDER BY review_id
                    """, arguments: [associateId])
        }
    }

    /// The settings changed on this laptop that the server has not acknowledged.
    public func pendingSettings(of associateId: Int64) throws -> [PendingSetting] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, changed_at_ms FROM setting_change
                    WHERE associate_id = ? AND pending = 1 ORDER BY name
                    """, arguments: [associateId]
            ).map { PendingSetting(name: $0[0], changedAtMs: $0[1]) }
        }
    }

    /// The server's position in the associate's retractions and settings (0 before a sync).
    public func changeCursor(of associateId: Int64) throws -> Int64 {
        try writer.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT change_cursor FROM sync_cursor WHERE associate_id = ?",
                arguments: [associateId]) ?? 0
        }
    }

    /// Stores a sync's changes inside its transaction.
    ///
    /// Records what the server acknowledged, applies retractions (deleting the answers and
    /// replaying their cards with `replay`) and settings, and stores the cursor. Returns how many local answers were deleted and whether a setting that
    /// reschedules changed (the associate is then listed in `pending_replay`).
    static func storeChanges(
        _ db: Database, _ changes: SyncChangeArrival, for associateId: Int64,
        replay: (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome]
    ) throws -> (retracted: Int, rescheduled: Bool) {
        let acknowledge = try db.makeStatement(
            sql: """
                INSERT INTO sync_retraction (review_id, associate_id, acknowledged) VALUES (?, ?, 1)
                ON CONFLICT (review_id) DO UPDATE SET acknowledged = 1
                """)
        for id in changes.acknowledgedRetractions + changes.retractions {
            try acknowledge.execute(arguments: [id, associateId])
        }
        for setting in changes.acknowledgedSettings {
            try db.execute(
                sql: """
                    UPDATE setting_change SET pending = 0
                    WHERE associate_id = ? AND name = ? AND changed_at_ms = ?
                    """, arguments: [associateId, setting.name, setting.changedAtMs])
        }
        let retracted = try retract(db, changes.retractions, for: associateId, replay: replay)
        var rescheduled = false
        for setting in changes.settings {
            guard SyncChangeTables.settingColumns.contains(setting.name) else { continue }
            let pending = try Bool.fetchOne(
                db,
                sql: "SELECT pending FROM setting_change WHERE associate_id = ? AND name = ?",
                arguments: [associateId, setting.name])
            // Changed here since this sync's push: the next sync sends it and the server decides.
            if pending == true { continue }
            let column = setting.name
            let differs =
                try Bool.fetchOne(
                    db, sql: "SELECT \(column) IS NOT ? FROM associate WHERE id = ?",
                    arguments: [setting.value, associateId]) ?? false
            if differs {
                try db.execute(
                    sql: "UPDATE associate SET \(column) = ? WHERE id = ?",
                    arguments: [setting.value, associateId])
                if SyncChangeTables.schedulingColumns.contains(column) { rescheduled = true }
            }
            try db.execute(
                sql: """
                    INSERT INTO setting_change (associate_id, name, changed_at_ms, pending)
                    VALUES (?, ?, ?, 0)
                    ON CONFLICT (associate_id, name) DO UPDATE
                    SET changed_at_ms = excluded.changed_at_ms, pending = 0
                    """, arguments: [associateId, column, setting.changedAtMs])
        }
        if rescheduled {
            try db.execute(
                sql: "INSERT OR IGNORE INTO pending_replay (associate_id) VALUES (?)",
                arguments: [associateId])
        }
        try db.execute(
            sql: """
                INSERT INTO sync_cursor (associate_id, change_cursor) VALUES (?, ?)
                ON CONFLICT (associate_id) DO UPDATE SET change_cursor = excluded.change_cursor
                """, arguments: [associateId, changes.cursor])
        return (retracted, rescheduled)
    }

    /// Deletes the associate's answers among `ids` and rebuilds each card they were on by
    /// replaying the answers it has left; returns how many answers were deleted.
    static func retract(
        _ db: Database, _ ids: [String], for associateId: Int64,
        replay: (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome]
    ) throws -> Int {
        var cards: Set<Int64> = []
        var deleted = 0
        for id in ids {
            guard
                let cardId = try Int64.fetchOne(
                    db, sql: "SELECT card_id FROM review_log WHERE id = ? AND associate_id = ?",
                    arguments: [id, associateId])
            else { continue }
            try db.execute(sql: "DELETE FROM review_log WHERE id = ?", arguments: [id])
            cards.insert(cardId)
            deleted += 1
        }
        for cardId in cards.sorted() {
            try replayCard(db, cardId, for: associateId, replay: replay)
        }
        return deleted
    }

    /// Rewrites a card's log (phases, intervals, memory after each answer) and its state from
    /// the replay of the answers it holds; a card left without answers is new again (its
    /// suspension and burial stay).
    static func replayCard(
        _ db: Database, _ cardId: Int64, for associateId: Int64,
        replay: (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome]
    ) throws {
        let existing =
            try ReviewLogRecord
            .filter(Column("associate_id") == associateId && Column("card_id") == cardId)
            .fetchAll(db)
            .sorted {
                AnswerOrder.precedes(
                    Date(milliseconds: $0.reviewedAtMs), $0.id, Date(milliseconds: $1.reviewedAtMs),
                    $1.id)
            }
        let outcomes = replay(
            cardId,
            existing.map {
                PastAnswer(
                    Rating(rawValue: $0.rating) ?? .again, at: Date(milliseconds: $0.reviewedAtMs))
            })
        guard outcomes.count == existing.count else { return }
        try ReviewLogRecord
            .filter(Column("associate_id") == associateId && Column("card_id") == cardId)
            .deleteAll(db)
        var before = Phase.new
        for (record, outcome) in zip(existing, outcomes) {
            try ReviewLogRecord(
                Answer(
                    id: record.id, associateId: associateId, cardId: cardId,
                    phaseBefore: before, outcome: outcome,
                    duration: record.durationMs.map { Double($0) / 1000 },
                    typedAnswer: record.typedAnswer,
                    verdict: record.verdict.flatMap(AnswerVerdict.init(rawValue:))),
                acknowledged: record.acknowledged
            ).insert(db)
            before = outcome.card.phase
        }
        var progress =
            try CardStateRecord.fetchOne(
                db, key: ["associate_id": associateId, "card_id": cardId])?.progress ?? .new
        progress.state = outcomes.last?.card ?? .new
        try CardStateRecord(associateId: associateId, cardId: cardId, progress: progress)
            .save(db)
    }
}

extension StudyDatabase {
    /// Marks every setting that travels as changed at `time` unless a change is already noted:
    /// an associate who studied here before enrolling sends the settings they had, stamped with
    /// an old time so that any later change on another device wins.
    public func noteSettingsForFirstSync(of associateId: Int64, at time: Date) throws {
        try writer.write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO setting_change (associate_id, name, changed_at_ms, pending)
                    VALUES (?, ?, ?, 1)
                    """)
            for column in SyncChangeTables.settingColumns {
                try statement.execute(arguments: [associateId, column, time.milliseconds])
            }
        }
    }
}
