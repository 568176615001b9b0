import ArgumentParser
import Foundation
import LianxiKit
import SpacedRepetition
import TestSupport
import Testing

@testable import LianxiCLI

@Suite struct IntervalsTests {
    @Test func ratingsParseByNameOrNumber() throws {
        let command = try #require(
            try Lianxi.parseAsRoot(["intervals", "good", "3", "Again", "4", "--scheduler", "sm2"])
                as? Lianxi.Intervals)
        #expect(command.ratings.map(\.rating) == [.good, .good, .again, .easy])
        #expect(command.scheduler == .sm2)
    }

    @Test(arguments: [["intervals", "sometimes"], ["intervals", "5"], ["intervals"]])
    func badRatingsAreRefused(arguments: [String]) {
        #expect(throws: (any Error).self) { try Lianxi.parseAsRoot(arguments) }
    }

    @Test func retentionOutsideTheRangeIsRefusedWithAClearMessage() {
        #expect {
            try Lianxi.parseAsRoot(["intervals", "good", "--retention", "0.5"])
        } throws: { error in
            Lianxi.message(for: error).contains("--retention must lie between 0.70 and 0.99")
        }
    }

    @Test func tablePrintsOneAlignedRowPerAnswer() throws {
        let walkthrough = AnswerWalkthrough(
            ratings: [.good, .good, .again, .good],
            scheduler: try FSRSScheduler(fuzzesIntervals: false), start: .utc(2025, 1, 1, 8))
        #expect(
            IntervalsTable(walkthrough: walkthrough).text == """
                #  answer  recall before  now                 next in  memory
                1  good    -              learning, step 2    10m      stability 2.31 d, difficulty 2.12
                2  good    100%           review              2d       stability 2.31 d, difficulty 2.11
                3  again   91%            relearning, step 1  10m      stability 0.61 d, difficulty 7.39
                4  good    100%           review              1d       stability 0.66 d, difficulty 7.38

                """)
    }

    /// Walkthroughs that run past 2100 print the same table whatever the start time, to the
    /// fraction of a millisecond: days are counted on whole milliseconds, so an answer given
    /// on its due date is never a hair early.
    @Test(arguments: [
        // The examples, run on past 2100: Anki's 10,710 d and 4,895 d.
        (SchedulerChoice.sm2, String(repeating: "4", count: 9), "ease 340%, interval 10710 d"),
        (.sm2, String(repeating: "3", count: 14), "ease 250%, interval 4895 d"),
        (.sm2, "4243444444", "ease 265%, interval 123 d"),
        (.fsrs, String(repeating: "4", count: 8), "review"),
        (.fsrs, String(repeating: "3", count: 12) + "1333", "relearning"),
    ])
    func theTableIsTheSameForEveryStartTime(
        scheduler: SchedulerChoice, ratings: String, expected: String
    ) throws {
        let answers = try ratings.map {
            try #require(RatingArgument(argument: String($0))).rating
        }
        var generator = SeededGenerator(seed: 2_100)
        var tables = Set<String>()
        for _ in 0..<100 {
            // Any moment from 2026 to 2040, with a fraction of a second as `Date()` has.
            let seconds = Double.random(in: 1_790_000_000...2_220_000_000, using: &generator)
            let walkthrough = try Self.walkthrough(
                answers, scheduler: scheduler, start: Date(timeIntervalSince1970: seconds))
            let lastAnswer = try #require(walkthrough.steps.last?.outcome.reviewedAt)
            #expect(lastAnswer > .utc(2100, 1, 1))
            tables.insert(IntervalsTable(walkthrough: walkthrough).text)
        }
        #expect(tables.count == 1)
        #expect(tables.first?.contains(expected) == true)
    }

    private static func walkthrough(
        _ ratings: [Rating], scheduler: SchedulerChoice, start: Date
    ) throws -> AnswerWalkthrough {
        switch scheduler {
        case .fsrs:
            return AnswerWalkthrough(
                ratings: ratings, scheduler: try FSRSScheduler(fuzzesIntervals: false),
                start: start)
        case .sm2:
            var sm2 = SM2Scheduler()
            sm2.fuzzesIntervals = false
            return AnswerWalkthrough(ratings: ratings, scheduler: sm2, start: start)
        }
    }
}
