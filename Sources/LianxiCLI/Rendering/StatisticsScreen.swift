import ChineseText
import CohortReporting
import Foundation
import LianxiKit
import Storage

/// `lianxi status` and `lianxi stats` as text: pure functions of the statistics, at most 80
/// columns, charts in Unicode blocks that read the same without colour.
enum StatisticsScreen {
    /// The widest line drawn.
    static let width = 80

    /// One screen: today's load, the streak and the next seven days.
    static func status(_ statistics: StudyStatus, displayName: String, style: ScreenStyle)
        -> [String]
    {
        var lines = [
            style.bold(" 练习 Lianxi · \(UntrustedText.shown(displayName))")
                + " · \(dayName(statistics.today)) "
                + "\(statistics.today)",
            "",
            "  Due now          \(statistics.dueNow)",
            "  Later today      \(statistics.dueLaterToday)",
            "  New available    \(statistics.newAvailable)",
            "",
            "  " + streakLine(statistics.streak),
            "",
            style.bold(" Next 7 days"),
        ]
        lines += horizontalBars(
            statistics.nextWeek.map { ("\(dayName($0.date)) \(shortDate($0.date))", $0.cards) },
            labelWidth: 12)
        return lines
    }

    /// Every statistic, section by section.
    static func stats(_ statistics: StudyStatistics, displayName: String, style: ScreenStyle)
        -> [String]
    {
        var lines = status(statistics.status, displayName: displayName, style: style)
        lines += ["", style.bold(" Answers per day, last 30 days")]
        lines += columnChart(statistics.reviewsPerDay.map(\.answers), height: 6)
        lines.append(dateAxis(statistics.reviewsPerDay.map(\.date)))

        lines += ["", style.bold(" Last \(StudyStatistics.heatmapWeeks) weeks")]
        lines += heatmap(statistics.heatmap)

        lines += ["", style.bold(" True retention") + "  (answers on review that were not Again)"]
        lines.append(
            "  " + "".padded(to: 8) + "young (< 21 d)".padded(to: 20, alignment: .right)
                + "mature (≥ 21 d)".padded(to: 20, alignment: .right)
                + "all".padded(to: 20, alignment: .right))
        for period in statistics.retention {
            let retention = period.retention
            lines.append(
                "  " + periodName(period.period).padded(to: 8)
                    + [retention.young, retention.mature, retention.all].map {
                        tally($0).padded(to: 20, alignment: .right)
                    }.joined())
        }

        lines += ["", style.bold(" Due in the next 30 days")]
        lines += columnChart(statistics.forecast.map(\.cards), height: 6)
        lines.append(dateAxis(statistics.forecast.map(\.date)))

        lines += [
            "",
            style.bold(" Cards by HSK level")
                + "  █ known  ▒ learning  ░ new   (known/learning/new)",
        ]
        lines += coverage(statistics.coverageByLevel) { $0 == "none" ? "no level" : "HSK \($0)" }
        lines += ["", style.bold(" Cards by deck")]
        lines += coverage(statistics.coverageByDeck) { $0 }

        let time = statistics.timeStudied
        lines += [
            "", style.bold(" Time studied"),
            "  today \(minutes(time.today)) · 7 days \(minutes(time.week)) · "
                + "30 days \(minutes(time.month)) · in all \(minutes(time.total))",
        ]

        lines += ["", style.bold(" Forgotten most often")]
        lines += words(statistics.mostLapses, empty: "  Nothing forgotten yet.")
        lines += ["", style.bold(" Least likely to be recalled now")]
        lines += words(statistics.lowestRetrievability, empty: "  Nothing studied yet.")
        return lines
    }

    // MARK: - Pieces

    static func streakLine(_ streak: StreakSummary) -> String {
        "Streak \(plural(streak.current, "day")) · longest \(streak.longest) · "
            + "\(streak.thisWeek) of the last 7 days · \(plural(streak.daysStudied, "day")) "
            + "studied"
    }

    /// One bar per row, scaled to the largest value: `label  ████████ 12`.
    static func horizontalBars(_ rows: [(label: String, value: Int)], labelWidth: Int)
        -> [String]
    {
        let barWidth = width - labelWidth - 12
        let peak = max(1, rows.map(\.value).max() ?? 1)
        return rows.map { label, value in
            "  " + label.padded(to: labelWidth) + bar(value, of: peak, width: barWidth)
                + " \(value)"
        }
    }

