import Foundation
import SpacedRepetition

/// The text `lianxi simulate` prints: a table with one row per desired retention and a chart
/// of the reviews per day over the forecast, in plain Unicode within 80 columns.
public struct WorkloadReport: Hashable, Sendable {
    /// One retention's figures.
    public struct Row: Hashable, Sendable {
        /// The desired retention.
        public let retention: Double
        /// Expected reviews a day, on average.
        public let meanReviews: Double
        /// Expected reviews on the busiest day.
        public let peakReviews: Double
        /// Expected minutes a day, on average.
        public let meanMinutes: Double
        /// Expected minutes on the busiest day.
        public let peakMinutes: Double
        /// Expected cards recalled on the last day.
        public let known: Double

        /// The figures of `forecast`.
        public init(_ forecast: WorkloadForecast) {
            retention = forecast.desiredRetention
            meanReviews = forecast.averageReviewsPerDay
            peakReviews = forecast.days.map(\.reviews).max() ?? 0
            meanMinutes = forecast.averageMinutesPerDay
            peakMinutes = forecast.days.map(\.minutes).max() ?? 0
            known = forecast.wordsKnown
        }
    }

    /// The rows, in the order of the forecasts.
    public let rows: [Row]
    /// Per retention, the reviews per day averaged over each column of the chart.
    public let chart: [[Double]]
    /// The days each chart column covers (the last may cover fewer).
    public let daysPerColumn: Int
    /// Days forecast.
    public let days: Int
    /// The associate's own desired retention, marked in the table.
    public let currentRetention: Double?

    /// The widest chart, in columns.
    public static let chartColumns = 52

    /// Builds the table and chart from `forecasts` (each covering the same days).
    public init(forecasts: [WorkloadForecast], currentRetention: Double? = nil) {
        rows = forecasts.map(Row.init)
        days = forecasts.map(\.days.count).max() ?? 0
        let columnDays = max(1, (days + Self.chartColumns - 1) / Self.chartColumns)
        daysPerColumn = columnDays
        chart = forecasts.map { forecast in
            stride(from: 0, to: forecast.days.count, by: columnDays).map { first in
                let slice = forecast.days[first..<min(first + columnDays, forecast.days.count)]
                return slice.reduce(0) { $0 + $1.reviews } / Double(slice.count)
            }
        }
        self.currentRetention = currentRetention
    }

    /// The blocks of the chart, lowest to highest.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One line of the chart: each value as a block scaled to `maximum` (a space for none).
    public static func sparkline(_ values: [Double], maximum: Double) -> String {
        String(
            values.map { value -> Character in
                guard maximum > 0, value > maximum / 1_000 else { return " " }
                let level = Int((value / maximum * Double(levels.count)).rounded(.up))
                return levels[min(max(level, 1), levels.count) - 1]
            })
    }

    /// The table and the chart, lines ending in newlines.
    public var text: String {
        var lines: [String] = []
        func right(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(width - text.count, 0)) + text
        }
        lines.append(
            "retention" + right("reviews a day", 17) + right("minutes a day", 17)
                + right("known at", 11))
        lines.append(
            right("", 9) + right("mean", 9) + right("peak", 8) + right("mean", 9)
                + right("peak", 8) + right("the end", 11))
        for row in rows {
            let isCurrent = currentRetention.map { abs($0 - row.retention) < 1e-9 } ?? false
            let cells = [
                ((isCurrent ? "* " : "  ") + CollectionForecast.Request.format(row.retention))
                    .padding(toLength: 9, withPad: " ", startingAt: 0),
                Self.number(row.meanReviews, width: 9), Self.number(row.peakReviews, width: 8),
                Self.number(row.meanMinutes, width: 9), Self.number(row.peakMinutes, width: 8),
                Self.number(row.known, width: 11, decimals: 0),
            ]
            lines.append(cells.joined())
        }
        if rows.contains(where: { row in
            currentRetention.map { abs($0 - row.retention) < 1e-9 } ?? false
        }) {
            lines.append("* your desired retention now")
        }
        let maximum = chart.flatMap { $0 }.max() ?? 0
        guard maximum > 0 else {
            lines.append("")
            lines.append("No reviews are expected in these \(counted(days, "day")).")
            return lines.map { $0 + "\n" }.joined()
        }
        lines.append("")
        let span = daysPerColumn == 1 ? "day by day" : "\(daysPerColumn) days a column"
        lines.append(
            "Reviews a day, \(span) (█ = \(Self.number(maximum, width: 0, decimals: 0)) a day):")
        for (row, values) in zip(rows, chart) {
            lines.append(
                "  " + CollectionForecast.Request.format(row.retention) + "  "
                    + Self.sparkline(values, maximum: maximum))
        }
        let width = chart.map(\.count).max() ?? 0
        let first = "day 1"
        let last = "day \(days)"
        let gap = max(width - first.count - last.count, 1)
        lines.append("        " + first + String(repeating: " ", count: gap) + last)
        return lines.map { $0 + "\n" }.joined()
    }

    /// `value` right-aligned in `width` columns: one decimal under 100, none from there on.
    static func number(_ value: Double, width: Int, decimals: Int? = nil) -> String {
        let places = decimals ?? (value < 99.95 ? 1 : 0)
        let rounded = places == 0 ? groupedDigits(Int(value.rounded())) : fixed(value, places)
        return String(repeating: " ", count: max(width - rounded.count, 0)) + rounded
    }
}
