import Foundation
import SpacedRepetition
import Storage

extension Associate {
    /// How this associate's days are counted: calendar days in their time zone.
    public var dayCounting: DayCounting {
        .calendarDays(
            timeZone: TimeZone(identifier: timeZone) ?? .gmt, rolloverHour: rolloverHour)
    }

    /// The scheduler the associate chose, with their settings.
    public func makeScheduler() throws -> any Scheduler {
        switch scheduler {
        case .fsrs:
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
