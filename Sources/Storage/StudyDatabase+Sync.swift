import CohortInsights
import Foundation
import GRDB
import SpacedRepetition

/// How far a laptop has read the academy server, for one associate.
public struct SyncCursor: Hashable, Sendable {
    /// The last deck release applied.
    public var releases: Int64
    /// The server's position in the associate's answers already merged.
    public var answers: Int64

    /// Creates a cursor.
    public init(releases: Int64, answers: Int64) {
        self.releases = releases
        self.answers = answers
    }
}

/// An answer pulled from the server, named portably.
public struct PulledAnswer: Hashable, Sendable {
    /// The answer's id.
    public var id: String
    /// The deck's slug.
    public var deck: String
    /// The note's key.
    public var note: String
    /// The card's kind.
    public var kind: CardKind
    /// When.
    public var reviewedAt: Date
    /// The rating.
    public var rating: Rating
    /// Seconds spent, if known.
    public var duration: Double?
    /// The answer checker's verdict, on a typed pinyin card whose answer was checked.
    public var verdict: AnswerVerdict?

    /// Creates a pulled answer.
    public init(
        id: String, deck: String, note: String, kind: CardKind, reviewedAt: Date, rating: Rating,
        duration: Double?, verdict: AnswerVerdict? = nil
    ) {
        self.verdict = verdict
        self.id = id
        self.deck = deck
        self.note = note
        self.kind = kind
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.duration = duration
    }
}

/// Everything one sync brings home, stored in one transaction.
public struct SyncArrival: Sendable {
    /// Deck releases, oldest first, each imported as `deck import` would.
    public var decks: [DeckContent]
    /// The associate's answers from the server.
    public var answers: [PulledAnswer]
    /// Ids the server acknowledged holding.
    public var acknowledged: [String]
    /// The cursor after this sync.
    public var cursor: SyncCursor
    /// Retractions and settings, if the sync exchanged them.
    public var changes: SyncChangeArrival?

    /// Creates an arrival.
    public init(
        decks: [DeckContent], answers: [PulledAnswer], acknowledged: [String], cursor: SyncCursor,
        changes: SyncChangeArrival? = nil
    ) {
        self.decks = decks
        self.answers = answers
        self.acknowledged = acknowledged
        self.cursor = cursor
        self.changes = changes
    }
}

/// What storing a ``SyncArrival`` did.
public struct SyncStored: Hashable, Sendable {
    /// One summary per deck release.
    public let decks: [DeckImportSummary]
    /// Answers added to the local log.
    public let added: Int
    /// Answers to notes this database does not have (kept on the server; merged once their
    /// deck arrives, by a sync with the answer cursor reset).
    public let unknownNotes: Int
    /// Answers deleted here because the associate took them back on another device.
    public var retracted = 0
    /// Whether a setting that reschedules changed: the associate awaits a replay
    /// (``StudyDatabase/associatesAwaitingReplay()``).
    public var rescheduled = false
}

