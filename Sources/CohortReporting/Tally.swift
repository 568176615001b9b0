import Foundation
import SpacedRepetition

/// Answers counted as passed (Hard, Good, Easy) or failed (Again).
public struct Tally: Hashable, Sendable, Encodable {
    /// Answers other than Again.
    public var passed = 0
    /// Answers Again.
    public var failed = 0

    /// Creates a tally.
    public init(passed: Int = 0, failed: Int = 0) {
        self.passed = passed
        self.failed = failed
    }

    /// All answers counted.
    public var total: Int { passed + failed }

    /// The share passed, or `nil` when nothing was counted.
    public var rate: Double? { total == 0 ? nil : Double(passed) / Double(total) }

    /// Counts one answer: Again as failed, any other rating as passed.
    public mutating func add(_ rating: Rating) {
        if rating == .again { failed += 1 } else { passed += 1 }
    }

    /// Both counts added.
    public static func + (lhs: Tally, rhs: Tally) -> Tally {
        Tally(passed: lhs.passed + rhs.passed, failed: lhs.failed + rhs.failed)
    }

    private enum CodingKeys: String, CodingKey { case passed, failed, rate }

    /// Encodes the counts and the rate (to 4 decimals, `null` when empty).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(failed, forKey: .failed)
        try container.encode(rate.map { rounded($0, places: 4) }, forKey: .rate)
    }
}

/// `value` rounded to `places` decimals, so that JSON and CSV carry short, stable numbers.
public func rounded(_ value: Double, places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (value * scale).rounded() / scale
}

/// True retention as Anki defines it: the share of answers to cards on review (not new, not in
/// learning or relearning steps) that were not Again, split by the interval the card had
/// before the answer: young under 21 days, mature from 21 days.
public struct TrueRetention: Hashable, Sendable, Encodable {
    /// Answers to cards whose interval was under 21 days.
    public var young = Tally()
    /// Answers to cards whose interval was 21 days or more.
    public var mature = Tally()

    /// Creates an empty count.
    public init(young: Tally = Tally(), mature: Tally = Tally()) {
        self.young = young
        self.mature = mature
    }

    /// Young and mature together.
    public var all: Tally { young + mature }

    private enum CodingKeys: String, CodingKey { case young, mature, all }

    /// Encodes young, mature and both.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(young, forKey: .young)
        try container.encode(mature, forKey: .mature)
        try container.encode(all, forKey: .all)
    }
}
