import Foundation

/// How to count the days that pass between two answers.
///
/// The FSRS model works in whole days. py-fsrs counts whole 24-hour periods in UTC; Anki counts
/// the day boundaries crossed in the learner's time zone, where a day starts at a rollover hour
/// (4 am by default), so a review at 23:00 and another at 08:00 are a day apart.
///
/// Days are counted on whole milliseconds (``Foundation/Date/millisecondsSince1970``) with
/// integer arithmetic, so an answer given exactly on its due date is never a hair early,
/// however many years separate it from the first answer.
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
            let (difference, overflow) = later.millisecondsSince1970.subtractingReportingOverflow(
                earlier.millisecondsSince1970)
            guard !overflow else { return later > earlier ? .max : .min }
            return Int(difference.dividedRoundingDown(by: Self.millisecondsPerDay))
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
            return dayNumber(of: date, utcOffset: 0)
        case .calendarDays(let timeZone, _):
            return dayNumber(of: date, utcOffset: timeZone.secondsFromGMT(for: date))
        }
    }

    /// The study day containing `date` where local time is `utcOffset` seconds ahead of UTC
    /// (for callers that already know the offset); 24-hour periods ignore the offset.
    public func dayNumber(of date: Date, utcOffset: Int) -> Int {
        let milliseconds = date.millisecondsSince1970
        switch self {
        case .elapsed24HourPeriods:
            return Int(milliseconds.dividedRoundingDown(by: Self.millisecondsPerDay))
        case .calendarDays(_, let rolloverHour):
            let shift = Int64(utcOffset - rolloverHour * 3_600) * 1_000
            let (local, overflow) = milliseconds.addingReportingOverflow(shift)
            return Int(
                (overflow ? milliseconds : local).dividedRoundingDown(by: Self.millisecondsPerDay))
        }
    }

    private static let millisecondsPerDay: Int64 = 86_400_000
}
