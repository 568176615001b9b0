import CohortReporting
import Foundation
import LianxiKit
import Storage
import TestSupport
import Testing

/// A report's period is as long as its answers, whatever `--since` says: a period starting in
/// year 1 once built a list of 740,000 empty days.
@Suite struct ReportPeriodTests {
    @Test(arguments: ["0001-01-01", "1970-01-01", "2025-11-01"])
    func aPeriodStartingBeforeTheFirstAnswerReportsAllHistory(since: String) throws {
        let snapshot = try CohortReportTests().cohort()
        let all = CohortReport(snapshot: snapshot, now: HandMadeHistory.now)

        let early = CohortReport(
            snapshot: snapshot, now: HandMadeHistory.now, since: CalendarDate(parsing: since))

        #expect(early.reviewsPerDay.first?.date.description == "2025-12-01")
        #expect(early.reviewsPerDay == all.reviewsPerDay)
        #expect(early.associates == all.associates)
        #expect(early.hardestWords == all.hardestWords)
    }

    @Test func aPeriodStartingAfterTheLastAnswerHasNoDays() throws {
        let report = CohortReport(
            snapshot: try CohortReportTests().cohort(), now: HandMadeHistory.now,
            since: CalendarDate(parsing: "9999-12-31"))

        #expect(report.reviewsPerDay.isEmpty)
        #expect(report.associates.allSatisfy { $0.reviews == 0 })
    }
}
