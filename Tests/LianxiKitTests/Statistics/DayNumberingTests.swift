import CohortReporting
import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// Study days of many moments, as statistics number them (the tally per quarter hour relies on
/// a quarter hour lying in one study day).
@Suite struct DayNumberingTests {
    @Test(arguments: [
        ("Asia/Kolkata", 4), ("Asia/Kathmandu", 0), ("America/St_Johns", 23),
        ("America/St_Johns", 2), ("America/New_York", 2), ("Europe/London", 1),
        ("Australia/Lord_Howe", 1), ("Pacific/Chatham", 3),
    ])
    func everyQuarterHourLiesInOneStudyDay(zone: String, rolloverHour: Int) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let counting = DayCounting.calendarDays(timeZone: timeZone, rolloverHour: rolloverHour)
        var numbering = DayNumbering(counting)
        // Six weeks of 2026 holding the changes to and from daylight saving time in each zone
        // (8 and 29 March, 5 April).
        let first = Date.utc(2026, 3, 1).millisecondsSince1970 / 900_000
        for quarterHour in first..<(first + 42 * 96) {
            let start = quarterHour * 900_000
            let moments = [start + 899_999, start, start + 1, start + 450_000].map {
                Date(millisecondsSince1970: $0)
            }
            let days = moments.map { numbering.day(of: $0) }
            // One day for the whole quarter hour, and the day its clock shows: these zones
            // change their offset on quarter hours.
            #expect(Set(days).count == 1, "\(zone) \(moments[1])")
            #expect(days == moments.map(counting.dayNumber(of:)), "\(zone) \(moments[1])")
        }
    }

    @Test func aChangeAtOneMinutePastCountsItsQuarterHourWithTheOffsetBefore() throws {
        // St John's sprang forward at 00:01 local time until 2011: 03:31 UTC on 14 March 2010.
        let zone = try #require(TimeZone(identifier: "America/St_Johns"))
        let counting = DayCounting.calendarDays(timeZone: zone, rolloverHour: 1)
        let start = Date.utc(2010, 3, 14, 3, 30)  // 00:00 NST: the 13th's study day
        let later = Date.utc(2010, 3, 14, 3, 40)  // 01:10 NDT: the 14th's, by the clock
        #expect(counting.dayNumber(of: later) == counting.dayNumber(of: start) + 1)
        // Asked first about the later moment, the numbering still gives the quarter hour the
        // day of its start, whatever order the moments come in.
        var numbering = DayNumbering(counting)
        #expect(numbering.day(of: later) == counting.dayNumber(of: start))
        #expect(numbering.day(of: start) == counting.dayNumber(of: start))
    }
}
