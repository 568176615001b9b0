import AcademyProtocol
import Foundation
import PostgresNIO

// The statements of a sync and of the fold after a push, prepared once per pooled connection
// (PostgresNIO keeps them by name) and then only bound and executed: as unnamed statements
// PostgreSQL parsed and planned each of them on every call, about 4 of the 7 ms of
// PostgreSQL's CPU per 50-answer sync. Each binds its values with their types written out, so
// the statement prepared by the first call does not depend on that call's values (a null).

/// A statement whose one value is an associate's id.
protocol OfOneAssociate: PostgresPreparedStatement {
    var associateId: Int64 { get }
}

extension OfOneAssociate {
    static var bindingDataTypes: [PostgresDataType] { [.int8] }

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(associateId)
        return bindings
    }
}

/// The device a token belongs to, with its associate.
struct DeviceByToken: PostgresPreparedStatement {
    static let sql = """
        SELECT d.id, a.id, a.name FROM device d JOIN associate a ON a.id = d.associate_id
        WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND a.revoked_at IS NULL
        """
    static let bindingDataTypes: [PostgresDataType] = [.bytea]
    typealias Row = (Int64, Int64, String)

    let hash: Data

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        try bindings.append(hash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The trainer a token belongs to.
struct TrainerByToken: PostgresPreparedStatement {
    static let sql = "SELECT id, name FROM trainer WHERE token_hash = $1 AND revoked_at IS NULL"
    static let bindingDataTypes: [PostgresDataType] = [.bytea]
    typealias Row = (Int64, String)

    let hash: Data

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        try bindings.append(hash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A pull's note of the newest release the device holds.
struct RecordReleasesHeld: PostgresPreparedStatement {
    static let sql = "UPDATE device SET releases_held = $2 WHERE id = $1 AND releases_held < $2"
    static let bindingDataTypes: [PostgresDataType] = [.int8, .int8]
    typealias Row = ()

    let deviceId: Int64
    let cursor: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(deviceId)
        bindings.append(cursor)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

/// A page of the associate's answers after a cursor; those `deviceId` pushed itself (or taken
/// back) come with a null answer (see ``AcademyStore/pull(associateId:deviceId:releasesAfter:answersAfter:)``).
struct PullAnswers: PostgresPreparedStatement {
    static let sql = """
        SELECT k.seq, l.id, l.deck, l.note, l.card, l.reviewed_at_ms, l.rating, l.duration_ms,
            l.typed_answer, l.verdict, l.device_id
        FROM answer_key k
        LEFT JOIN answer_log l ON l.reviewed_at_ms = k.reviewed_at_ms
            AND l.id = CASE WHEN k.device_id IS NULL OR $2::bigint IS NULL
                OR k.device_id <> $2 THEN k.id END
        WHERE k.associate_id = $1 AND k.seq > $3
        ORDER BY k.seq LIMIT $4
        """
    static let bindingDataTypes: [PostgresDataType] = [.int8, .int8, .int8, .int8]
    typealias Row = (
        Int64, String?, String?, String?, String?, Int64?, Int16?, Int64?, String?, String?,
        Int64?
    )

    let associateId: Int64
    let deviceId: Int64?
    let after: Int64
    let limit: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(associateId)
        bindings.append(deviceId)
        bindings.append(after)
        bindings.append(limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The newest release of each deck published after a cursor.
struct NewestReleases: PostgresPreparedStatement {
    static let sql = """
        SELECT DISTINCT ON (r.slug) r.id, r.slug, r.text, t.name, r.published_at_ms
        FROM deck_release r JOIN trainer t ON t.id = r.published_by
        WHERE r.id > $1
        ORDER BY r.slug, r.id DESC
        """
    static let bindingDataTypes: [PostgresDataType] = [.int8]
    typealias Row = (Int64, String, String, String, Int64)

    let after: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(after)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The associate's retractions and settings numbered after a cursor, in number order.
struct PullChanges: PostgresPreparedStatement {
    static let sql = """
        SELECT seq, id, NULL::text, NULL::text, NULL::bigint FROM answer_retraction
        WHERE associate_id = $1 AND seq > $2
        UNION ALL
        SELECT seq, NULL::text, name, value, changed_at_ms FROM associate_setting
        WHERE associate_id = $1 AND seq > $2
        ORDER BY 1 LIMIT $3
        """
    static let bindingDataTypes: [PostgresDataType] = [.int8, .int8, .int8]
    typealias Row = (Int64, String?, String?, String?, Int64?)

    let associateId: Int64
    let after: Int64
    let limit: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 3)
        bindings.append(associateId)
        bindings.append(after)
        bindings.append(limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A push's lock on its associate, with the associate's calendar.
///
/// It also has the rest of the push's transaction use generic plans (see ``genericPlans``).
struct LockAssociate: OfOneAssociate {
    static let sql = """
        SELECT time_zone, rollover_hour, \(genericPlans) FROM associate WHERE id = $1
        FOR NO KEY UPDATE
        """
    typealias Row = (String, Int16)

    let associateId: Int64

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (zone, hour, _) = try row.decode((String, Int16, String).self)
        return (zone, hour)
    }
}

/// The retractions of any of a push's ids, with who took each back.
struct RetractionsOf: PostgresPreparedStatement {
    static let sql = "SELECT id, associate_id FROM answer_retraction WHERE id = ANY($1)"
    static let bindingDataTypes: [PostgresDataType] = [.textArray]
    typealias Row = (String, Int64)

    let ids: [String]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(ids)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A push's answers, column by column, for ``StoreNewAnswers`` and ``StoreReplayedAnswers``.
struct PushColumns: Sendable {
    var ids: [String] = []
    var decks: [String] = []
    var notes: [String] = []
    var cards: [String] = []
    var times: [Int64] = []
    var ratings: [Int16] = []
    var durations: [Int64] = []
    var typed: [String] = []
    var verdicts: [String] = []
    var before: [String] = []
    var after: [String] = []
    var intervals: [Double] = []
    var previous: [Double] = []
    var days: [Int32] = []
    var associateId: Int64 = 0
    var deviceId: Int64 = 0

    mutating func reserve(_ count: Int) {
        ids.reserveCapacity(count)
        decks.reserveCapacity(count)
        notes.reserveCapacity(count)
        cards.reserveCapacity(count)
        times.reserveCapacity(count)
        ratings.reserveCapacity(count)
        durations.reserveCapacity(count)
        typed.reserveCapacity(count)
        verdicts.reserveCapacity(count)
        before.reserveCapacity(count)
        after.reserveCapacity(count)
        intervals.reserveCapacity(count)
        previous.reserveCapacity(count)
        days.reserveCapacity(count)
    }

    /// Adds `answer`, given on the associate's study day `day`; a missing value is written as
    /// the statement's stand-in for null (-1 or an empty text).
    mutating func append(_ answer: SyncedAnswer, day: Int) {
        ids.append(answer.id)
        decks.append(answer.deck)
        notes.append(answer.note)
        cards.append(answer.card)
        times.append(answer.reviewedAtMs)
        ratings.append(Int16(answer.rating))
        durations.append(answer.durationMs ?? -1)
        typed.append(answer.typedAnswer ?? "")
        verdicts.append(answer.verdict ?? "")
        before.append(answer.phaseBefore ?? "")
        after.append(answer.phaseAfter ?? "")
        intervals.append(answer.intervalSeconds ?? -1)
        previous.append(answer.previousIntervalSeconds ?? -1)
        days.append(Int32(clamping: day))
    }

    static let dataTypes: [PostgresDataType] = [
        .textArray, .textArray, .textArray, .textArray, .int8Array, .int2Array, .int8Array,
        .textArray, .textArray, .textArray, .textArray, .float8Array, .float8Array, .int4Array,
        .int8, .int8,
    ]

    var bindings: PostgresBindings {
        var bindings = PostgresBindings(capacity: 16)
        bindings.append(ids)
        bindings.append(decks)
        bindings.append(notes)
        bindings.append(cards)
        bindings.append(times)
        bindings.append(ratings)
        bindings.append(durations)
        bindings.append(typed)
        bindings.append(verdicts)
        bindings.append(before)
        bindings.append(after)
        bindings.append(intervals)
        bindings.append(previous)
        bindings.append(days)
        bindings.append(associateId)
        bindings.append(deviceId)
        return bindings
    }

    /// The statement storing a push's keys and new answers.
    ///
    /// It stores the keys and, for the ids that were not stored yet, the answers, and sends
    /// back how many answers it added. With `replay` false an id stored before
    /// breaks `answer_key`'s primary key; with `replay` true the keys pass over the ids stored
    /// before and the log takes the rows whose keys went in, through a semi-join (which
    /// PostgreSQL hashes; a join sorted both sides by id, comparing 5,000 texts in the
    /// cluster's collation twice).
    static func sql(replay: Bool) -> String {
        """
        WITH input AS MATERIALIZED (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[],
                $6::smallint[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[],
                $12::float8[], $13::float8[], $14::int4[])
                AS t(id, deck, note, card, at, rating, duration, typed, verdict,
                    before, after, interval, previous, day)
        ),
        keys AS (
            INSERT INTO answer_key (id, associate_id, reviewed_at_ms, device_id)
            SELECT id, $15::bigint, at, $16::bigint FROM input
            ORDER BY at, id
            \(replay ? "ON CONFLICT (id) DO NOTHING RETURNING id" : "")
        ),
        logged AS (
            INSERT INTO answer_log (id, associate_id, device_id, deck, note, card,
                reviewed_at_ms, rating, duration_ms, typed_answer, verdict,
                phase_before, phase_after, interval_seconds,
                previous_interval_seconds, study_day)
            SELECT i.id, $15::bigint, $16::bigint, deck, note, card, at, rating,
                NULLIF(duration, -1), NULLIF(typed, ''), NULLIF(verdict, ''),
                NULLIF(before, ''), NULLIF(after, ''), NULLIF(interval, -1),
                NULLIF(previous, -1), day
            FROM input i \(replay ? "WHERE i.id IN (SELECT id FROM keys)" : "")
            RETURNING 1
        )
        SELECT count(*) FROM logged
        """
    }
}

/// A push of new answers (see ``PushColumns/sql(replay:)``).
struct StoreNewAnswers: PostgresPreparedStatement {
    static let sql = PushColumns.sql(replay: false)
    static let bindingDataTypes = PushColumns.dataTypes
    typealias Row = Int64

    let columns: PushColumns

    func makeBindings() -> PostgresBindings { columns.bindings }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A push run again after an id of it was found stored (see ``PushColumns/sql(replay:)``).
struct StoreReplayedAnswers: PostgresPreparedStatement {
    static let sql = PushColumns.sql(replay: true)
    static let bindingDataTypes = PushColumns.dataTypes
    typealias Row = Int64

    let columns: PushColumns

    func makeBindings() -> PostgresBindings { columns.bindings }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// The fold's share of the lock between folds and rebuilds (``ReportFold/lock(exclusive:on:logger:)``),
/// the first statement of a fold's transaction.
///
/// It also has the rest of the transaction use generic plans (see ``genericPlans``).
struct ShareFoldLock: PostgresPreparedStatement {
    static let sql = "SELECT pg_advisory_xact_lock_shared(7004), \(genericPlans)"
    typealias Row = ()

    func makeBindings() -> PostgresBindings { PostgresBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

/// Sets `plan_cache_mode` to `force_generic_plan` until the transaction ends (`SET LOCAL`).
///
/// The push's insert and the fold are planned once per connection then, not at every call:
/// PostgreSQL plans a prepared statement with its values for five calls, and keeps doing so
/// when the generic plan's estimate is not cheaper, and planning the fold took 1-2 ms a push
/// against 0.5 ms to run it for 50 answers. Their values do not call for a plan of their own:
/// arrays of answers (which PostgreSQL counts as 10 elements in both kinds of plan) and
/// associate ids.
let genericPlans = "set_config('plan_cache_mode', 'force_generic_plan', true)"

/// A fold cursor for the associate, if they have none yet (``ReportFold/drain(associate:on:logger:)``).
struct AddFoldCursor: OfOneAssociate {
    static let sql = ReportFold.addMissingCursors(where: "a.id = $1")
    typealias Row = ()

    let associateId: Int64

    func decodeRow(_ row: PostgresRow) throws -> Row {}
}

/// The associate's fold cursor, locked, if answers wait after it.
struct LockWaitingFoldCursor: OfOneAssociate {
    static let sql = ReportFold.lockWaitingCursors(where: "c.associate_id = $1")
    typealias Row = Int64

    let associateId: Int64

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// Folds one associate's answers after their cursor and moves it (``ReportFold/foldAfterCursors``).
struct FoldAfterCursor: OfOneAssociate {
    static let sql = ReportFold.foldAfterCursors(ids: "ARRAY[$1::bigint]")
    typealias Row = Int64

    let associateId: Int64

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
