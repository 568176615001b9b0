import Foundation

extension Date {
    /// A moment in UTC, built from calendar fields: `.utc(2024, 11, 29, 12, 30)`.
    public static func utc(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0,
        _ second: Int = 0
    ) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else {
            preconditionFailure("invalid date \(year)-\(month)-\(day) \(hour):\(minute):\(second)")
        }
        return date
    }
}
