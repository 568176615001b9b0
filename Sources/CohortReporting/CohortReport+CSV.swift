import Foundation

extension CohortReport {
    /// The CSV columns, in order (documented in docs/REPORTS.md): fixed columns, one per HSK
    /// level, two per deck, then the last answer.
    public var csvHeader: [String] {
        [
            "associate", "display_name", "time_zone", "period_start", "cards_introduced",
            "cards_started", "cards_known", "cards_total", "reviews", "minutes", "active_days",
            "streak_current", "streak_longest", "days_studied", "true_retention_pct",
            "true_retention_answers", "young_retention_pct", "mature_retention_pct",
        ]
            + Coverage.levelOrder.map { "hsk_\($0)_known_pct" }
            + decks.flatMap { ["deck_\($0.slug)_started_pct", "deck_\($0.slug)_known_pct"] }
            + ["last_active_utc"]
    }

    /// One row per associate, in the order of ``csvHeader``; empty cells where a share has
    /// nothing to count (no cards at a level, no review answers).
    public var csvRows: [[CSVField]] {
        associates.map { associate in
            let retention = associate.retention
            var row: [CSVField] = [
                .text(associate.name), .text(associate.displayName), .text(associate.timeZone),
                since.map { .text($0.description) } ?? .empty,
                .integer(associate.cardsIntroduced), .integer(associate.cardsStarted),
                .integer(associate.cardsKnown), .integer(associate.cardsTotal),
                .integer(associate.reviews), .decimal(associate.minutes, places: 1),
                .integer(associate.activeDays), .integer(associate.streak.current),
                .integer(associate.streak.longest), .integer(associate.streak.daysStudied),
                percent(retention.all.rate), .integer(retention.all.total),
                percent(retention.young.rate), percent(retention.mature.rate),
            ]
            row += associate.levels.map { percent(of: $0.known, in: $0.total) }
            for coverage in associate.decks {
                row += [
                    percent(of: coverage.started, in: coverage.total),
                    percent(of: coverage.known, in: coverage.total),
                ]
            }
            row.append(associate.lastActive.map { .text($0.isoTimestamp) } ?? .empty)
            return row
        }
    }

    /// The report as CSV: a UTF-8 byte-order mark, CRLF rows, text cells that a spreadsheet
    /// would run as formulas neutralised (``CSVWriter``).
    public func csv() -> String {
        var writer = CSVWriter(header: csvHeader)
        csvRows.forEach { writer.append($0) }
        return writer.text
    }

    private func percent(of part: Int, in whole: Int) -> CSVField {
        percent(whole == 0 ? nil : Double(part) / Double(whole))
    }

    private func percent(_ rate: Double?) -> CSVField {
        rate.map { .decimal(rounded($0 * 100, places: 1), places: 1) } ?? .empty
    }
}
