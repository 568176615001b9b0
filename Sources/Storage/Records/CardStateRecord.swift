import Foundation
import GRDB
import SpacedRepetition

/// A row of `card_state`: one associate's progress on one card.
struct CardStateRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "card_state"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var associateId: Int64
    var cardId: Int64
    private var phase: String
    private var step: Int?
    private var stability: Double?
    private var difficulty: Double?
    private var ease: Double?
    private var intervalDays: Int?
    private var dueMs: Int64?
    private var lastReviewMs: Int64?
    private var reps: Int
    private var lapses: Int
    var suspended: Bool
    private var buriedUntilMs: Int64?
    var leech: Bool

    init(associateId: Int64, cardId: Int64, progress: CardProgress) {
        self.associateId = associateId
        self.cardId = cardId
        phase = "new"
        reps = 0
        lapses = 0
        suspended = false
        leech = false
        self.progress = progress
    }

    /// The progress as the rest of the program sees it.
    var progress: CardProgress {
        get {
            CardProgress(
                state: schedule, isSuspended: suspended,
                buriedUntil: buriedUntilMs.map(Date.init(milliseconds:)), isLeech: leech)
        }
        set {
            schedule = newValue.state
            suspended = newValue.isSuspended
            buriedUntilMs = newValue.buriedUntil?.milliseconds
            leech = newValue.isLeech
        }
    }

    private var schedule: CardState {
        get {
            Self.schedule(
                phase: phase, step: step, stability: stability, difficulty: difficulty,
                ease: ease, intervalDays: intervalDays, dueMs: dueMs, lastReviewMs: lastReviewMs,
                reps: reps, lapses: lapses)
        }
        set {
            switch newValue.phase {
            case .new: (phase, step) = ("new", nil)
            case .learning(let index): (phase, step) = ("learning", index)
            case .review: (phase, step) = ("review", nil)
            case .relearning(let index): (phase, step) = ("relearning", index)
            }
            (stability, difficulty, ease, intervalDays) = (nil, nil, nil, nil)
            switch newValue.memory {
            case .fsrs(let state)?: (stability, difficulty) = (state.stability, state.difficulty)
            case .sm2(let factor, let interval)?:
                (ease, intervalDays) = (factor.storedMultiplier, interval)
            case nil: break
            }
            dueMs = newValue.due?.milliseconds
            lastReviewMs = newValue.lastReview?.milliseconds
            reps = newValue.reps
            lapses = newValue.lapses
        }
    }
}

