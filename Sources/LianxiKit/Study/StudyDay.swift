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
            ofDay: number + 1, counting: counting, near: time.addingTimeInterval(86_400))
    }

    /// The study day `date` for `counting`.
    public init(_ date: CalendarDate, counting: DayCounting) {
        number = date.dayNumber
        let noon = Date(timeIntervalSince1970: Double(number) * 86_400 + 43_200)
        start = Self.start(ofDay: number, counting: counting, near: noon)
        end = Self.start(
            ofDay: number + 1, counting: counting, near: noon.addingTimeInterval(86_400))
    }

    /// The first moment of day `day`: for calendar days, the rollover hour in local time,
    /// found by correcting the UTC offset (twice, for the days when it changes).
    private static func start(ofDay day: Int, counting: DayCounting, near time: Date) -> Date {
        switch counting {
        case .elapsed24HourPeriods:
            return Date(timeIntervalSince1970: Double(day) * 86_400)
        case .calendarDays(let timeZone, let rolloverHour):
            let wallClock = Double(day) * 86_400 + Double(rolloverHour) * 3_600
            var guess = Date(
                timeIntervalSince1970: wallClock - Double(timeZone.secondsFromGMT(for: time)))
            for _ in 0..<2 {
                guess = Date(
                    timeIntervalSince1970: wallClock - Double(timeZone.secondsFromGMT(for: guess)))
            }
            return guess
        }
    }
}
