import Foundation
import LianxiKit
import TestSupport
import Testing

@Suite struct UTCTimeTests {
    @Test(arguments: [
        (Date.utc(2026, 11, 2, 1, 0, 20), "2026-11-02T01:00:20.000Z"),
        (Date.utc(2026, 11, 2, 1, 0, 20) + 0.25, "2026-11-02T01:00:20.250Z"),
        (Date.utc(2024, 2, 29, 23, 59, 59) + 0.999, "2024-02-29T23:59:59.999Z"),
        (Date.utc(1970, 1, 1), "1970-01-01T00:00:00.000Z"),
        (Date.utc(1969, 12, 31, 23, 59, 59) + 0.5, "1969-12-31T23:59:59.500Z"),
        (Date.utc(2000, 1, 1) + 0.0004, "2000-01-01T00:00:00.000Z"),
    ])
    func momentsAreWrittenToTheMillisecond(_ date: Date, text: String) {
        #expect(UTCTime.string(from: date) == text)
    }

    @Test(arguments: [
        ("2026-11-02", Date.utc(2026, 11, 2)),
        ("2026-11-02T01:00Z", Date.utc(2026, 11, 2, 1)),
        ("2026-11-02T01:00:20Z", Date.utc(2026, 11, 2, 1, 0, 20)),
        ("2026-11-02T01:00:20.250Z", Date.utc(2026, 11, 2, 1, 0, 20) + 0.25),
        ("2026-11-02T01:00:20.5Z", Date.utc(2026, 11, 2, 1, 0, 20) + 0.5),
        ("2024-02-29", Date.utc(2024, 2, 29)),
    ])
    func textIsReadBack(_ text: String, date: Date) {
        #expect(UTCTime.date(from: text) == date)
    }

    @Test(arguments: [
        "", "2026-11", "2026-13-01", "2026-02-29", "2026-04-31", "2026-11-02T25:00Z",
        "2026-11-02T01:00:20", "2026-11-02T01:00:20+08:00", "2026-11-02 01:00Z", "yesterday",
        "2026-11-02T01:00:20.Z", "２０２６-11-02",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(UTCTime.date(from: text) == nil)
    }
}