extension CardStateRecord {
    /// Inserts or replaces the row with one cached statement (an upsert): a session saves a
    /// state after every answer, and `save` through `Codable` costs more than the write.
    func saveQuickly(_ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO card_state (associate_id, card_id, phase, step, stability, difficulty,
                    ease, interval_days, due_ms, last_review_ms, reps, lapses, suspended,
                    buried_until_ms, leech)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (associate_id, card_id) DO UPDATE SET
                    phase = excluded.phase, step = excluded.step,
                    stability = excluded.stability, difficulty = excluded.difficulty,
                    ease = excluded.ease, interval_days = excluded.interval_days,
                    due_ms = excluded.due_ms, last_review_ms = excluded.last_review_ms,
                    reps = excluded.reps, lapses = excluded.lapses,
                    suspended = excluded.suspended, buried_until_ms = excluded.buried_until_ms,
                    leech = excluded.leech
                """)
        try statement.execute(arguments: [
            associateId, cardId, phase, step, stability, difficulty, ease, intervalDays, dueMs,
            lastReviewMs, reps, lapses, suspended, buriedUntilMs, leech,
        ])
    }

    /// The columns `progress(row:startingAt:)` reads, in order, for a table aliased `cs`.
    static let progressColumns = """
        cs.phase, cs.step, cs.stability, cs.difficulty, cs.ease, cs.interval_days, cs.due_ms,
        cs.last_review_ms, cs.reps, cs.lapses, cs.suspended, cs.buried_until_ms, cs.leech
        """

    /// How many columns `progressColumns` lists (counted from it, so the two cannot disagree).
    static let progressColumnCount = progressColumns.split(separator: ",").count

    /// The columns `dueOrder(_:startingAt:)` reads, in order, for a table aliased `cs`.
    static let orderColumns = """
        cs.phase, cs.step, cs.due_ms, cs.last_review_ms, cs.stability, cs.interval_days
        """

    /// The order of a due card read from `orderColumns` at `index` of a raw row, as
    /// ``progress(_:startingAt:)`` reads the same columns; `nil` for a row without a due time,
    /// a last review or a memory (a new card's, or one the CHECK constraints refuse).
    static func dueOrder(_ row: RawRow, startingAt index: Int32) -> DueOrder? {
        let phase: Phase
        if row.text(index, is: "review") {
            phase = .review
        } else if row.text(index, is: "learning") {
            phase = .learning(step: Int(row.int64(index + 1)))
        } else if row.text(index, is: "relearning") {
            phase = .relearning(step: Int(row.int64(index + 1)))
        } else {
            return nil
        }
        guard !row.isNull(index + 2), !row.isNull(index + 3) else { return nil }
        // FSRS's memory first, as the whole progress reads it when a row has both.
        let strength: RecallBasis.Strength
        if !row.isNull(index + 4) {
            strength = .stability(row.double(index + 4))
        } else if !row.isNull(index + 5) {
            strength = .interval(Int(row.int64(index + 5)))
        } else {
            return nil
        }
        return DueOrder(
            phase: phase, due: Date(milliseconds: row.int64(index + 2)),
            recallBasis: RecallBasis(
                lastReview: Date(milliseconds: row.int64(index + 3)), strength: strength))
    }

    /// Progress read from `progressColumns` at `index` of a row, without record decoding
    /// (study queries read tens of thousands of rows); `.new` when the columns are NULL.
    static func progress(row: Row, startingAt index: Int) -> CardProgress {
        guard let phase = row[index] as String? else { return .new }
        let state = schedule(
            phase: phase, step: row[index + 1], stability: row[index + 2],
            difficulty: row[index + 3], ease: row[index + 4], intervalDays: row[index + 5],
            dueMs: row[index + 6], lastReviewMs: row[index + 7], reps: row[index + 8],
            lapses: row[index + 9])
        return CardProgress(
            state: state, isSuspended: row[index + 10],
            buriedUntil: (row[index + 11] as Int64?).map(Date.init(milliseconds:)),
            isLeech: row[index + 12])
    }

    /// Progress read from `progressColumns` at `index` of a raw row (``RawRow``), as
    /// ``progress(row:startingAt:)`` reads it from a GRDB row; `.new` when the columns are NULL.
    static func progress(_ row: RawRow, startingAt index: Int32) -> CardProgress {
        guard !row.isNull(index) else { return .new }
        // The CHECK constraints pair the columns' NULLs: a step in learning and relearning
        // only, due and last review times in every phase but new, a difficulty with each
        // stability and an interval with each ease. One NULL test a pair, since asking a
        // column's type costs as much as reading its value (tens of thousands of due cards).
        let phase: Phase =
            if row.text(index, is: "review") {
                .review
            } else if row.text(index, is: "learning") {
                .learning(step: Int(row.int64(index + 1)))
            } else if row.text(index, is: "relearning") {
                .relearning(step: Int(row.int64(index + 1)))
            } else {
                .new
            }
        let answered = phase != .new
        let fsrs = !row.isNull(index + 2)
        let sm2 = !row.isNull(index + 4)
        let state = schedule(
            phase: phase, stability: fsrs ? row.double(index + 2) : nil,
            difficulty: fsrs ? row.double(index + 3) : nil,
            ease: sm2 ? row.double(index + 4) : nil,
            intervalDays: sm2 ? Int(row.int64(index + 5)) : nil,
            dueMs: answered ? row.int64(index + 6) : nil,
            lastReviewMs: answered ? row.int64(index + 7) : nil,
            reps: Int(row.int64(index + 8)), lapses: Int(row.int64(index + 9)))
        return CardProgress(
            state: state, isSuspended: row.int64(index + 10) != 0,
            buriedUntil: row.optionalInt64(index + 11).map(Date.init(milliseconds:)),
            isLeech: row.int64(index + 12) != 0)
    }

    /// The scheduler's state from the columns (the CHECK constraints keep them consistent).
    static func schedule(
        phase name: String, step: Int?, stability: Double?, difficulty: Double?, ease: Double?,
        intervalDays: Int?, dueMs: Int64?, lastReviewMs: Int64?, reps: Int, lapses: Int
    ) -> CardState {
        let phase: Phase =
            switch name {
            case "learning": .learning(step: step ?? 0)
            case "review": .review
            case "relearning": .relearning(step: step ?? 0)
            default: .new
            }
        return schedule(
            phase: phase, stability: stability, difficulty: difficulty, ease: ease,
            intervalDays: intervalDays, dueMs: dueMs, lastReviewMs: lastReviewMs, reps: reps,
            lapses: lapses)
    }

    /// The scheduler's state from the phase and the other columns.
    private static func schedule(
        phase: Phase, stability: Double?, difficulty: Double?, ease: Double?,
        intervalDays: Int?, dueMs: Int64?, lastReviewMs: Int64?, reps: Int, lapses: Int
    ) -> CardState {
        let memory: Memory? =
            if let stability, let difficulty {
                .fsrs(MemoryState(stability: stability, difficulty: difficulty))
            } else if let ease, let intervalDays {
                .sm2(ease: Ease(storedMultiplier: ease), interval: intervalDays)
            } else {
                nil
            }
        return CardState(
            restoring: phase, memory: memory,
            lastReview: lastReviewMs.map(Date.init(milliseconds:)),
            due: dueMs.map(Date.init(milliseconds:)), reps: reps, lapses: lapses) ?? .new
    }
}

extension CardStateRecord {
    /// Writes the row's columns, in the table's order, to an answer journal's block.
    func write(to writer: inout JournalWriter) {
        writer.integer(associateId)
        writer.integer(cardId)
        writer.string(phase)
        writer.optional(step) { $0.integer(Int64($1)) }
        writer.optional(stability) { $0.double($1) }
        writer.optional(difficulty) { $0.double($1) }
        writer.optional(ease) { $0.double($1) }
        writer.optional(intervalDays) { $0.integer(Int64($1)) }
        writer.optional(dueMs) { $0.integer($1) }
        writer.optional(lastReviewMs) { $0.integer($1) }
        writer.integer(Int64(reps))
        writer.integer(Int64(lapses))
        writer.flag(suspended)
        writer.optional(buriedUntilMs) { $0.integer($1) }
        writer.flag(leech)
    }

    /// Reads the row ``write(to:)`` wrote.
    init(from reader: inout JournalReader) throws(JournalReader.Truncated) {
        associateId = try reader.integer()
        cardId = try reader.integer()
        phase = try reader.string()
        step = try reader.optionalInteger().map(Int.init)
        stability = try reader.optionalDouble()
        difficulty = try reader.optionalDouble()
        ease = try reader.optionalDouble()
        intervalDays = try reader.optionalInteger().map(Int.init)
        dueMs = try reader.optionalInteger()
        lastReviewMs = try reader.optionalInteger()
        reps = Int(try reader.integer())
        lapses = Int(try reader.integer())
        suspended = try reader.flag()
        buriedUntilMs = try reader.optionalInteger()
        leech = try reader.flag()
    }
}

/// One associate's progress on one card: the scheduler's state and the study flags.
public struct CardProgress: Hashable, Sendable {
    // The two flags together, after the state's last byte (see ``CardState``'s layout).

    /// The scheduler's state.
    public var state: CardState
    /// Whether the card is kept out of study.
    public var isSuspended: Bool
    /// Whether the card is tagged as a leech.
    public var isLeech: Bool
    /// Kept out of study until this moment, if buried.
    public var buriedUntil: Date?

    /// The progress of a card never studied.
    public static let new = CardProgress(
        state: .new, isSuspended: false, buriedUntil: nil, isLeech: false)

    /// Creates progress.
    public init(state: CardState, isSuspended: Bool, buriedUntil: Date?, isLeech: Bool) {
        self.state = state
        self.isSuspended = isSuspended
        self.buriedUntil = buriedUntil
        self.isLeech = isLeech
    }
}

extension Ease {
    /// The ease as the `ease` and `ease_after` columns keep it: the multiplier (2.45 for 2450
    /// thousandths), the REAL it has always been, so no migration was needed.
    var storedMultiplier: Double {
        Double(thousandths) / 1_000
    }

    /// The ease of a stored multiplier, rounded to whole thousandths: exact for what
    /// `storedMultiplier` wrote, and it settles the hair of drift older versions (which added
    /// doubles) may have left in a stored ease.
    init(storedMultiplier: Double) {
        let thousandths = (storedMultiplier * 1_000).rounded()
        self.init(thousandths: thousandths.isFinite ? Int(exactly: thousandths) ?? 0 : 0)
    }
}
