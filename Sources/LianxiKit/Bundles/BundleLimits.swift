import Foundation
import Storage

/// The plausible values of a progress bundle read at a given moment.
///
/// Every number and time a bundle holds passes through here (ranges of settings are then
/// `AssociateSettings`' and `Parameters`'). The limits are ``Plausibility``'s; docs/EXPORTS.md
/// lists them.
struct BundleLimits {
    /// The reading machine's clock.
    let now: Date
    /// The moments a bundle may name.
    let times: ClosedRange<Date>

    /// The limits for a bundle read when the clock says `now`.
    init(readAt now: Date) {
        self.now = now
        times = Plausibility.times(readAt: now)
    }

    /// The moment `text` names, if it is a UTC ISO-8601 time between 2000 and a day after
    /// `now`; otherwise `nil`, with a problem naming `field`.
    func time(_ text: String, field: String, problems: inout [String]) -> Date? {
        guard let time = UTCTime.date(from: text) else {
            problems.append("\(field) \"\(text)\" is not a UTC ISO-8601 time")
            return nil
        }
        if time < times.lowerBound {
            problems.append(
                "\(field) \(text) is before 2000; no answer can be that old. Check the clock of the"
                    + " computer that wrote the bundle, and export it again")
            return nil
        }
        if time > times.upperBound {
            problems.append(
                "\(field) \(text) is more than a day after this computer's clock"
                    + " (\(UTCTime.string(from: now))). Check the clock of the computer that wrote"
                    + " the bundle, or of this one")
            return nil
        }
        return time
    }

    /// Adds a problem naming `field` unless `durationMs` is a plausible time for one answer.
    func check(durationMs: Int64, field: String, problems: inout [String]) {
        let range = Plausibility.answerMilliseconds
        if durationMs < range.lowerBound {
            problems.append("\(field) cannot be negative, got \(durationMs)")
        } else if durationMs > range.upperBound {
            problems.append(
                "\(field) is \(durationMs) ms, more than a day (\(range.upperBound) ms); no"
                    + " answer takes that long. Check the clock of the computer that wrote the"
                    + " bundle, and export it again")
        }
    }
}

extension BundleLimits {
    /// The whole number `value` holds, or `nil` with a problem naming `field`.
    func whole(_ value: JSONNumber, field: String, problems: inout [String]) -> Int? {
        switch value {
        case .whole(let number):
            return Int(exactly: number)
        case .fraction(let number):
            problems.append("\(field) must be a whole number, got \(number)")
        case .other(let found):
            problems.append("\(field) must be a whole number, got \(found)")
        }
        return nil
    }

    /// The finite number `value` holds, or `nil` with a problem naming `field`.
    func number(_ value: JSONNumber, field: String, problems: inout [String]) -> Double? {
        switch value {
        case .whole(let number):
            return Double(number)
        case .fraction(let number):
            return number
        case .other(let found):
            problems.append("\(field) must be a number, got \(found)")
            return nil
        }
    }
}

/// A JSON value found where a bundle holds a number, kept as found so that the checks can name
/// the field whatever it holds. (Foundation's decoder on Linux reports a number too large for
/// its field, such as `1e300` for a whole number, as "not valid JSON", without the field.)
enum JSONNumber: Codable, Hashable, Sendable {
    /// A whole number that fits in 64 bits.
    case whole(Int64)
    /// A finite number with a fraction, or too large for 64 bits.
    case fraction(Double)
    /// Anything else, in words: text, `null`, a list, an object, a number beyond `Double`.
    case other(String)

    /// Reads whatever JSON value is there.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .other("null")
        } else if let number = try? container.decode(Int64.self) {
            self = .whole(number)
        } else if let number = try? container.decode(Double.self), number.isFinite {
            self = .fraction(number)
        } else if let text = try? container.decode(String.self) {
            self = .other("the text \"\(text.count > 20 ? text.prefix(20) + "…" : text)\"")
        } else if let truth = try? container.decode(Bool.self) {
            self = .other("\(truth)")
        } else {
            self = .other("a list, an object or a number too large to read")
        }
    }

    /// Writes the number (a bundle never writes `other`).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .whole(let number): try container.encode(number)
        case .fraction(let number): try container.encode(number)
        case .other: try container.encodeNil()
        }
    }
}
