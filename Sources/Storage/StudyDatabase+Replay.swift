import Foundation
import GRDB
import SpacedRepetition

/// One card of an associate as a replay sees it: its answers in the log's order and the
/// progress stored for it.
public struct CardHistory: Hashable, Sendable {
    /// The card.
    public let cardId: Int64
    /// Its answers, oldest first (``AnswerOrder``); empty for a state with no answer behind it.
    public let answers: [PastAnswer]
    /// The progress stored for it, or `nil` when its answers have no state yet.
    public let stored: CardProgress?
}

extension StudyDatabase {
    /// Calls `body` with every card of the associate that has answers or a stored state.
    ///
    /// The cards come in card id order, read in one transaction: an answer stored meanwhile
    /// by another process cannot make the answers and the states disagree. Returns how many
    /// answers were read.
    ///
    /// For the doctor's check of a whole collection: one pass over the log and one over the
    /// states, rather than a query per card.
    @discardableResult
    public func forEachCardHistory(
        of associateId: Int64, _ body: (CardHistory) throws -> Void
    ) throws -> Int {
        try writer.read { db in try Self.forEachCardHistory(db, of: associateId, body) }
    }

    /// ``forEachCardHistory(of:_:)`` inside a transaction already open.
    ///
    /// The log is read in table order and sorted here by card and time: walking an index
    /// would look up every answer's row in the table, which on a large log costs more than
    /// reading the whole table and sorting. Two answers to one card in the same millisecond
    /// (merged from two devices) are ordered by id, as SQLite compares them, by reading that
    /// card's answers again in the log's order.
    @discardableResult
    static func forEachCardHistory(
        _ db: Database, of associateId: Int64, _ body: (CardHistory) throws -> Void
    ) throws -> Int {
        var log = try loggedAnswers(db, of: associateId)
        log.sort { ($0.cardId, $0.milliseconds) < ($1.cardId, $1.milliseconds) }
        let states = try storedStates(db, of: associateId)

        var next = 0  // the first answer of the card being read
        var stateIndex = 0
        while next < log.count || stateIndex < states.count {
            let cardId = min(
                next < log.count ? log[next].cardId : .max,
                stateIndex < states.count ? states[stateIndex].cardId : .max)
            var end = next
            var tied = false
            while end < log.count, log[end].cardId == cardId {
                if end > next, log[end].milliseconds == log[end - 1].milliseconds { tied = true }
                end += 1
            }
            let answers =
                tied
                ? try answersInLogOrder(db, of: associateId, card: cardId)
                : log[next..<end].map {
                    PastAnswer($0.rating, at: Date(milliseconds: $0.milliseconds))
                }
            next = end
            var stored: CardProgress?
            if stateIndex < states.count, states[stateIndex].cardId == cardId {
                stored = states[stateIndex].progress
                stateIndex += 1
            }
            try body(CardHistory(cardId: cardId, answers: answers, stored: stored))
        }
        return log.count
    }

    /// One answer of the log, reduced to what a replay reads.
    private struct LoggedAnswer {
        let cardId: Int64
        let milliseconds: Int64
        let rating: Rating
    }

    private static func loggedAnswers(_ db: Database, of associateId: Int64) throws
        -> [LoggedAnswer]
    {
        var log: [LoggedAnswer] = []
        // `NOT INDEXED`: the table in its own order, without a lookup per answer.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT card_id, reviewed_at_ms, rating FROM review_log NOT INDEXED
                WHERE associate_id = ?
                """, arguments: [associateId])
        while let row = try rows.next() {
            // The table's CHECK keeps ratings within 1-4.
            guard let rating = Rating(rawValue: row[2]) else { continue }
            log.append(LoggedAnswer(cardId: row[0], milliseconds: row[1], rating: rating))
        }
        return log
    }

    private static func storedStates(_ db: Database, of associateId: Int64) throws
        -> [(cardId: Int64, progress: CardProgress)]
    {
        var states: [(cardId: Int64, progress: CardProgress)] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT cs.card_id, \(CardStateRecord.progressColumns)
                FROM card_state cs WHERE cs.associate_id = ? ORDER BY cs.card_id
                """, arguments: [associateId])
        while let row = try rows.next() {
            states.append((row[0], CardStateRecord.progress(row: row, startingAt: 1)))
        }
        return states
    }

    private static func answersInLogOrder(_ db: Database, of associateId: Int64, card: Int64)
        throws -> [PastAnswer]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT rating, reviewed_at_ms FROM review_log
                WHERE associate_id = ? AND card_id = ? ORDER BY reviewed_at_ms, id
                """, arguments: [associateId, card]
        ).compactMap { row in
            Rating(rawValue: row[0]).map { PastAnswer($0, at: Date(milliseconds: row[1])) }
        }
    }
}
