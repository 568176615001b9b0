/// Interval fuzz: spreads reviews a little so cards learnt together do not stay together.
///
/// The ranges are py-fsrs's `FUZZ_RANGES` (also Anki's `fuzz.rs`): no fuzz under 2.5 days, then
/// ±(1 + 15 % of the days in 2.5–7 + 10 % of those in 7–20 + 5 % of those beyond 20). The pick
/// is uniform over the whole days of the range, as Anki picks it (py-fsrs's rounding can land
/// one day past the range). FSRS uses ``range(forDays:maximumInterval:)`` (py-fsrs's rounding,
/// half to even, around the rounded interval); SM-2 uses ``ankiRange(around:within:)``.
public enum Fuzz {
    /// The whole-day range an interval of `days` may be fuzzed to, at most `maximumInterval`;
    /// `nil` when the interval is too short to fuzz.
    public static func range(forDays days: Int, maximumInterval: Int) -> ClosedRange<Int>? {
        let interval = Double(days)
        guard interval >= 2.5 else { return nil }
        let delta =
            1 + 0.15 * (min(interval, 7) - 2.5) + 0.10 * max(min(interval, 20) - 7, 0)
            + 0.05 * max(interval - 20, 0)
        let upper = min(Int((interval + delta).rounded(.toNearestOrEven)), maximumInterval)
        let lower = min(max(2, Int((interval - delta).rounded(.toNearestOrEven))), upper)
        return lower...upper
    }

    /// A fuzzed interval for `days`, drawn from `generator`.
    public static func interval(
        forDays days: Int, maximumInterval: Int, using generator: inout some RandomNumberGenerator
    ) -> Int {
        guard let range = range(forDays: days, maximumInterval: maximumInterval) else {
            return days
        }
        // One draw, u in [0, 1): floor(lower + u × count), as Anki picks within the range.
        let unit = Double(generator.next() >> 11) * 0x1.0p-53
        let offset = Int(unit * Double(range.count))
        return range.lowerBound + min(offset, range.count - 1)
    }

    /// The whole-day range Anki's SM-2 fuzzes an interval of `days` to, inside `limits` (the
    /// answer's minimum and the maximum interval).
    ///
    /// rslib `fuzz.rs` `constrained_fuzz_bounds`, in single precision as there: the interval
    /// is first clamped into `limits`, its bounds rounded half away from zero, clamped into
    /// `limits`, and widened by a day when they meet above 2 days below the maximum.
    public static func ankiRange(around days: Float, within limits: ClosedRange<Int>)
        -> ClosedRange<Int>
    {
        let interval = min(max(days, Float(limits.lowerBound)), Float(limits.upperBound))
        var delta: Float = 0
        if interval >= 2.5 {
            delta = 1
            for (start, end, factor) in ankiFuzzRanges {
                delta = delta + factor * max(min(interval, end) - start, 0)
            }
        }
        let lower = ankiWholeDays(interval - delta).clamped(to: limits)
        var upper = ankiWholeDays(interval + delta).clamped(to: limits)
        if upper == lower, upper > 2, upper < limits.upperBound { upper = lower + 1 }
        return lower...upper
    }

    /// Rounds half away from zero to whole days, as Rust's `f32::round` then `as u32` (which
    /// saturates: below zero and NaN give 0).
    static func ankiWholeDays(_ days: Float) -> Int {
        let rounded = days.rounded(.toNearestOrAwayFromZero)
        guard rounded > 0 else { return 0 }
        return rounded < 0x1p32 ? Int(rounded) : Int(UInt32.max)
    }

    /// Anki's `FUZZ_RANGES`: start, end and the share of each day in between.
    private static let ankiFuzzRanges: [(Float, Float, Float)] = [
        (2.5, 7, 0.15), (7, 20, 0.1), (20, .greatestFiniteMagnitude, 0.05),
    ]
}

extension Int {
    fileprivate func clamped(to limits: ClosedRange<Int>) -> Int {
        Swift.min(Swift.max(self, limits.lowerBound), limits.upperBound)
    }
}
