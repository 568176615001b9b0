import CohortReporting
import Foundation
import SpacedRepetition

/// Study days on the server, counted as the associate's laptop counts them.
enum ReportCalendar {
    /// Days in the IANA zone `timeZone` (UTC if this machine does not know it), starting at
    /// `rolloverHour`: `Associate.dayCounting` in `LianxiKit`.
    static func numbering(timeZone: String, rolloverHour: Int) -> DayNumbering {
        DayNumbering(
            .calendarDays(
                timeZone: TimeZone(identifier: timeZone) ?? .gmt, rolloverHour: rolloverHour))
    }
}
