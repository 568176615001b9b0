import CohortReporting
import Foundation
import SpacedRepetition
import Storage

/// What a finished session tells the associate.
public struct SessionSummary: Hashable, Sendable {
    /// Answers given in the session (after undo).
    public let answered: Int
    /// The share of answers that were not Again.
    public let accuracy: Double?
    /// Time spent answering, in seconds.
    public let timeSpent: TimeInterval
    /// Days in a row with study, today included.
    public let streak: Int
    /// Cards due by the end of tomorrow.
    public let dueTomorrow: Int

    /// Summarises `session` with the streak and tomorrow's load from the database.
    public init(session: ReviewSession, database: StudyDatabase) throws {
        let answers = session.answered.map(\.answer)
        answered = answers.count
        accuracy =
            answers.isEmpty
            ? nil
            : Double(answers.filter { $0.outcome.rating != .again }.count) / Double(answers.count)
        timeSpent = answers.reduce(0) { $0 + ($1.duration ?? 0) }
        let associate = session.associate
        let counting = associate.dayCounting
        let days = Set(
            try database.answerQuarterHours(for: associate.id).map(counting.dayNumber(of:)))
        streak = StudyStreak.days(answeredOn: days, today: session.day.number)
        dueTomorrow = try database.dueCount(
            for: associate.id, before: session.day.end.addingTimeInterval(86_400))
    }

    /// The summary as a few lines of text.
    public var lines: [String] {
        let minutes = Int((timeSpent / 60).rounded())
        let accuracyText = accuracy.map { "\(Int(($0 * 100).rounded()))% remembered" } ?? "—"
        return [
            "Answered \(answered) card\(answered == 1 ? "" : "s") · \(accuracyText) · "
                + "\(minutes) min",
            "Streak: \(streak) day\(streak == 1 ? "" : "s") · due by tomorrow: \(dueTomorrow)",
        ]
    }
}
