import Foundation
import SpacedRepetition
import TestSupport
import Testing

@Suite struct DayCountingTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
    static let utc = TimeZone(identifier: "UTC") ?? .gmt

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let counting: DayCounting
        let earlier: Date
        let later: Date
        let days: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Whole 24-hour periods (py-fsrs).
        Case(
            name: "24 h: evening to next morning is 0", counting: .elapsed24HourPeriods,
            earlier: .utc(2025, 1, 1, 23), later: .utc(2025, 1, 2, 8), days: 0),
        Case(
            name: "24 h: exactly a day is 1", counting: .elapsed24HourPeriods,
            earlier: .utc(2025, 1, 1, 8), later: .utc(2025, 1, 2, 8), days: 1),
        Case(
            name: "24 h: one second short of two days is 1", counting: .elapsed24HourPeriods,
            earlier: .utc(2025, 1, 1, 8), later: .utc(2025, 1, 3, 7, 59, 59), days: 1),
        Case(
            name: "24 h: backwards is negative", counting: .elapsed24HourPeriods,
            earlier: .utc(2025, 1, 2, 8), later: .utc(2025, 1, 1, 9), days: -1),
        // Calendar days with a 4 am rollover (Anki).
        Case(
            name: "calendar: evening to next morning is 1",
            counting: .calendarDays(in: utc),
            earlier: .utc(2025, 1, 1, 23), later: .utc(2025, 1, 2, 8), days: 1),
        Case(
            name: "calendar: midnight is not a boundary before the rollover",
            counting: .calendarDays(in: utc),
            earlier: .utc(2025, 1, 1, 23), later: .utc(2025, 1, 2, 1), days: 0),
        Case(
            name: "calendar: the rollover hour is the boundary",
            counting: .calendarDays(in: utc),
            earlier: .utc(2025, 1, 2, 3, 59, 59), later: .utc(2025, 1, 2, 4), days: 1),
        Case(
            name: "calendar: after the rollover to just before the next is 0",
            counting: .calendarDays(in: utc),
            earlier: .utc(2025, 1, 2, 4), later: .utc(2025, 1, 3, 3, 59), days: 0),
        Case(
            name: "calendar: rollover at midnight counts midnight",
            counting: .calendarDays(timeZone: utc, rolloverHour: 0),
            earlier: .utc(2025, 1, 1, 23), later: .utc(2025, 1, 2, 1), days: 1),
        Case(
            name: "calendar: across a month and a year",
            counting: .calendarDays(in: utc),
            earlier: .utc(2024, 12, 30, 12), later: .utc(2025, 3, 1, 12), days: 61),
        // Local time: 23:30 and 04:30 in Shanghai (UTC+8) are on different study days.
        Case(
            name: "calendar: Shanghai late evening to early morning",
            counting: .calendarDays(in: shanghai),
            earlier: .utc(2026, 1, 1, 15, 30), later: .utc(2026, 1, 1, 20, 30), days: 1),
        // Berlin springs forward on 2026-03-29 (02:00 CET -> 03:00 CEST): 04:30 to 04:30 local
        // is 23 hours but one day.
        Case(
            name: "calendar: Berlin spring-forward day is one day of 23 h",
            counting: .calendarDays(in: berlin),
            earlier: .utc(2026, 3, 28, 3, 30), later: .utc(2026, 3, 29, 2, 30), days: 1),
        Case(
            name: "24 h: the same 23 hours are 0", counting: .elapsed24HourPeriods,
            earlier: .utc(2026, 3, 28, 3, 30), later: .utc(2026, 3, 29, 2, 30), days: 0),
        // Berlin falls back on 2026-10-25 (03:00 CEST -> 02:00 CET): 24 h after 04:30 CEST it
        // is 03:30 CET, still before the rollover, so still the same study day.
        Case(
            name: "calendar: Berlin fall-back, 24 h later is still the same day",
            counting: .calendarDays(in: berlin),
            earlier: .utc(2026, 10, 24, 2, 30), later: .utc(2026, 10, 25, 2, 30), days: 0),
        Case(
            name: "calendar: Berlin fall-back, 25 h later is the next day",
            counting: .calendarDays(in: berlin),
            earlier: .utc(2026, 10, 24, 2, 30), later: .utc(2026, 10, 25, 3, 30), days: 1),
        // New York springs forward on 2026-03-08: the rollover is still 4 am local (08:00Z).
        Case(
            name: "calendar: New York DST, 4 am local after the change",
            counting: .calendarDays(in: newYork),
            earlier: .utc(2026, 3, 8, 7, 59), later: .utc(2026, 3, 8, 8, 0), days: 1),
        Case(
            name: "calendar: New York, 4 am local before the change is 09:00Z",
            counting: .calendarDays(in: newYork),
            earlier: .utc(2026, 3, 7, 8, 59), later: .utc(2026, 3, 7, 9, 0), days: 1),
    ]

    @Test(arguments: cases)
    func countsDays(_ testCase: Case) {
        #expect(testCase.counting.days(from: testCase.earlier, to: testCase.later) == testCase.days)
    }

    @Test func dayNumbersAreConsecutive() {
        let counting = DayCounting.calendarDays(in: Self.berlin)
        let first = counting.dayNumber(of: .utc(2026, 3, 28, 12))
        #expect(counting.dayNumber(of: .utc(2026, 3, 29, 12)) == first + 1)
        #expect(counting.dayNumber(of: .utc(2026, 3, 30, 1)) == first + 1)
        #expect(counting.dayNumber(of: .utc(2026, 3, 30, 2)) == first + 2)
    }

    @Test func theSchedulerUsesItsDayCountingForTheSameDayRule() throws {
        // 23:00 then 08:00 local: 0 days in 24-hour periods (short-term formula), 1 calendar day
        // (long-term formula), so the two countings give different stabilities.
        let periods = try FSRSScheduler(fuzzesIntervals: false)
        let calendar = try FSRSScheduler(
            fuzzesIntervals: false, dayCounting: .calendarDays(in: Self.utc))
        var generator = SeededGenerator(seed: 1)
        let evening = Date.utc(2025, 5, 1, 23)
        let morning = Date.utc(2025, 5, 2, 8)
        let byPeriods = periods.review(
            periods.review(.new, rating: .good, at: evening, using: &generator).card,
            rating: .good, at: morning, using: &generator)
        let byCalendar = calendar.review(
            calendar.review(.new, rating: .good, at: evening, using: &generator).card,
            rating: .good, at: morning, using: &generator)
        #expect(byPeriods.elapsedDays == 0)
        #expect(byCalendar.elapsedDays == 1)
        let short = try #require(byPeriods.card.memoryState).stability
        let long = try #require(byCalendar.card.memoryState).stability
        #expect(long > short)
    }

    /// A card answered on time, decades of intervals after a first answer that is no whole
    /// millisecond, is due exactly its interval later, and counts that many days: never a
    /// hair, so a day, short.
    @Test(arguments: [DayCounting.elapsed24HourPeriods, .calendarDays(in: shanghai)])
    func dueDatesAreExactDecadesAhead(counting: DayCounting) throws {
        var scheduler = SM2Scheduler()
        scheduler.fuzzesIntervals = false
        scheduler.dayCounting = counting
        var generator = SeededGenerator(seed: 7)
        var card = CardState.new
        var time = Date(timeIntervalSince1970: 1_765_034_784.123_456_7)
        for _ in 0..<9 {
            let outcome = scheduler.review(card, rating: .easy, at: time, using: &generator)
            let due = try #require(outcome.card.due)
            #expect(
                due.millisecondsSince1970 - time.millisecondsSince1970
                    == Int64(outcome.interval.wholeDays) * 86_400_000)
            #expect(counting.days(from: time, to: due) == outcome.interval.wholeDays)
            (card, time) = (outcome.card, due)
        }
        #expect(time > .utc(2100, 1, 1))
    }

    @Test func millisecondsRoundTrip() {
        for milliseconds: Int64 in [
            0, 1, -1, 999, -86_400_001, 4_102_444_800_123, 253_402_300_799_999,
        ] {
            #expect(Date(millisecondsSince1970: milliseconds).millisecondsSince1970 == milliseconds)
        }
        #expect(Date(timeIntervalSince1970: 0.0004).millisecondsSince1970 == 0)
        #expect(Date(timeIntervalSince1970: -0.0006).millisecondsSince1970 == -1)
    }

    @Test func dayNumbersCountBackBefore1970() {
        #expect(
            DayCounting.elapsed24HourPeriods.dayNumber(of: Date(timeIntervalSince1970: -1)) == -1)
        #expect(
            DayCounting.calendarDays(in: Self.utc).dayNumber(of: .utc(1970, 1, 1, 3, 59)) == -1)
    }
}
