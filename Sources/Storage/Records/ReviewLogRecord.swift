import CohortInsights
import Foundation
import GRDB
import SpacedRepetition

/// A row of `review_log`: one answer, never changed afterwards (only undo removes it) but for
/// its mark as acknowledged by the academy server, which a rewrite of its card's log keeps.
struct ReviewLogRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "review_log"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: String
    var associateId: Int64
    var cardId: Int64
    var reviewedAtMs: Int64
    var rating: Int
    var durationMs: Int64?
    var typedAnswer: String?
    var phaseBefore: String
    var phaseAfter: String
    var elapsedDays: Int?
    var intervalSeconds: Double
    var stabilityAfter: Double?
    var difficultyAfter: Double?
    var easeAfter: Double?
    var verdict: String?
    /// Whether the academy server acknowledged holding the answer (a new answer: not yet).
    var acknowledged = false

    init(_ answer: Answer, acknowledged: Bool = false) {
        self.acknowledged = acknowledged
        id = answer.id
        associateId = answer.associateId
        cardId = answer.cardId
        reviewedAtMs = answer.outcome.reviewedAt.milliseconds
        rating = answer.outcome.rating.rawValue
        durationMs = answer.duration.map { Int64(($0 * 1000).rounded()) }
        typedAnswer = answer.typedAnswer
        verdict = answer.verdict?.rawValue
        phaseBefore = answer.phaseBefore.name
        phaseAfter = answer.outcome.card.phase.name
        elapsedDays = answer.outcome.elapsedDays
        intervalSeconds = answer.outcome.interval.seconds
        switch answer.outcome.card.memory {
        case .fsrs(let state)?:
            (stabilityAfter, difficultyAfter) = (state.stability, state.difficulty)
        case .sm2(let ease, _)?: easeAfter = ease.storedMultiplier
        case nil: break
        }
    }

    /// Reads a row by column name, throwing (never trapping) on a missing or mistyped value.
    ///
    /// Written out rather than left to `Codable`: the decoder converts every column name from
    /// snake case on every row, which cost more than the rest of a replay or a sync's push.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        associateId = try row.decode(forColumn: "associate_id")
        cardId = try row.decode(forColumn: "card_id")
        reviewedAtMs = try row.decode(forColumn: "reviewed_at_ms")
        rating = try row.decode(forColumn: "rating")
        durationMs = try row.decode(forColumn: "duration_ms")
        typedAnswer = try row.decode(forColumn: "typed_answer")
        phaseBefore = try row.decode(forColumn: "phase_before")
        phaseAfter = try row.decode(forColumn: "phase_after")
        elapsedDays = try row.decode(forColumn: "elapsed_days")
        intervalSeconds = try row.decode(forColumn: "interval_seconds")
        stabilityAfter = try row.decode(forColumn: "stability_after")
        difficultyAfter = try row.decode(forColumn: "difficulty_after")
        easeAfter = try row.decode(forColumn: "ease_after")
        verdict = try row.decode(forColumn: "verdict")
        // Absent from a query that names its columns without it (an export's).
        acknowledged =
            row.hasColumn("acknowledged") ? try row.decode(forColumn: "acknowledged") : false
    }

    /// Inserts the row with a cached statement: an answer is stored on every key press, and
    /// encoding the record through `Codable` costs more than the insert itself.
    func insertQuickly(_ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                    duration_ms, typed_answer, phase_before, phase_after, elapsed_days,
                    interval_seconds, stability_after, difficulty_after, ease_after, verdict,
                    acknowledged)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            id, associateId, cardId, reviewedAtMs, rating, durationMs, typedAnswer, phaseBefore,
            phaseAfter, elapsedDays, intervalSeconds, stabilityAfter, difficultyAfter, easeAfter,
            verdict, acknowledged,
        ])
    }

    var entry: ReviewLogEntry {
        ReviewLogEntry(
            id: id, cardId: cardId, reviewedAt: Date(milliseconds: reviewedAtMs),
            rating: Rating(rawValue: rating) ?? .again,
            duration: durationMs.map { Double($0) / 1000 }, typedAnswer: typedAnswer,
            phaseBefore: phaseBefore, phaseAfter: phaseAfter, elapsedDays: elapsedDays,
            interval: intervalSeconds, stabilityAfter: stabilityAfter,
            difficultyAfter: difficultyAfter,
            verdict: verdict.flatMap(AnswerVerdict.init(rawValue:)))
    }
}

