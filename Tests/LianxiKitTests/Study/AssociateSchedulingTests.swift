import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// How an associate's days are counted: in the zone they named, whichever way Foundation
/// answers for it (UTC is a fixed zone, the others ICU's rules).
@Suite struct AssociateSchedulingTests {
    /// Moments around clock changes (London in March and October 2026, Shanghai's summer time
    /// of 1990, St John's half hours) and around a 4 am rollover.
    static let moments: [Date] = [
        .utc(2026, 3, 29, 0, 30), .utc(2026, 3, 29, 1, 30), .utc(2026, 10, 25, 0, 30),
        .utc(2026, 10, 25, 1, 30), .utc(1990, 4, 14, 19, 30), .utc(1990, 4, 14, 20, 30),
        .utc(1990, 9, 15, 19, 30), .utc(2026, 7, 1, 6, 29), .utc(2026, 7, 1, 6, 31),
        .utc(2026, 12, 7, 3, 59), .utc(2026, 12, 7, 4, 0),
    ]

    @Test(arguments: [
        ("UTC", "UTC"), ("GMT", "GMT"), ("Etc/UTC", "Etc/UTC"), ("Asia/Shanghai", "Asia/Shanghai"),
        ("Europe/London", "Europe/London"), ("America/St_Johns", "America/St_Johns"),
        ("Nowhere/Unknown", "UTC"),
    ])
    func daysAreCountedInTheZoneTheyNamed(stored: String, zone: String) throws {
        // Given an associate whose stored zone is `stored`
        let database = try StudyDatabase.inMemory()
        let associate = try database.registerAssociate(
            named: "ana", timeZone: stored, at: StudyFixture.mondayMorning
        ).associate
        let named = try #require(TimeZone(identifier: zone))

        // Then their days are those of `zone` (UTC when this machine does not know theirs)
        #expect(associate.calendarTimeZone == named)
        let expected = DayCounting.calendarDays(
            timeZone: named, rolloverHour: associate.rolloverHour)
        for moment in Self.moments {
            #expect(
                associate.calendarTimeZone.secondsFromGMT(for: moment)
                    == named.secondsFromGMT(for: moment))
            #expect(associate.dayCounting.dayNumber(of: moment) == expected.dayNumber(of: moment))
        }
    }
}
