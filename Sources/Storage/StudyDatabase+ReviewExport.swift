import Foundation
import GRDB
import SpacedRepetition

/// One answer with everything needed to read it outside Lianxi: who, which card of which note
/// of which deck, and what the scheduler made of it.
public struct ReviewRecordExport: Hashable, Sendable {
    /// The associate's name.
    public let associate: String
    /// The answer's stored entry.
    public let entry: ReviewLogEntry
    /// The slug of the note's deck.
    public let deck: String
    /// The note's stable key within its deck.
    public let noteKey: String
    /// The note's hanzi.
    public let hanzi: String
    /// The kind of card.
    public let kind: CardKind
    /// SM-2's ease after the answer, for SM-2 associates.
    public let easeAfter: Double?
    /// The seconds the card's previous answer scheduled (`nil` before its first answer); read
    /// only for a sync's push, where the academy's report needs it.
    public var previousInterval: Double? = nil
}

extension StudyDatabase {
    /// Every answer (of the associate called `associate`, or of everyone), from `since` on,
    /// ordered by associate name, time and answer id.
    public func reviewsForExport(associate: String? = nil, since: Date? = nil) throws
        -> [ReviewRecordExport]
    {
        var result: [ReviewRecordExport] = []
        try forEachReviewForExport(associate: associate, since: since) { result.append($0) }
        return result
    }

    /// Hands `body` the answers of ``reviewsForExport(associate:since:)``, one at a time.
    ///
    /// They come in the same order, as SQLite reads them: memory holds one answer, however
    /// long the log. All are read in one snapshot; an error thrown by `body` stops the reading.
    public func forEachReviewForExport(
        associate: String? = nil, since: Date? = nil,
        _ body: (ReviewRecordExport) throws -> Void
    ) throws {
        try writer.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let associate {
                clauses.append("a.name = ?")
                _ = arguments.append(contentsOf: [associate])
            }
            if let since {
                clauses.append("r.reviewed_at_ms >= ?")
                _ = arguments.append(contentsOf: [since.milliseconds])
            }
            let sql = """
                SELECT a.name, d.slug, n.key, n.hanzi, c.kind, r.*
                FROM review_log r
                JOIN associate a ON a.id = r.associate_id
                JOIN card c ON c.id = r.card_id
                JOIN note n ON n.id = c.note_id
                JOIN deck d ON d.id = n.deck_id
                \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
                ORDER BY a.name, r.reviewed_at_ms, r.id
                """
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let record = try ReviewLogRecord(row: row)
                try body(
                    ReviewRecordExport(
                        associate: row[0], entry: record.entry, deck: row[1], noteKey: row[2],
                        hanzi: row[3], kind: CardKind(rawValue: row[4]) ?? .recognition,
                        easeAfter: record.easeAfter))
            }
        }
    }
}
