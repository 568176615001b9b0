/// Interval fuzz: spreads reviews a little so cards learnt together do not stay together.
///
/// The ranges are py-fsrs's `FUZZ_RANGES` (also Anki's `fuzz.rs`): no fuzz under 2.5 days, then
/// ±(1 + 15 % of the days in 2.5–7 + 10 % of those in 7–20 + 5 % of those beyond 20). The pick
/// is uniform over the whole days of the range, as Anki picks it (py-fsrs's rounding can land
/// one day past the range).
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
}