extension StudyDatabase {
    /// The cursor of the associate `associateId` (zeros before the first sync).
    public func syncCursor(of associateId: Int64) throws -> SyncCursor {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT release_cursor, answer_cursor FROM sync_cursor WHERE associate_id = ?",
                arguments: [associateId])
            return SyncCursor(releases: row?[0] ?? 0, answers: row?[1] ?? 0)
        }
    }

    /// The associate's answers the server has not acknowledged, oldest first.
    ///
    /// Read as raw rows, each column by its place: GRDB's `Row` found each of a review's
    /// fifteen columns by name, comparing names without regard to case, on every row of a
    /// push that may hold tens of thousands.
    public func unacknowledgedReviews(of associateId: Int64) throws -> [ReviewRecordExport] {
        try writer.read { db in
            var result: [ReviewRecordExport] = []
            try db.forEachRawRow(
                sql: """
                    SELECT a.name, d.slug, n.key, n.hanzi, c.kind,
                        (SELECT p.interval_seconds FROM review_log p
                         WHERE p.card_id = r.card_id AND p.associate_id = r.associate_id
                            AND (p.reviewed_at_ms, p.id) < (r.reviewed_at_ms, r.id)
                         ORDER BY p.reviewed_at_ms DESC, p.id DESC LIMIT 1) AS previous_interval,
                        r.id, r.card_id, r.reviewed_at_ms, r.rating, r.duration_ms, r.typed_answer,
                        r.phase_before, r.phase_after, r.elapsed_days, r.interval_seconds,
                        r.stability_after, r.difficulty_after, r.ease_after, r.verdict
                    FROM review_log r
                    JOIN associate a ON a.id = r.associate_id
                    JOIN card c ON c.id = r.card_id
                    JOIN note n ON n.id = c.note_id
                    JOIN deck d ON d.id = n.deck_id
                    WHERE r.associate_id = ?
                        AND NOT EXISTS (SELECT 1 FROM sync_acknowledged s WHERE s.review_id = r.id)
                    ORDER BY r.reviewed_at_ms, r.id
                    """, arguments: [associateId]
            ) { row in
                let entry = ReviewLogEntry(
                    id: row.text(6), cardId: row.int64(7),
                    reviewedAt: Date(milliseconds: row.int64(8)),
                    rating: Rating(rawValue: Int(row.int64(9))) ?? .again,
                    duration: row.optionalInt64(10).map { Double($0) / 1000 },
                    typedAnswer: row.isNull(11) ? nil : row.text(11),
                    phaseBefore: row.text(12), phaseAfter: row.text(13),
                    elapsedDays: row.optionalInt64(14).map { Int($0) },
                    interval: row.double(15), stabilityAfter: row.optionalDouble(16),
                    difficultyAfter: row.optionalDouble(17),
                    verdict: row.isNull(19)
                        ? nil : AnswerVerdict(rawValue: row.text(19)))
                result.append(
                    ReviewRecordExport(
                        associate: row.text(0), entry: entry, deck: row.text(1),
                        noteKey: row.text(2), hanzi: row.text(3),
                        kind: CardKind(rawValue: row.text(4)) ?? .recognition,
                        easeAfter: row.optionalDouble(18), previousInterval: row.optionalDouble(5)))
            }
            return result
        }
    }

    /// Stores a sync's arrival in one transaction, all or nothing.
    ///
    /// Imports the deck releases, merges the answers (replaying every card they touch with
    /// `replay`), records the acknowledged ids and the new cursor.
    public func storeSync(
        _ arrival: SyncArrival, for associateId: Int64, at time: Date,
        replay: (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome]
    ) throws -> SyncStored {
        for deck in arrival.decks {
            var keys = Set<String>()
            for note in deck.notes where !keys.insert(note.key).inserted {
                throw DeckImportError.duplicateKey(note.key, deck: deck.metadata.slug)
            }
        }
        return try writer.write { db in
            let summaries = try arrival.decks.map { try Self.importDeck($0, at: time, in: db) }
            var cards: [String: [String: [CardKind: Int64]]] = [:]
            var reviews: [PastReview] = []
            var unknown = 0
            // An answer taken back stays out, whoever sends it again.
            let retracted = try Set(
                String.fetchAll(
                    db, sql: "SELECT review_id FROM sync_retraction WHERE associate_id = ?",
                    arguments: [associateId]))
            for answer in arrival.answers where !retracted.contains(answer.id) {
                if cards[answer.deck] == nil {
                    cards[answer.deck] = try Self.cardIds(inDeck: answer.deck, in: db)
                }
                guard let cardId = cards[answer.deck]?[answer.note]?[answer.kind] else {
                    unknown += 1
                    continue
                }
                reviews.append(
                    PastReview(
                        id: answer.id, cardId: cardId, reviewedAt: answer.reviewedAt,
                        rating: answer.rating, duration: answer.duration,
                        verdict: answer.verdict))
            }
            let added = try Self.mergeReviews(db, reviews, for: associateId, replay: replay)
            try Self.acknowledge(arrival.acknowledged + reviews.map(\.id), in: db)
            try db.execute(
                sql: """
                    INSERT INTO sync_cursor (associate_id, release_cursor, answer_cursor)
                    VALUES (?, ?, ?)
                    ON CONFLICT (associate_id) DO UPDATE
                    SET release_cursor = excluded.release_cursor,
                        answer_cursor = excluded.answer_cursor
                    """,
                arguments: [associateId, arrival.cursor.releases, arrival.cursor.answers])
            var stored = SyncStored(decks: summaries, added: added, unknownNotes: unknown)
            if let changes = arrival.changes {
                (stored.retracted, stored.rescheduled) = try Self.storeChanges(
                    db, changes, for: associateId, replay: replay)
            }
            return stored
        }
    }

    /// Notes `ids` as held by the server, inside the sync's transaction; ids noted before, or
    /// twice in `ids`, are passed over.
    ///
    /// Many rows a statement (``RawInsert``): a sync that pushed 10,000 answers ran 10,000
    /// statements here, each costing about as much as its row.
    static func acknowledge(_ ids: [String], in db: Database) throws {
        var insert = RawInsert(db, rowsPerStatement: acknowledgementsPerStatement) { rows in
            "INSERT OR IGNORE INTO sync_acknowledged (review_id) VALUES "
                + Array(repeating: "(?)", count: rows).joined(separator: ", ")
        }
        for id in ids {
            try insert.row { $0.bind(id) }
        }
        try insert.finish()
    }

    /// The rows of one statement of ``acknowledge(_:in:)`` (the last one holds the rest).
    static let acknowledgementsPerStatement = 1000
}
