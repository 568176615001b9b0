import CohortInsights
import Foundation
import GRDB
import SpacedRepetition

/// What the trainer's sections read from a database, in one read transaction.
public struct InsightRecords: Sendable {
    /// Every associate, by name.
    public let associates: [Associate]
    /// Each associate's answers (by associate id), in answer order.
    public let answers: [Int64: [HistoryAnswer]]
    /// Cards of active notes each associate has never studied (by associate id).
    public let newCardsLeft: [Int64: Int]
    /// Every note's word, active or retired (answers to retired notes still count).
    public let words: [NoteKey: WordLabel]
    /// Each deck's release as this database holds it: its version, or `unversioned`.
    public let deckReleases: [HeldRelease]
}

extension StudyDatabase {
    /// Reads what the trainer's sections need.
    public func insightRecords() throws -> InsightRecords {
        try writer.read { db in
            let associates = try AssociateRecord.order(Column("name")).fetchAll(db)
                .map(\.associate)
            var answers: [Int64: [HistoryAnswer]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.associate_id, d.slug, n.key, c.kind, r.reviewed_at_ms, r.rating,
                        r.verdict
                    FROM review_log r
                    JOIN card c ON c.id = r.card_id
                    JOIN note n ON n.id = c.note_id
                    JOIN deck d ON d.id = n.deck_id
                    ORDER BY r.associate_id, r.reviewed_at_ms, r.id
                    """)
            while let row = try rows.next() {
                let kind: String = row[3]
                let ratingValue: Int = row[5]
                let verdict: String? = row[6]
                guard let side = CardSide(rawValue: kind),
                    let rating = Rating(rawValue: ratingValue)
                else { continue }
                answers[row[0], default: []].append(
                    HistoryAnswer(
                        note: NoteKey(deck: row[1], note: row[2]), side: side,
                        reviewedAt: Date(milliseconds: row[4]), rating: rating,
                        verdict: verdict.flatMap(AnswerVerdict.init(rawValue:))))
            }
            let activeCards =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM card c JOIN note n ON n.id = c.note_id
                        WHERE n.retired_at_ms IS NULL
                        """) ?? 0
            var newCardsLeft: [Int64: Int] = [:]
            for associate in associates {
                let started =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT count(*) FROM card_state s
                            JOIN card c ON c.id = s.card_id JOIN note n ON n.id = c.note_id
                            WHERE s.associate_id = ? AND n.retired_at_ms IS NULL
                            """, arguments: [associate.id]) ?? 0
                newCardsLeft[associate.id] = max(activeCards - started, 0)
            }
            var words: [NoteKey: WordLabel] = [:]
            let notes = try Row.fetchCursor(
                db,
                sql: """
                    SELECT d.slug, n.key, n.hanzi, n.pinyin, n.english
                    FROM note n JOIN deck d ON d.id = n.deck_id
                    """)
            while let row = try notes.next() {
                words[NoteKey(deck: row[0], note: row[1])] = WordLabel(
                    hanzi: row[2], pinyin: row[3], english: row[4])
            }
            let releases = try Row.fetchAll(db, sql: "SELECT slug, version FROM deck ORDER BY slug")
                .map { row in
                    let version: String? = row[1]
                    return HeldRelease(
                        deck: row[0],
                        release: version.flatMap { $0.isEmpty ? nil : "version \($0)" }
                            ?? "unversioned")
                }
            return InsightRecords(
                associates: associates, answers: answers, newCardsLeft: newCardsLeft,
                words: words, deckReleases: releases)
        }
    }
}