extension ReviewLogRecord {
    /// Writes the row's columns, in the table's order, to an answer journal's block.
    func write(to writer: inout JournalWriter) {
        writer.string(id)
        writer.integer(associateId)
        writer.integer(cardId)
        writer.integer(reviewedAtMs)
        writer.integer(Int64(rating))
        writer.optional(durationMs) { $0.integer($1) }
        writer.optional(typedAnswer) { $0.string($1) }
        writer.string(phaseBefore)
        writer.string(phaseAfter)
        writer.optional(elapsedDays) { $0.integer(Int64($1)) }
        writer.double(intervalSeconds)
        writer.optional(stabilityAfter) { $0.double($1) }
        writer.optional(difficultyAfter) { $0.double($1) }
        writer.optional(easeAfter) { $0.double($1) }
        writer.optional(verdict) { $0.string($1) }
    }

    /// Reads the row ``write(to:)`` wrote.
    init(from reader: inout JournalReader) throws(JournalReader.Truncated) {
        id = try reader.string()
        associateId = try reader.integer()
        cardId = try reader.integer()
        reviewedAtMs = try reader.integer()
        rating = Int(try reader.integer())
        durationMs = try reader.optionalInteger()
        typedAnswer = try reader.optionalString()
        phaseBefore = try reader.string()
        phaseAfter = try reader.string()
        elapsedDays = try reader.optionalInteger().map(Int.init)
        intervalSeconds = try reader.double()
        stabilityAfter = try reader.optionalDouble()
        difficultyAfter = try reader.optionalDouble()
        easeAfter = try reader.optionalDouble()
        verdict = try reader.optionalString()
    }
}

extension Phase {
    /// The phase's name in the database.
    var name: String {
        switch self {
        case .new: "new"
        case .learning: "learning"
        case .review: "review"
        case .relearning: "relearning"
        }
    }
}

/// One answer to store: who, which card, the scheduler's outcome and how it was given.
public struct Answer: Hashable, Sendable {
    /// A globally unique id, so that logs from several databases can be merged.
    public let id: String
    /// Who answered.
    public let associateId: Int64
    /// Which card.
    public let cardId: Int64
    /// The card's phase before the answer.
    public let phaseBefore: Phase
    /// The scheduler's outcome: rating, time, new state, interval.
    public let outcome: ReviewOutcome
    /// Seconds spent on the card, if measured.
    public let duration: Double?
    /// What was typed, for typed answers.
    public let typedAnswer: String?
    /// The answer checker's verdict, on a typed pinyin card whose answer was checked.
    public let verdict: AnswerVerdict?

    /// Creates an answer.
    public init(
        id: String = Answer.makeId(), associateId: Int64, cardId: Int64,
        phaseBefore: Phase, outcome: ReviewOutcome, duration: Double?, typedAnswer: String?,
        verdict: AnswerVerdict? = nil
    ) {
        self.id = id
        self.associateId = associateId
        self.cardId = cardId
        self.phaseBefore = phaseBefore
        self.outcome = outcome
        self.duration = duration
        self.typedAnswer = typedAnswer
        self.verdict = verdict
    }
}

extension Answer {
    /// A new answer id: a random (version 4) UUID, in lower case.
    ///
    /// From two draws of the system's generator (`getrandom`): Foundation's `UUID()` opens,
    /// reads and closes `/dev/urandom` for each one, three system calls on every answer.
    public static func makeId() -> String {
        var generator = SystemRandomNumberGenerator()
        let (high, low) = (generator.next(), generator.next())
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { bytes in
            bytes.storeBytes(of: high, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: low, toByteOffset: 8, as: UInt64.self)
            // RFC 9562 §5.4: version 4 in the high nibble of byte 6, variant 10 in byte 8.
            bytes[6] = bytes[6] & 0x0F | 0x40
            bytes[8] = bytes[8] & 0x3F | 0x80
        }
        return UUID(uuid: uuid).uuidString.lowercased()
    }
}

/// One answer as the review log keeps it.
public struct ReviewLogEntry: Hashable, Sendable {
    /// The answer's unique id.
    public let id: String
    /// The card answered.
    public let cardId: Int64
    /// When (UTC, to the millisecond).
    public let reviewedAt: Date
    /// The rating.
    public let rating: Rating
    /// Seconds spent, if measured.
    public let duration: Double?
    /// What was typed, for typed answers.
    public let typedAnswer: String?
    /// Phase before the answer (`new`, `learning`, `review`, `relearning`).
    public let phaseBefore: String
    /// Phase after the answer.
    public let phaseAfter: String
    /// Days since the previous answer, as the scheduler counted them.
    public let elapsedDays: Int?
    /// Seconds until the card was due again.
    public let interval: Double
    /// FSRS stability after the answer.
    public let stabilityAfter: Double?
    /// FSRS difficulty after the answer.
    public let difficultyAfter: Double?
    /// The answer checker's verdict, on a typed pinyin card whose answer was checked.
    public let verdict: AnswerVerdict?
}
