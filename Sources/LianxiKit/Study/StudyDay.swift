import CohortReporting
import Foundation
import SpacedRepetition

/// An associate's study day: it starts at the rollover hour in their time zone.
public struct StudyDay: Hashable, Sendable {
    /// The day's number (consecutive days have consecutive numbers).
    public let number: Int
    /// The moment the day starts.
    public let start: Date
    /// The moment the next day starts.
    public let end: Date

    /// The study day containing `time` for `counting`.
    public init(containing time: Date, counting: DayCounting) {
        number = counting.dayNumber(of: time)
        start = Self.start(ofDay: number, counting: counting, near: time)
        end = Self.start(
            ofDay: number + 1, counting: counting,
            near: Date(millisecondsSince1970: time.millisecondsSince1970 + Self.millisecondsPerDay))
    }

    /// The study day `date` for `counting`.
    public init(_ date: CalendarDate, counting: DayCounting) {
        number = date.dayNumber
        let noon = Date(
            millisecondsSince1970: Int64(number) * Self.millisecondsPerDay + Self.millisecondsPerDay
                / 2)
        start = Self.start(ofDay: number, counting: counting, near: noon)
        end = Self.start(
            ofDay: number + 1, counting: counting,
            near: Date(millisecondsSince1970: noon.millisecondsSince1970 + Self.millisecondsPerDay))
    }

    /// The first moment of day `day`.
    ///
    /// For calendar days, the rollover hour in local time, found by correcting the UTC offset
    /// (twice, for the days when it changes). Whole milliseconds throughout, so a day's end is
    /// exactly the next day's start.
    private static func start(ofDay day: Int, counting: DayCounting, near time: Date) -> Date {
        switch counting {
        case .elapsed24HourPeriods:
            return Date(millisecondsSince1970: Int64(day) * millisecondsPerDay)
        case .calendarDays(let timeZone, let rolloverHour):
            let wallClock = Int64(day) * millisecondsPerDay + Int64(rolloverHour) * 3_600_000
            func utc(offsetAt moment: Date) -> Date {
                Date(
                    millisecondsSince1970: wallClock
                        - Int64(timeZone.secondsFromGMT(for: moment)) * 1_000)
            }
            var guess = utc(offsetAt: time)
            for _ in 0..<2 { guess = utc(offsetAt: guess) }
            return guess
        }
    }

    private static let millisecondsPerDay: Int64 = 86_400_000
}
