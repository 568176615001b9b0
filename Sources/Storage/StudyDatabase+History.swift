import CohortInsights
import Foundation
import GRDB
import SpacedRepetition

/// A past answer brought in from elsewhere (a progress bundle, another program's log).
public struct PastReview: Hashable, Sendable {
    /// The answer's globally unique id: merging the same answer twice adds it once.
    public let id: String
    /// The card answered.
    public let cardId: Int64
    /// When.
    public let reviewedAt: Date
    /// The rating.
    public let rating: Rating
    /// Seconds spent, if known.
    public let duration: Double?
    /// The answer checker's verdict, on a typed pinyin card whose answer was checked.
    public let verdict: AnswerVerdict?

    /// Creates a past answer.
    public init(
        id: String, cardId: Int64, reviewedAt: Date, rating: Rating, duration: Double?,
        verdict: AnswerVerdict? = nil
    ) {
        self.verdict = verdict
        self.id = id
        self.cardId = cardId
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.duration = duration
    }
}

extension StudyDatabase {
    /// Adds the answers the log does not have yet and rebuilds the state of every card they
    /// touch by replaying its whole log with `replay`, in one transaction.
    ///
    /// `replay` gets a card id and its answers in time order and returns one outcome per
    /// answer (the scheduler's replay). Suspended, buried and leech flags are kept. Returns how
    /// many answers were new.
    @discardableResult
    public func mergeReviews(
        _ reviews: [PastReview], for associateId: Int64,
        replay: (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome]
    ) throws -> Int {
        try writer.write { db in
            try Self.mergeReviews(db, reviews, for: associateId, replay: replay)
        }
    }

    /// ``mergeReviews(_:for:replay:)`` inside a transaction already open.
    static func mergeReviews(
        _ db: Database, _ reviews: [PastReview], for associateId: Int64,
        replay: (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome]
    ) throws -> Int {
        var seen = try knownAnswerIds(db, among: reviews.map(\.id), for: associateId)
        let fresh = reviews.filter { seen.insert($0.id).inserted }
        let byCard = Dictionary(grouping: fresh, by: \.cardId)
        try CardNumbering.ensureRows(byCard.keys.sorted(), in: db)
        for (cardId, added) in byCard {
            let existing =
                try ReviewLogRecord
                .filter(Column("associate_id") == associateId && Column("card_id") == cardId)
                .fetchAll(db)
            let answers =
                (existing.map {
                    PastReview(
                        id: $0.id, cardId: cardId,
                        reviewedAt: Date(milliseconds: $0.reviewedAtMs),
                        rating: Rating(rawValue: $0.rating) ?? .again,
                        duration: $0.durationMs.map { Double($0) / 1000 },
                        verdict: $0.verdict.flatMap(AnswerVerdict.init(rawValue:)))
                } + added)
                .sorted { AnswerOrder.precedes($0.reviewedAt, $0.id, $1.reviewedAt, $1.id) }
            let outcomes = replay(
                cardId, answers.map { PastAnswer($0.rating, at: $0.reviewedAt) })
            guard outcomes.count == answers.count, let last = outcomes.last else { continue }
            let typed = Dictionary(
                uniqueKeysWithValues: existing.map { ($0.id, $0.typedAnswer) })
            // The rows go and come back: those the academy server acknowledged stay marked.
            let acknowledged = Set(existing.lazy.filter(\.acknowledged).map(\.id))
            try ReviewLogRecord
                .filter(Column("associate_id") == associateId && Column("card_id") == cardId)
                .deleteAll(db)
            var before = Phase.new
            for (answer, outcome) in zip(answers, outcomes) {
                try ReviewLogRecord(
                    Answer(
                        id: answer.id, associateId: associateId, cardId: cardId,
                        phaseBefore: before, outcome: outcome, duration: answer.duration,
                        typedAnswer: typed[answer.id] ?? nil, verdict: answer.verdict),
                    acknowledged: acknowledged.contains(answer.id)
                ).insertQuickly(db)
                before = outcome.card.phase
            }
            var progress =
                try CardStateRecord.fetchOne(
                    db, key: ["associate_id": associateId, "card_id": cardId])?.progress
                ?? .new
            progress.state = last.card
            try CardStateRecord(associateId: associateId, cardId: cardId, progress: progress)
                .saveQuickly(db)
        }
        return fresh.count
    }

    /// The ids among `ids` that the log holds for the associate, looked up 500 at a time: the
    /// memory a merge needs follows the answers merged, not the size of the log.
    static func knownAnswerIds(_ db: Database, among ids: [String], for associateId: Int64)
        throws -> Set<String>
    {
        var known: Set<String> = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            let rows = try String.fetchCursor(
                db,
                sql: "SELECT id FROM review_log WHERE associate_id = ? AND id IN (\(marks))",
                arguments: StatementArguments(
                    [associateId.databaseValue] + chunk.map(\.databaseValue)))
            while let id = try rows.next() { known.insert(id) }
        }
        return known
    }

    /// The ids of the cards of the deck `slug`, by note key and kind.
    public func cardIds(inDeck slug: String) throws -> [String: [CardKind: Int64]] {
        try writer.read { db in try Self.cardIds(inDeck: slug, in: db) }
    }

    static func cardIds(inDeck slug: String, in db: Database) throws
        -> [String: [CardKind: Int64]]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH \(CardNumbering.kindTable)
                SELECT n.key, k.name, n.id * \(CardNumbering.idsPerNote) + k.number
                FROM note n JOIN deck d ON d.id = n.deck_id, card_kind k
                WHERE d.slug = ?
                """, arguments: [slug])
        var result: [String: [CardKind: Int64]] = [:]
        for row in rows {
            guard let kind = CardKind(rawValue: row[1]) else { continue }
            result[row[0], default: [:]][kind] = row[2]
        }
        return result
    }
}
