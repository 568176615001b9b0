import Foundation

/// How long until a card is due again: a short step, or whole days.
public enum ScheduledInterval: Hashable, Sendable {
    /// A learning or relearning step, in seconds.
    case step(seconds: TimeInterval)
    /// A review interval, in whole days.
    case days(Int)

    /// The interval in seconds.
    public var seconds: TimeInterval {
        switch self {
        case .step(let seconds): seconds
        case .days(let days): TimeInterval(days) * 86_400
        }
    }

    /// The interval in whole milliseconds: how due dates are computed, exactly.
    public var milliseconds: Int64 {
        switch self {
        case .step(let seconds):
            let milliseconds = (seconds * 1_000).rounded()
            return milliseconds.isFinite ? Int64(exactly: milliseconds) ?? .max : .max
        case .days(let days):
            return Int64(days) * 86_400_000
        }
    }

    /// Whole days, or 0 for a step.
    public var wholeDays: Int {
        if case .days(let days) = self { days } else { 0 }
    }

    /// A compact label for the screen: `1m`, `10m`, `5.5m`, `3h`, `4d`, `3.2mo`, `1.5y`.
    public var label: String {
        switch self {
        case .step(let seconds):
            if seconds < 3_600 { return Self.compact(seconds / 60) + "m" }
            if seconds < 86_400 { return Self.compact(seconds / 3_600) + "h" }
            return Self.compact(seconds / 86_400) + "d"
        case .days(let days):
            if days < 31 { return "\(days)d" }
            if days < 365 { return Self.compact(Double(days) / 30.4375) + "mo" }
            return Self.compact(Double(days) / 365.25) + "y"
        }
    }

    private static func compact(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0
            ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
