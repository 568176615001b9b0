import Foundation
import SpacedRepetition

/// A date of the proleptic Gregorian calendar, without a time zone: the label of a study day.
///
/// Study day numbers (``DayCounting/dayNumber(of:)``) count local days from 1 January 1970, so
/// day `n` is the date `n` days after it.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1 January 1970.
    public let dayNumber: Int
    /// The year.
    public let year: Int
    /// The month, 1-12.
    public let month: Int
    /// The day of the month, 1-31.
    public let day: Int

    /// The date `dayNumber` days after 1 January 1970 (Howard Hinnant's `civil_from_days`).
    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra =
            (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Reads `YYYY-MM-DD`; `nil` when the text is not a real date.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        // Days from civil (H. Hinnant), then back, to refuse 31 February and friends.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let date = CalendarDate(dayNumber: era * 146_097 + dayOfEra - 719_468)
        guard date.year == year, date.month == month, date.day == day else { return nil }
        self = date
    }

    /// The day of the week: 0 for Monday to 6 for Sunday (1 January 1970 was a Thursday).
    public var weekday: Int { ((dayNumber + 3) % 7 + 7) % 7 }

    /// `2026-11-02`.
    public var description: String {
        "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
    }

    /// Orders dates in time.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// `7` as `07`.
    public static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Date {
    /// The moment in UTC as ISO 8601 to the second: `2026-11-02T01:00:00Z`.
    public var isoTimestamp: String {
        let days = DayCounting.elapsed24HourPeriods.dayNumber(of: self)
        let time = Int((millisecondsSince1970 - Int64(days) * 86_400_000) / 1_000)
        return "\(CalendarDate(dayNumber: days))T\(CalendarDate.twoDigits(time / 3_600)):"
            + "\(CalendarDate.twoDigits(time / 60 % 60)):\(CalendarDate.twoDigits(time % 60))Z"
    }
}

/// Study day numbers for many moments, with the time zone's UTC offset asked once per UTC
/// quarter hour (asking the time zone is slow).
///
/// Every moment of a quarter hour takes the offset in force at the quarter hour's start, so a
/// whole UTC quarter hour always falls in one study day: every offset in the time zone database
/// since 1979 is a whole number of quarter hours, and so is every rollover (a whole hour), so
/// day boundaries fall on quarter hours. Statistics can therefore count answers by UTC quarter
/// hour, whatever the associate's time zone and rollover hour (`answer_tally`). The offset at
/// the start is also the offset at every other moment of the quarter hour, except in the few
/// quarter hours where a time zone changed its offset at one minute past (Newfoundland,
/// Labrador and New Brunswick until 2011, Gaza and Hebron in 2010-11, Casey station in
/// 2020-22): answers in the rest of such a quarter hour may count on the day before or after
/// their wall-clock day, when the change crosses the rollover hour.
public struct DayNumbering: Sendable {
    /// How days are counted.
    public let counting: DayCounting
    private var offsets: [Int: Int] = [:]
    private var lastQuarter = Int.min
    private var lastOffset = 0

    /// Numbers days as `counting` counts them.
    public init(_ counting: DayCounting) {
        self.counting = counting
    }

    /// The study day containing `date`, as ``DayCounting/dayNumber(of:)`` counts it.
    public mutating func day(of date: Date) -> Int {
        switch counting {
        case .elapsed24HourPeriods:
            return counting.dayNumber(of: date)
        case .calendarDays(let timeZone, _):
            let milliseconds = date.millisecondsSince1970
            let quarter = Int(milliseconds / 900_000) - (milliseconds % 900_000 < 0 ? 1 : 0)
            let offset: Int
            if quarter == lastQuarter {
                offset = lastOffset
            } else if let known = offsets[quarter] {
                offset = known
            } else {
                offset = timeZone.secondsFromGMT(
                    for: Date(millisecondsSince1970: Int64(quarter) * 900_000))
                offsets[quarter] = offset
            }
            (lastQuarter, lastOffset) = (quarter, offset)
            return counting.dayNumber(of: date, utcOffset: offset)
        }
    }
}
