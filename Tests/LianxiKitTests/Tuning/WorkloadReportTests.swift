import ChineseText
import Foundation
import LianxiKit
import Testing

@testable import SpacedRepetition

@Suite struct WorkloadReportTests {
    static func forecasts(days: Int) throws -> [WorkloadForecast] {
        try WorkloadSimulator(
            settings: .init(deckSize: 500, days: days, newCardsPerDay: 10, minutesPerDay: nil)
        ).forecasts(desiredRetentions: [0.80, 0.85, 0.90, 0.95])
    }

    /// Forecasts of any length without simulating: busy figures that grow with the retention.
    static func madeUpForecasts(days: Int) -> [WorkloadForecast] {
        [0.80, 0.85, 0.90, 0.95].map { retention in
            WorkloadForecast(
                desiredRetention: retention,
                days: (0..<days).map { day in
                    let reviews = 1_000 * retention * Double(day % 90 + 1)
                    return WorkloadForecast.Day(
                        reviews: reviews, newCards: 20, minutes: reviews / 5)
                },
                wordsKnown: 12_345.6 * retention)
        }
    }

    @Test(arguments: [1, 30, 52, 53, 365, 3_650])
    func theTableAndChartFitEightyColumns(days: Int) {
        let forecasts = Self.madeUpForecasts(days: days)
        let report = WorkloadReport(forecasts: forecasts, currentRetention: 0.9)
        let lines = report.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { String($0).terminalColumns <= 80 })
        #expect(report.chart.allSatisfy { $0.count <= WorkloadReport.chartColumns })
        #expect(report.chart.allSatisfy { $0.count * report.daysPerColumn >= days })
        // One row per retention, the associate's marked.
        #expect(lines.contains { $0.hasPrefix("* 0.90") })
        #expect(lines.contains { $0.hasPrefix("  0.80") })
        #expect(report.rows.map(\.retention) == [0.80, 0.85, 0.90, 0.95])
    }

    @Test func rowsHoldTheForecastsFigures() throws {
        let forecasts = try Self.forecasts(days: 120)
        let report = WorkloadReport(forecasts: forecasts)
        for (row, forecast) in zip(report.rows, forecasts) {
            #expect(row.meanReviews == forecast.averageReviewsPerDay)
            #expect(row.meanMinutes == forecast.averageMinutesPerDay)
            #expect(row.peakReviews == forecast.days.map(\.reviews).max())
            #expect(row.peakMinutes >= row.meanMinutes)
            #expect(row.known == forecast.wordsKnown)
        }
        // Each chart value is the mean of its days: the chart's total equals the forecast's.
        for (values, forecast) in zip(report.chart, forecasts) {
            let total = values.enumerated().reduce(0.0) { sum, column in
                let first = column.offset * report.daysPerColumn
                let count = min(report.daysPerColumn, 120 - first)
                return sum + column.element * Double(count)
            }
            #expect(abs(total - forecast.totalReviews) < 1e-6 * max(forecast.totalReviews, 1))
        }
        #expect(!report.text.contains("*"))
    }

    @Test(arguments: [
        ([0.0, 1, 4, 7.9, 8], 8.0, " ▁▄██"),
        ([0.0, 0.5, 2], 0.0, "   "),
        ([3.0, 6], 6.0, "▄█"),
    ])
    func sparklinesScaleToTheLargestValue(values: [Double], maximum: Double, expected: String) {
        #expect(WorkloadReport.sparkline(values, maximum: maximum) == expected)
    }

    @Test func aForecastWithoutReviewsSaysSo() throws {
        let forecast = try WorkloadSimulator(settings: .init(deckSize: 0, days: 5))
            .forecast(desiredRetention: 0.9)
        let text = WorkloadReport(forecasts: [forecast]).text
        #expect(text.contains("No reviews are expected in these 5 days."))
    }
}
