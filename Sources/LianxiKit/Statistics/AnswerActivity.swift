import CohortReporting
import Foundation
import Storage

/// What an associate's answers add up to for statistics: answers and milliseconds per study
/// day, the cards started today, and true retention over each span ending today.
///
/// Counted from every answer or from the tally per quarter hour (``QuarterHourTally``), with
/// the same result: a UTC quarter hour lies in one study day (`DayNumbering`), and time is
/// summed in whole milliseconds, as the log stores it, so no order of addition changes a sum.
struct AnswerActivity {
    /// Answers per study day.
    private(set) var answersByDay: [Int: Int] = [:]
    /// Milliseconds spent per study day.
    private(set) var millisecondsByDay: [Int: Int64] = [:]
    /// Answers today to cards that were new.
    private(set) var startedToday = 0
    /// True retention over each span of ``RetentionPeriod/Span/allCases``, in that order.
    private(set) var retention = Array(
        repeating: TrueRetention(), count: RetentionPeriod.Span.allCases.count)

    private let today: Int

    /// Counts `answers`, given in the log's order; `today` is today's day number.
    init(answers: [AnswerFacts], days: inout DayNumbering, today: Int) {
        self.today = today
        var classifier = RetentionClassifier()
        for answer in answers {
            let (counts, isMature) = classifier.classify(answer)
            var retention = TrueRetention()
            if counts {
                if isMature {
                    retention.mature.add(answer.rating)
                } else {
                    retention.young.add(answer.rating)
                }
            }
            add(
                day: days.day(of: answer.reviewedAt), answers: 1,
                // The log's whole milliseconds, which the seconds were made from.
                milliseconds: answer.duration.map { Int64(($0 * 1_000).rounded()) } ?? 0,
                newCards: answer.phaseBefore == .new ? 1 : 0, retention: retention)
        }
    }

    /// Counts the quarter hours of `tallies`; `today` is today's day number.
    init(tallies: [QuarterHourTally], days: inout DayNumbering, today: Int) {
        self.today = today
        for tally in tallies {
            add(
                day: days.day(of: tally.start), answers: tally.answers,
                milliseconds: tally.durationMilliseconds, newCards: tally.newCards,
                retention: TrueRetention(
                    young: Tally(passed: tally.youngPassed, failed: tally.youngFailed),
                    mature: Tally(passed: tally.maturePassed, failed: tally.matureFailed)))
        }
    }

    private mutating func add(
        day: Int, answers: Int, milliseconds: Int64, newCards: Int, retention counted: TrueRetention
    ) {
        answersByDay[day, default: 0] += answers
        millisecondsByDay[day, default: 0] += milliseconds
        if day == today { startedToday += newCards }
        guard counted.all.total > 0 else { return }
        for (index, span) in RetentionPeriod.Span.allCases.enumerated()
        where today - day < span.days {
            retention[index].young = retention[index].young + counted.young
            retention[index].mature = retention[index].mature + counted.mature
        }
    }
}
