extension TrainerInsights {
    /// One section as CSV (one table: a header row, then one row per associate or word), with
    /// a UTF-8 byte-order mark and CRLF rows; columns in docs/REPORTS.md.
    public func csv(_ section: InsightSection) -> String {
        InsightText.csv([csvHeader(section)] + csvRows(section))
    }

    /// The header row of `section`'s CSV.
    public func csvHeader(_ section: InsightSection) -> [String] {
        switch section {
        case .atRisk:
            [
                "associate", "display_name", "idle_days", "backlog_before", "backlog_now",
                "true_retention_pct", "target_retention_pct", "reasons",
            ]
        case .mistakes:
            [
                "deck", "note", "hanzi", "pinyin", "english", "tone_slips", "wrong_syllables",
                "forgotten", "mistakes", "answers", "associates", "advice",
            ]
        case .releases:
            ["associate", "deck", "release", "latest", "current"]
        case .workload:
            [
                "associate", "display_name", "first_date", "peak_reviews", "peak_date", "limit",
                "will_drown",
            ]
                + (0..<thresholds.forecastDays).map { "day_\($0)_reviews" }
        }
    }

    private func csvRows(_ section: InsightSection) -> [[String]] {
        let text = { (value: String) in InsightText.csvCell(value) }
        let number = { (value: String) in InsightText.csvCell(value, isNumber: true) }
        switch section {
        case .atRisk:
            return atRisk.map { risk in
                var idle = ""
                var before = ""
                var now = ""
                var rate = ""
                var target = ""
                for reason in risk.reasons {
                    switch reason {
                    case .neverStudied: break
                    case .idle(let days): idle = "\(days)"
                    case .backlogGrowing(let from, let to, _): (before, now) = ("\(from)", "\(to)")
                    case .retentionBelowTarget(let value, let goal, _):
                        rate = InsightText.fixed(value * 100, places: 1)
                        target = InsightText.fixed(goal * 100, places: 1)
                    }
                }
                return [
                    text(risk.name), text(risk.displayName), number(idle), number(before),
                    number(now), number(rate), number(target),
                    text(risk.reasons.map(\.description).joined(separator: "; ")),
                ]
            }
        case .mistakes:
            return hardestWords.map { word in
                [
                    text(word.note.deck), text(word.note.note), text(word.label.hanzi),
                    text(word.label.pinyin), text(word.label.english),
                    number("\(word.toneSlips)"), number("\(word.wrongSyllables)"),
                    number("\(word.forgotten)"), number("\(word.mistakes)"),
                    number("\(word.answers)"), number("\(word.associates)"),
                    text(word.advice.rawValue),
                ]
            }
        case .releases:
            return deckReleases.map { holding in
                [
                    text(holding.associate), text(holding.deck), text(holding.release),
                    text(holding.latest ?? ""), text(holding.isCurrent ? "yes" : "no"),
                ]
            }
        case .workload:
            return workload.map { outlook in
                [
                    text(outlook.name), text(outlook.displayName),
                    text(InsightText.date(dayNumber: outlook.firstDay)),
                    number(InsightText.fixed(outlook.peakReviews, places: 1)),
                    text(InsightText.date(dayNumber: outlook.firstDay + outlook.peakDay)),
                    number(
                        outlook.limit.isFinite ? InsightText.fixed(outlook.limit, places: 0) : ""),
                    text(outlook.willDrown ? "yes" : "no"),
                ] + outlook.reviews.map { number(InsightText.fixed($0, places: 1)) }
            }
        }
    }
}
