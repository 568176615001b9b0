import Foundation
import SpacedRepetition
import Storage

extension Associate {
    /// The time zone their days are counted in: their IANA zone, or UTC if unknown here.
    ///
    /// A zone is checked when it is set; `lianxi doctor` reports one stored that this machine
    /// does not know. Every day boundary and every time shown uses this one zone.
    public var calendarTimeZone: TimeZone {
        // UTC as Foundation's fixed zone, which answers its offset without asking ICU: a
        // session's start asks twice for each due review (tens of thousands on a large
        // collection), 37 ns a time through ICU, 2 ns fixed. The zone is equal either way.
        guard let zone = TimeZone(identifier: timeZone), zone != .gmt else { return .gmt }
        return zone
    }

    /// Whether this machine knows their time zone.
    public var hasKnownTimeZone: Bool { TimeZone(identifier: timeZone) != nil }

    /// How this associate's days are counted: calendar days in their time zone.
    public var dayCounting: DayCounting {
        .calendarDays(timeZone: calendarTimeZone, rolloverHour: rolloverHour)
    }

    /// The scheduler the associate chose, with their settings; throws
    /// ``UnreadableParameters`` rather than scheduling FSRS with defaults they did not choose.
    public func makeScheduler() throws -> any Scheduler {
        switch scheduler {
        case .fsrs:
            if let stored = unreadableParameters {
                throw UnreadableParameters(associate: name, stored: stored)
            }
            let parameters = try fsrsParameters.map { try Parameters($0) } ?? .default
            return try FSRSScheduler(
                parameters: parameters, desiredRetention: desiredRetention,
                dayCounting: dayCounting)
        case .sm2:
            var sm2 = SM2Scheduler()
            sm2.dayCounting = dayCounting
            return sm2
        }
    }
}

/// The FSRS parameters stored for an associate are not a list of numbers.
public struct UnreadableParameters: Error, Hashable, CustomStringConvertible {
    /// The associate's name.
    public let associate: String
    /// The stored text.
    public let stored: String

    /// The problem of `associate`'s parameters, stored as `stored`.
    public init(associate: String, stored: String) {
        self.associate = associate
        self.stored = stored
    }

    /// What is wrong and what to do.
    public var description: String {
        let shown = stored.count > 40 ? String(stored.prefix(40)) + "…" : stored
        return "The FSRS parameters stored for \(associate) cannot be read "
            + "(\"\(shown.debugDescription.dropFirst().dropLast())\" is not a list of numbers), "
            + "so FSRS cannot schedule their cards. Choose the default parameters with "
            + "`lianxi associate set \(associate) --default-parameters` (`lianxi optimize` can "
            + "then fit new ones), or restore a backup; nothing was changed."
    }
}
