import Foundation
import LianxiKit
import SpacedRepetition
import TestSupport
import Testing

@Suite struct AnswerWalkthroughTests {
    @Test func eachAnswerComesWhenTheCardIsDue() throws {
        let scheduler = try FSRSScheduler(fuzzesIntervals: false)
        let start = Date.utc(2025, 1, 1, 8)
        let walkthrough = AnswerWalkthrough(
            ratings: [.good, .good, .good, .again], scheduler: scheduler, start: start)
        #expect(walkthrough.steps.map(\.number) == [1, 2, 3, 4])
        #expect(
            walkthrough.steps.map(\.outcome.interval) == [
                .step(seconds: 600), .days(2), .days(11), .step(seconds: 600),
            ])
        for (previous, next) in zip(walkthrough.steps, walkthrough.steps.dropFirst()) {
            #expect(next.outcome.reviewedAt == previous.outcome.card.due)
        }
        #expect(walkthrough.steps[0].retrievabilityBefore == 0)
        // Answered when due, a review card is at the desired retention.
        #expect(abs(walkthrough.steps[3].retrievabilityBefore - 0.9) < 0.01)
    }
}
