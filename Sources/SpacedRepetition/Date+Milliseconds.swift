import Foundation

extension Date {
    /// The moment in whole milliseconds since 1970-01-01 00:00 UTC, rounded to the nearest.
    ///
    /// Days are decided on these integers, never on a difference of two `Date`s: a `Date` is
    /// a floating-point number of seconds, and adding years of intervals to one can leave it a
    /// hair short of a whole day. Moments beyond ±292 million years are clamped.
    public var millisecondsSince1970: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1_000).rounded()
        guard milliseconds.isFinite else { return milliseconds > 0 ? .max : .min }
        return Int64(exactly: milliseconds)
            ?? (milliseconds > 0 ? Int64.max : Int64.min)
    }

    /// The moment `milliseconds` after 1970-01-01 00:00 UTC.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }

    /// This moment moved by `interval`, in whole milliseconds.
    func adding(_ interval: ScheduledInterval) -> Date {
        let (sum, overflow) = millisecondsSince1970.addingReportingOverflow(interval.milliseconds)
        return Date(millisecondsSince1970: overflow ? .max : sum)
    }
}

extension Int64 {
    /// The quotient rounded towards minus infinity (`-1 / 86_400_000` is day -1, not day 0).
    func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder != 0 && (remainder < 0) != (divisor < 0) ? quotient - 1 : quotient
    }
}
