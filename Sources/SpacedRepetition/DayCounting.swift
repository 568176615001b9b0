import Foundation

/// How to count the days that pass between two answers.
///
/// The FSRS model works in whole days. py-fsrs counts whole 24-hour periods in UTC; Anki counts
/// the day boundaries crossed in the learner's time zone, where a day starts at a rollover hour
/// (4 am by default), so a review at 23:00 and another at 08:00 are a day apart.
public enum DayCounting: Hashable, Sendable {
    /// Whole 24-hour periods: `floor((later - earlier) / 86400 s)` (py-fsrs).
    case elapsed24HourPeriods
    /// Calendar days in `timeZone`, each starting at `rolloverHour` local time (Anki).
    case calendarDays(timeZone: TimeZone, rolloverHour: Int)

    /// The calendar-day counting the app uses: a time zone and a 4 am rollover.
    public static func calendarDays(in timeZone: TimeZone) -> DayCounting {
        .calendarDays(timeZone: timeZone, rolloverHour: 4)
    }

    /// The number of days from `earlier` to `later` (negative if `later` comes first).
    public func days(from earlier: Date, to later: Date) -> Int {
        switch self {
        case .elapsed24HourPeriods:
            let seconds = later.timeIntervalSince(earlier)
            return Int((seconds / 86_400).rounded(.down))
        case .calendarDays(let timeZone, let rolloverHour):
            let calendar = Self.calendar(in: timeZone)
            return Self.dayNumber(of: later, calendar: calendar, rolloverHour: rolloverHour)
                - Self.dayNumber(of: earlier, calendar: calendar, rolloverHour: rolloverHour)
        }
    }

    /// A number for the study day containing `date`: consecutive days get consecutive numbers.
    ///
    /// With 24-hour periods the day is the UTC day; with calendar days it is the local date,
    /// moved one day back before the rollover hour.
    public func dayNumber(of date: Date) -> Int {
        switch self {
        case .elapsed24HourPeriods:
            return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        case .calendarDays(let timeZone, let rolloverHour):
            return Self.dayNumber(
                of: date, calendar: Self.calendar(in: timeZone), rolloverHour: rolloverHour)
        }
    }

    private static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func dayNumber(of date: Date, calendar: Calendar, rolloverHour: Int) -> Int {
        let local = calendar.dateComponents([.year, .month, .day, .hour], from: date)
        let day = julianDayNumber(
            year: local.year ?? 1970, month: local.month ?? 1, day: local.day ?? 1)
        return (local.hour ?? 0) < rolloverHour ? day - 1 : day
    }

    /// The Julian day number of a proleptic Gregorian date (Fliegel & Van Flandern, 1968).
    private static func julianDayNumber(year: Int, month: Int, day: Int) -> Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }
}
