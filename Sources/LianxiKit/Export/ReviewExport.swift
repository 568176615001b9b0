import CohortReporting
import Foundation
import Storage

/// The review log as a table, one row per answer, with the columns documented in
/// docs/EXPORTS.md: enough to refit FSRS elsewhere or to read in a spreadsheet.
public enum ReviewExport {
    /// The header row, in the order of every row's cells.
    public static let columns = [
        "associate", "review_id", "card_id", "deck", "note_key", "hanzi", "card_type",
        "reviewed_at", "rating", "duration_ms", "phase_before", "phase_after", "elapsed_days",
        "scheduled_days", "interval_seconds", "stability_after", "difficulty_after",
        "ease_after",
    ]

    /// The cells of each answer, in the order of ``columns``; empty cells for unknown values.
    public static func rows(_ reviews: [ReviewRecordExport]) -> [[CSVField]] {
        reviews.map(cells)
    }

    /// The cells of one answer, in the order of ``columns``.
    public static func cells(of review: ReviewRecordExport) -> [CSVField] {
        let entry = review.entry
        return [
            .text(review.associate), .text(entry.id), .integer(Int(entry.cardId)),
            .text(review.deck), .text(review.noteKey), .text(review.hanzi),
            .text(review.kind.rawValue), .text(UTCTime.string(from: entry.reviewedAt)),
            .integer(entry.rating.rawValue),
            entry.duration.map { .integer(Int(($0 * 1000).rounded())) } ?? .empty,
            .text(entry.phaseBefore), .text(entry.phaseAfter),
            entry.elapsedDays.map(CSVField.integer) ?? .empty,
            .integer(Int((entry.interval / 86_400).rounded(.down))),
            .integer(Int(entry.interval.rounded())), decimal(entry.stabilityAfter),
            decimal(entry.difficultyAfter), decimal(review.easeAfter),
        ]
    }

    /// The answers as CSV (UTF-8 with a byte-order mark, CRLF rows, formula-safe cells).
    public static func csv(_ reviews: [ReviewRecordExport]) -> String {
        var writer = CSVWriter(header: columns)
        for row in rows(reviews) { writer.append(row) }
        return writer.text
    }

    /// Writes the answers of `database` as CSV, a row at a time; returns how many.
    ///
    /// Only the associate called `associate`, from `since`, when given. `output` gets the
    /// header and then one row at a time as the log is read: the same bytes as ``csv(_:)``, in
    /// memory that does not grow with the log.
    @discardableResult
    public static func writeCSV(
        from database: StudyDatabase, associate: String? = nil, since: ExportStart? = nil,
        to output: (String) throws -> Void
    ) throws -> Int {
        try output("\u{FEFF}" + CSVWriter.line(columns.map(CSVField.text)))
        var count = 0
        try forEachReview(in: database, associate: associate, since: since) { review in
            try output(CSVWriter.line(cells(of: review)))
            count += 1
        }
        return count
    }

    /// Six decimal places: byte-stable, and finer than any scheduler needs.
    private static func decimal(_ value: Double?) -> CSVField {
        value.map { .decimal($0, places: 6) } ?? .empty
    }
}
