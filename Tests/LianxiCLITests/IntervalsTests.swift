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
}
