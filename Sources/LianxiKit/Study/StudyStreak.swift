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
