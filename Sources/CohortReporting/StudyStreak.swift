import Foundation
import SpacedRepetition

/// Consecutive study days ending today (or yesterday, if today has no answer yet).
public enum StudyStreak {
    /// The current run of days with at least one answer, counted in the associate's days.
    public static func days(answeredOn studyDays: Set<Int>, today: Int) -> Int {
        var day = studyDays.contains(today) ? today : today - 1
        var count = 0
        while studyDays.contains(day) {
            count += 1
            day -= 1
        }
        return count
    }
}

/// Days studied, counted forgivingly: every day counts, a missed day only ends the run.
public struct StreakSummary: Hashable, Sendable, Encodable {
    /// Days with at least one answer, in all.
    public let daysStudied: Int
    /// Consecutive days studied up to today (or yesterday, if today has no answer yet).
    public let current: Int
    /// The longest run of consecutive days studied.
    public let longest: Int
    /// Days studied among the last seven (today and the six days before).
    public let thisWeek: Int

    /// The streak of the days `studied` (study day numbers) seen from `today`.
    public init(studied: Set<Int>, today: Int) {
        daysStudied = studied.count
        current = StudyStreak.days(answeredOn: studied, today: today)
        var longest = 0
        var run = 0
        var previous: Int?
        for day in studied.sorted() {
            run = previous == day - 1 ? run + 1 : 1
            longest = max(longest, run)
            previous = day
        }
        self.longest = longest
        thisWeek = studied.filter { today - 6 <= $0 && $0 <= today }.count
    }
}
