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
            return Int((later.timeIntervalSince(earlier) / 86_400).rounded(.down))
        case .calendarDays:
            return dayNumber(of: later) - dayNumber(of: earlier)
        }
    }

    /// A number for the study day containing `date`: consecutive days get consecutive numbers.
    ///
    /// With 24-hour periods the day is the UTC day. With calendar days it is the local date,
    /// moved one day back before the rollover hour: the local wall-clock time, less the
    /// rollover hours, divided into days.
    public func dayNumber(of date: Date) -> Int {
        switch self {
        case .elapsed24HourPeriods:
            return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        case .calendarDays(let timeZone, let rolloverHour):
            let wallClock =
                date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
            return Int(((wallClock - Double(rolloverHour) * 3_600) / 86_400).rounded(.down))
        }
    }
}