    /// A bar of eighths of a block: `value / peak` of `width` columns.
    static func bar(_ value: Int, of peak: Int, width: Int) -> String {
        let eighths = Int((Double(value) / Double(max(peak, 1)) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let text = String(repeating: "█", count: eighths / 8) + partial
        return text.isEmpty && value > 0 ? "▏" : text
    }

    /// Columns two cells wide, `height` rows of eighths, with the peak labelled on the left.
    static func columnChart(_ values: [Int], height: Int) -> [String] {
        let peak = max(1, values.max() ?? 1)
        let levels = values.map { value -> Int in
            let scaled = Int((Double(value) / Double(peak) * Double(height * 8)).rounded())
            return value > 0 ? max(1, scaled) : 0
        }
        let blocks = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return (0..<height).reversed().map { row in
            let label = row == height - 1 ? "\(peak)" : row == 0 ? "0" : ""
            return label.padded(to: 5, alignment: .right) + " │"
                + levels.map { level in
                    let cell = blocks[min(8, max(0, level - row * 8))]
                    return cell + cell
                }.joined()
        }
    }

    /// Dates under a column chart: the first, the middle and the last.
    static func dateAxis(_ dates: [CalendarDate]) -> String {
        var axis = Array(repeating: Character(" "), count: 7 + dates.count * 2)
        for index in [0, dates.count / 2, dates.count - 1] where dates.indices.contains(index) {
            let label = Array(shortDate(dates[index]))
            let start = min(7 + index * 2, axis.count - label.count)
            for (offset, character) in label.enumerated() { axis[start + offset] = character }
        }
        return String(axis)
    }

    /// Weeks as columns, Monday to Sunday as rows; shading by quarters of the busiest day.
    static func heatmap(_ days: [DayActivity]) -> [String] {
        let peak = max(1, days.map(\.answers).max() ?? 1)
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var rows = names.map { "  \($0) " }
        for (index, day) in days.enumerated() {
            let cell: String
            if day.answers == 0 {
                cell = "·"
            } else {
                let quarter = min(3, (day.answers * 4 - 1) / peak)
                cell = ["░", "▒", "▓", "█"][quarter]
            }
            rows[day.date.weekday] += (index < 7 ? "" : " ") + cell
        }
        var legend = "  · none"
        var lowest = 1
        for (quarter, shade) in ["░", "▒", "▓", "█"].enumerated() {
            let highest = (quarter + 1) * peak / 4
            guard highest >= lowest else { continue }
            legend += highest == lowest ? "  \(shade) \(lowest)" : "  \(shade) \(lowest)-\(highest)"
            lowest = highest + 1
        }
        return rows + [legend + " answers"]
    }

    /// A stacked bar per group: known, learning, new; then the counts.
    static func coverage(_ groups: [Coverage], name: (String) -> String) -> [String] {
        let barWidth = 36
        return groups.map { group in
            let total = max(1, group.total)
            let known = Int((Double(group.known) / Double(total) * Double(barWidth)).rounded())
            let learning = min(
                barWidth - known,
                Int((Double(group.started) / Double(total) * Double(barWidth)).rounded()) - known)
            let rest = barWidth - known - max(0, learning)
            let bar =
                String(repeating: "█", count: known)
                + String(repeating: "▒", count: max(0, learning))
                + String(repeating: "░", count: rest)
            return "  " + UntrustedText.shown(name(group.group)).truncated(to: 14).padded(to: 15)
                + bar
                + " \(group.known)/\(group.learning)/\(group.new)"
        }
    }

    static func words(_ words: [HardWord], empty: String) -> [String] {
        guard !words.isEmpty else { return [empty] }
        return words.map { word in
            "  " + UntrustedText.shown(word.hanzi).truncated(to: 10).padded(to: 11)
                + UntrustedText.shown(word.pinyin).truncated(to: 16).padded(to: 17)
                + UntrustedText.shown(word.english).truncated(to: 24).padded(to: 25)
                + kindName(word.kind).padded(to: 6)
                + "\(word.lapses)×".padded(to: 5, alignment: .right)
                + "\(Int((word.retrievability * 100).rounded()))%".padded(
                    to: 6, alignment: .right)
        }
    }

    static func tally(_ tally: Tally) -> String {
        guard let rate = tally.rate else { return "—" }
        return "\(String(format: "%.1f", rate * 100))% (\(tally.passed)/\(tally.total))"
    }

    static func periodName(_ span: RetentionPeriod.Span) -> String {
        switch span {
        case .day: "today"
        case .week: "7 days"
        case .month: "30 days"
        case .year: "year"
        }
    }

    static func kindName(_ kind: CardKind) -> String {
        switch kind {
        case .recognition: "read"
        case .production: "write"
        case .pinyin: "type"
        case .listening: "listen"
        }
    }

    static func dayName(_ date: CalendarDate) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][date.weekday]
    }

    static func shortDate(_ date: CalendarDate) -> String {
        String(date.description.dropFirst(5))
    }

    static func minutes(_ value: Double) -> String {
        value < 60
            ? "\(Int(value.rounded())) min"
            : "\(Int(value / 60)) h \(Int(value.truncatingRemainder(dividingBy: 60).rounded())) min"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
