import Foundation
import SpacedRepetition

/// Moments written as UTC ISO-8601 text to the millisecond (`2026-11-02T01:00:20.250Z`), the
/// form every export uses, and read back from it.
///
/// Computed from the calendar arithmetic directly (H. Hinnant's `civil_from_days` and
/// `days_from_civil`), so the text is the same on every machine and in every locale.
public enum UTCTime {
    /// `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, rounded to the millisecond.
    public static func string(from date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let (days, millisecondOfDay) = milliseconds.floorDivided(by: 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let seconds = millisecondOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))."
            + "\(pad(millisecondOfDay % 1000, 3))Z"
    }

    /// Reads `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff]]Z`; `nil` for anything
    /// else, including impossible dates such as February 30.
    public static func date(from text: String) -> Date? {
        let characters = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= characters.count, !range.isEmpty else { return nil }
            var value: Int64 = 0
            for index in range {
                let byte = characters[index]
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        func byte(_ index: Int, is expected: Character) -> Bool {
            index < characters.count && characters[index] == expected.asciiValue
        }
        guard let year = number(0..<4), byte(4, is: "-"), let month = number(5..<7),
            byte(7, is: "-"), let day = number(8..<10), (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var milliseconds = days(year: year, month: month, day: day) * 86_400_000
        if characters.count == 10 { return Date(milliseconds: milliseconds) }
        guard byte(10, is: "T"), let hour = number(11..<13), byte(13, is: ":"),
            let minute = number(14..<16), hour < 24, minute < 60
        else { return nil }
        milliseconds += (hour * 60 + minute) * 60_000
        var index = 16
        if byte(index, is: ":") {
            guard let second = number(17..<19), second < 60 else { return nil }
            milliseconds += second * 1000
            index = 19
            if byte(index, is: ".") {
                var end = index + 1
                while end < characters.count, (48...57).contains(characters[end]) { end += 1 }
                guard end > index + 1, end - index - 1 <= 9,
                    let fraction = number(index + 1..<end)
                else { return nil }
                var scale: Int64 = 1
                for _ in 0..<(end - index - 1) { scale *= 10 }
                milliseconds += (fraction * 1000 + scale / 2) / scale
                index = end
            }
        }
        guard index == characters.count - 1, byte(index, is: "Z") else { return nil }
        return Date(milliseconds: milliseconds)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Date {
    /// The moment `milliseconds` after 1970-01-01 UTC.
    fileprivate init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

extension Int64 {
    /// Quotient and remainder rounded towards minus infinity (the remainder is never negative).
    fileprivate func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        let remainder = self % divisor
        return remainder < 0
            ? (self / divisor - 1, remainder + divisor) : (self / divisor, remainder)
    }
}
