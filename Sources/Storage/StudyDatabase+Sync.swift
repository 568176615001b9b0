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

    /// The associate's answers the server has not acknowledged, oldest first (time, then id).
    ///
    /// Found through the partial index of unmarked answers (`review_log_unacknowledged`), so a
    /// long history already sent is not read again. Read as raw rows, each column by its place:
    /// GRDB's `Row` found each of a review's fifteen columns by name, comparing names without
    /// regard to case, on every row of a push that may hold tens of thousands.
    ///
    /// The rows come in the partial index's order (the order they were written) and are put in
    /// order of time and id here, usually by finding them in order already: SQLite's `ORDER BY`
    /// copied every row of fifteen columns into a sorter (52 M instructions of the read's 189 M
    /// in the `sqlite3` shell for 10,000 answers). A card's note is the card id's quotient
    /// (``CardNumbering``), so the card's row is not looked up; the associate's name and the
    /// decks' slugs are read once, not joined to every row.
    ///
    /// Each answer's previous interval is the one of the associate's answer to the card just
    /// before it (time, then id): the latest earlier time in the card's time index (`ORDER BY
    /// reviewed_at_ms DESC LIMIT 1`, walked in the index's order), then among the answers at
    /// that time the one with the largest id (`max`; SQLite takes the bare column from that
    /// row). `ORDER BY reviewed_at_ms DESC, id DESC LIMIT 1` opened and cleared a sorter for
    /// every answer: 364 M instructions against 319 M for the read of 10,000 first answers.
    /// `rowid <> r.rowid` says again that the answer is not its own previous one, in a term
    /// the time index answers alone: SQLite passes over the answer's own entry there instead
    /// of reading its row to compare the ids (17 M instructions fewer for 10,000 first
    /// answers, 9 M for 7,000 of which 3,000 follow an earlier one).
    public func unacknowledgedReviews(of associateId: Int64) throws -> [ReviewRecordExport] {
        try writer.read { db in
            guard
                let associate = try String.fetchOne(
                    db, sql: "SELECT name FROM associate WHERE id = ?", arguments: [associateId])
            else { return [] }
            var slugs: [Int64: String] = [:]
            try db.forEachRawRow(sql: "SELECT id, slug FROM deck", arguments: []) { row in
                slugs[row.int64(0)] = row.text(1)
            }
            var records: [ReviewRecordExport] = []
            var times: [Int64] = []
            try db.forEachRawRow(
                sql: """
                    SELECT r.id, r.card_id, r.reviewed_at_ms, r.rating, r.duration_ms,
                        r.typed_answer, r.phase_before, r.phase_after, r.elapsed_days,
                        r.interval_seconds, r.stability_after, r.difficulty_after, r.ease_after,
                        r.verdict, n.key, n.hanzi, n.deck_id,
                        (SELECT interval_seconds FROM (
                            SELECT p.interval_seconds, max(p.id) FROM review_log p
                            WHERE p.card_id = r.card_id AND p.rowid <> r.rowid
                                AND p.associate_id = r.associate_id
                                AND (p.reviewed_at_ms, p.id) < (r.reviewed_at_ms, r.id)
                                AND p.reviewed_at_ms = (
                                    SELECT q.reviewed_at_ms FROM review_log q
                                    WHERE q.card_id = r.card_id AND q.rowid <> r.rowid
                                        AND q.associate_id = r.associate_id
                                        AND q.reviewed_at_ms <= r.reviewed_at_ms
                                        AND (q.reviewed_at_ms, q.id) < (r.reviewed_at_ms, r.id)
                                    ORDER BY q.reviewed_at_ms DESC LIMIT 1))
                        ) AS previous_interval
                    FROM review_log r INDEXED BY review_log_unacknowledged
                    JOIN note n ON n.id = \(CardNumbering.noteIdSQL("r.card_id"))
                    WHERE r.associate_id = ? AND r.acknowledged = 0
                    """, arguments: [associateId]
            ) { row in
                let cardId = row.int64(1)
                let time = row.int64(2)
                let entry = ReviewLogEntry(
                    id: row.text(0), cardId: cardId, reviewedAt: Date(milliseconds: time),
                    rating: Rating(rawValue: Int(row.int64(3))) ?? .again,
                    duration: row.optionalInt64(4).map { Double($0) / 1000 },
                    typedAnswer: row.isNull(5) ? nil : row.text(5),
                    phaseBefore: row.text(6), phaseAfter: row.text(7),
                    elapsedDays: row.optionalInt64(8).map { Int($0) },
                    interval: row.double(9), stabilityAfter: row.optionalDouble(10),
                    difficultyAfter: row.optionalDouble(11),
                    verdict: row.isNull(13)
                        ? nil : AnswerVerdict(rawValue: row.text(13)))
                times.append(time)
                records.append(
                    ReviewRecordExport(
                        associate: associate, entry: entry, deck: slugs[row.int64(16)] ?? "",
                        noteKey: row.text(14), hanzi: row.text(15),
                        kind: CardNumbering.kind(ofCard: cardId) ?? .recognition,
                        easeAfter: row.optionalDouble(12), previousInterval: row.optionalDouble(17)
                    ))
            }
            return Self.inOrderOfTime(records, times: times)
        }
    }

    /// `records` in order of time (`times`, one for each), then of id byte by byte, as SQLite
    /// orders the text of `ORDER BY reviewed_at_ms, id`; the same array when it is in order.
    static func inOrderOfTime(_ records: [ReviewRecordExport], times: [Int64])
        -> [ReviewRecordExport]
    {
        func precedes(_ first: Int, _ second: Int) -> Bool {
            times[first] != times[second]
                ? times[first] < times[second]
                : records[first].entry.id.utf8.lexicographicallyPrecedes(
                    records[second].entry.id.utf8)
        }
        let inOrder = records.indices.dropFirst().allSatisfy { precedes($0 - 1, $0) }
        guard !inOrder else { return records }
        return records.indices.sorted(by: precedes).map { records[$0] }
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
            try Self.acknowledge(
                arrival.acknowledged + reviews.map(\.id), of: associateId, in: db)
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

    /// Marks the associate's answers `ids` as held by the server, inside the sync's
    /// transaction; ids marked before, sent twice or not in the log change nothing.
    ///
    /// The associate's unmarked answers are read in the order of their rows (the partial
    /// index), and each run of them that the server acknowledged whole is marked by one
    /// statement over its range of rows: a push's answers were written one after another, so
    /// 10,000 acknowledgements are usually one statement, not 10,000 random inserts.
    static func acknowledge(_ ids: [String], of associateId: Int64, in db: Database) throws {
        guard !ids.isEmpty else { return }
        let held = Set(ids)
        var runs: [(first: Int64, last: Int64)] = []
        var inRun = false
        try db.forEachRawRow(
            sql: """
                SELECT rowid, id FROM review_log INDEXED BY review_log_unacknowledged
                WHERE associate_id = ? AND acknowledged = 0 ORDER BY rowid
                """, arguments: [associateId]
        ) { row in
            guard held.contains(row.text(1)) else {
                inRun = false
                return
            }
            let rowid = row.int64(0)
            if inRun {
                runs[runs.count - 1].last = rowid
            } else {
                runs.append((rowid, rowid))
                inRun = true
            }
        }
        // Rows inside a run that were not read are another associate's (left alone by the
        // associate's id) or this associate's marked already. The rows are walked in the
        // table, not through the partial index the update changes: one pass, not two (a
        // callgrind count of 10,000 rows: 81 M instructions rather than 108 M).
        let mark = try db.makeStatement(
            sql: """
                UPDATE review_log NOT INDEXED SET acknowledged = 1
                WHERE rowid BETWEEN ? AND ? AND associate_id = ? AND acknowledged = 0
                """)
        for run in runs {
            try mark.execute(arguments: [run.first, run.last, associateId])
        }
    }
}
