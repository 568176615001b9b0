import Foundation
import SpacedRepetition
import TestSupport
import Testing

@Suite struct SM2SchedulerTests {
    static let lastReview = Date.utc(2025, 6, 1, 9)

    /// Anki's defaults without fuzz, so intervals are exact.
    static var exact: SM2Scheduler {
        var scheduler = SM2Scheduler()
        scheduler.fuzzesIntervals = false
        return scheduler
    }

    /// A review card last answered at `lastReview` with interval `days` and `ease`.
    static func reviewCard(days: Int, ease: Int = 2_500, lapses: Int = 0) throws -> CardState {
        try #require(
            CardState(
                restoring: .review, memory: .sm2(ease: Ease(thousandths: ease), interval: days),
                lastReview: lastReview,
                due: lastReview.addingTimeInterval(TimeInterval(days) * 86_400), reps: 5 + lapses,
                lapses: lapses))
    }

    func answer(
        _ card: CardState, _ rating: Rating, daysAfterLastReview: Int,
        with scheduler: SM2Scheduler = exact
    ) -> ReviewOutcome {
        var generator = SeededGenerator(seed: 3)
        let time = Self.lastReview.addingTimeInterval(TimeInterval(daysAfterLastReview) * 86_400)
        return scheduler.review(card, rating: rating, at: time, using: &generator)
    }

    // MARK: - Learning

    @Test(arguments: [
        (Rating.again, Phase.learning(step: 0), ScheduledInterval.step(seconds: 60)),
        (.hard, .learning(step: 0), .step(seconds: 330)),
        (.good, .learning(step: 1), .step(seconds: 600)),
        (.easy, .review, .days(4)),
    ])
    func newCardFollowsLearningSteps(rating: Rating, phase: Phase, interval: ScheduledInterval) {
        let outcome = answer(.new, rating, daysAfterLastReview: 0)
        #expect(outcome.card.phase == phase)
        #expect(outcome.interval == interval)
    }

    @Test func goodOnTheLastStepGraduatesWithTheGraduatingIntervalAndStartingEase() {
        let step = answer(.new, .good, daysAfterLastReview: 0).card
        let graduated = answer(step, .good, daysAfterLastReview: 0)
        #expect(graduated.card.phase == .review)
        #expect(graduated.interval == .days(1))
        #expect(graduated.card.memory == .sm2(ease: .starting, interval: 1))
    }

    @Test func hardWithOneStepIsOneAndAHalfTimesTheStep() {
        var scheduler = Self.exact
        scheduler.learningSteps = [600]
        #expect(
            answer(.new, .hard, daysAfterLastReview: 0, with: scheduler).interval
                == .step(seconds: 900))
        scheduler.learningSteps = [86_400]
        // 1.5 days, at most a day more than the step, rounded to whole days past a day: 2 days.
        #expect(
            answer(.new, .hard, daysAfterLastReview: 0, with: scheduler).interval
                == .step(seconds: 2 * 86_400))
    }

    // MARK: - Reviews

    struct ReviewCase: Sendable, CustomTestStringConvertible {
        let name: String
        let interval: Int
        let ease: Int
        let daysAfterLastReview: Int
        let rating: Rating
        let expectedDays: Int
        let expectedEase: Int
        var testDescription: String { name }
    }

    static let reviewCases: [ReviewCase] = [
        // On time: Hard = I × 1.2, Good = I × ease, Easy = I × ease × 1.3.
        ReviewCase(
            name: "hard on time", interval: 10, ease: 2_500, daysAfterLastReview: 10, rating: .hard,
            expectedDays: 12, expectedEase: 2_350),
        ReviewCase(
            name: "good on time", interval: 10, ease: 2_500, daysAfterLastReview: 10, rating: .good,
            expectedDays: 25, expectedEase: 2_500),
        ReviewCase(
            name: "easy on time (32.5 rounds up)", interval: 10, ease: 2_500,
            daysAfterLastReview: 10, rating: .easy, expectedDays: 33, expectedEase: 2_650),
        // Four days late: Good counts half the delay, Easy all of it, Hard none.
        ReviewCase(
            name: "hard late", interval: 10, ease: 2_500, daysAfterLastReview: 14, rating: .hard,
            expectedDays: 12, expectedEase: 2_350),
        ReviewCase(
            name: "good late", interval: 10, ease: 2_500, daysAfterLastReview: 14, rating: .good,
            expectedDays: 30, expectedEase: 2_500),
        ReviewCase(
            name: "easy late", interval: 10, ease: 2_500, daysAfterLastReview: 14, rating: .easy,
            expectedDays: 46, expectedEase: 2_650),
        // Minimums: Hard ≥ I + 1, Good ≥ Hard + 1, Easy ≥ Good + 1.
        ReviewCase(
            name: "hard at least a day more", interval: 1, ease: 1_300, daysAfterLastReview: 1,
            rating: .hard, expectedDays: 2, expectedEase: 1_300),
        ReviewCase(
            name: "good at least a day more than hard", interval: 1, ease: 1_300,
            daysAfterLastReview: 1, rating: .good, expectedDays: 3, expectedEase: 1_300),
        ReviewCase(
            name: "easy at least a day more than good", interval: 1, ease: 1_300,
            daysAfterLastReview: 1, rating: .easy, expectedDays: 4, expectedEase: 1_450),
        // Early (6 days before due): Anki's early-review formula.
        ReviewCase(
            name: "hard early", interval: 10, ease: 2_500, daysAfterLastReview: 4, rating: .hard,
            expectedDays: 6, expectedEase: 2_350),
        ReviewCase(
            name: "good early", interval: 10, ease: 2_500, daysAfterLastReview: 4, rating: .good,
            expectedDays: 10, expectedEase: 2_500),
        ReviewCase(
            name: "easy early", interval: 10, ease: 2_500, daysAfterLastReview: 4, rating: .easy,
            expectedDays: 12, expectedEase: 2_650),
    ]

    @Test(arguments: reviewCases)
    func reviewIntervalsAndEase(_ testCase: ReviewCase) throws {
        let card = try Self.reviewCard(days: testCase.interval, ease: testCase.ease)
        let outcome = answer(
            card, testCase.rating, daysAfterLastReview: testCase.daysAfterLastReview)
        #expect(outcome.card.phase == .review)
        #expect(outcome.interval == .days(testCase.expectedDays))
        guard case .sm2(let ease, let interval) = outcome.card.memory else {
            Issue.record("not an SM-2 memory")
            return
        }
        #expect(ease == Ease(thousandths: testCase.expectedEase))
        #expect(interval == testCase.expectedDays)
    }

    @Test func theIntervalModifierMultipliesPassingIntervals() throws {
        var scheduler = Self.exact
        scheduler.intervalModifier = 2
        let card = try Self.reviewCard(days: 10)
        #expect(answer(card, .good, daysAfterLastReview: 10, with: scheduler).interval == .days(50))
    }

    @Test func theMaximumIntervalCapsEveryAnswer() throws {
        var scheduler = Self.exact
        scheduler.maximumInterval = 20
        let card = try Self.reviewCard(days: 10)
        for rating in [Rating.hard, .good, .easy] {
            #expect(
                answer(card, rating, daysAfterLastReview: 10, with: scheduler).interval.wholeDays
                    <= 20)
        }
    }

    // MARK: - Lapses

    @Test func aLapseRelearnsThenReturnsWithTheLapseInterval() throws {
        let card = try Self.reviewCard(days: 30)
        let lapse = answer(card, .again, daysAfterLastReview: 30)
        #expect(lapse.card.phase == .relearning(step: 0))
        #expect(lapse.interval == .step(seconds: 600))
        #expect(lapse.card.lapses == 1)
        #expect(lapse.card.memory == .sm2(ease: Ease(thousandths: 2_300), interval: 1))

        var generator = SeededGenerator(seed: 1)
        let time = try #require(lapse.card.due)
        let good = Self.exact.review(lapse.card, rating: .good, at: time, using: &generator)
        #expect(good.card.phase == .review)
        #expect(good.interval == .days(1))
        let easy = Self.exact.review(lapse.card, rating: .easy, at: time, using: &generator)
        #expect(easy.interval == .days(2))
    }

    @Test func theLapseMultiplierKeepsPartOfTheInterval() throws {
        var scheduler = Self.exact
        scheduler.lapseMultiplier = 0.5
        let lapse = answer(
            try Self.reviewCard(days: 30), .again, daysAfterLastReview: 30, with: scheduler)
        #expect(lapse.card.memory == .sm2(ease: Ease(thousandths: 2_300), interval: 15))
    }

    @Test func easeNeverFallsBelowOnePointThree() throws {
        let lapse = answer(
            try Self.reviewCard(days: 5, ease: 1_400), .again, daysAfterLastReview: 5)
        #expect(lapse.card.memory == .sm2(ease: .minimum, interval: 1))
    }

    @Test func withoutRelearningStepsALapseStaysInReview() throws {
        var scheduler = Self.exact
        scheduler.relearningSteps = []
        let lapse = answer(
            try Self.reviewCard(days: 30), .again, daysAfterLastReview: 30, with: scheduler)
        #expect(lapse.card.phase == .review)
        #expect(lapse.interval == .days(1))
    }

    @Test(arguments: [
        (7, false), (8, true), (9, false), (11, false), (12, true), (16, true), (20, true),
    ])
    func leechAtEightThenEveryFour(lapsesAfter: Int, flagged: Bool) throws {
        let card = try Self.reviewCard(days: 3, lapses: lapsesAfter - 1)
        let outcome = answer(card, .again, daysAfterLastReview: 3)
        #expect(outcome.card.lapses == lapsesAfter)
        #expect(outcome.isNewLeech == flagged)
    }

    @Test(arguments: [(4, [4, 6, 8]), (6, [6, 9, 12])])
    func otherThresholdsFlagEveryHalfThreshold(threshold: Int, flaggedAt: [Int]) {
        let rule = LeechRule(threshold: threshold)
        #expect((1...threshold * 2).filter(rule.flags(lapses:)) == flaggedAt)
        #expect(LeechRule(threshold: 0).flags(lapses: 8) == false)
    }

    // MARK: - Fuzz and the shared protocol

    @Test func fuzzedReviewIntervalsStayInTheirRangeAndAreReproducible() throws {
        let scheduler = SM2Scheduler()
        let card = try Self.reviewCard(days: 10)
        var seen = Set<Int>()
        for seed in UInt64(0)..<500 {
            var first = SeededGenerator(seed: seed)
            var second = SeededGenerator(seed: seed)
            let time = Self.lastReview.addingTimeInterval(10 * 86_400)
            let outcome = scheduler.review(card, rating: .good, at: time, using: &first)
            #expect(outcome == scheduler.review(card, rating: .good, at: time, using: &second))
            seen.insert(outcome.interval.wholeDays)
        }
        // 25 days fuzzes within 22...28.
        #expect(seen == Set(22...28))
    }

    @Test func previewsAndReplayWorkThroughTheSharedProtocol() throws {
        let scheduler: any Scheduler = Self.exact
        let history = [
            PastAnswer(.good, at: Self.lastReview),
            PastAnswer(.good, at: Self.lastReview.addingTimeInterval(600)),
            PastAnswer(.good, at: Self.lastReview.addingTimeInterval(86_400)),
        ]
        var generator = SeededGenerator(seed: 1)
        let card = scheduler.replay(history, using: &generator)
        #expect(card.phase == .review)
        #expect(card.reps == 3)
        let previews = scheduler.previews(
            of: card, at: Self.lastReview.addingTimeInterval(4 * 86_400), using: generator)
        #expect(previews.again.card.phase == .relearning(step: 0))
        #expect(previews.good.interval.wholeDays > previews.hard.interval.wholeDays)
        #expect(scheduler.retrievability(of: card, at: card.due ?? Self.lastReview) > 0.89)
    }

    // MARK: - Ease

    @Test(arguments: [
        // Anki's deltas in single precision, rounded back to thousandths.
        (2_500, -150, 2_350), (2_350, 150, 2_500), (2_500, -200, 2_300), (1_400, -200, 1_300),
        (1_300, -150, 1_300), (3_250, 150, 3_400),
    ])
    func easeChangesInWholeThousandths(thousandths: Int, change: Int, expected: Int) {
        let ease = Ease(thousandths: thousandths)
        let floor: Ease? = change < 0 ? .minimum : nil
        #expect(ease.adding(change, floor: floor) == Ease(thousandths: expected))
    }

    @Test func easeReadsAsAPercentage() {
        #expect(Ease.starting.description == "250%")
        #expect(Ease(thousandths: 2_475).description == "247.5%")
        #expect(Ease.minimum.multiplier == Float(1.3))
    }

    /// Down and up a hundred times, the ease comes back exactly (a `Double` ease drifted).
    @Test func easeDoesNotDrift() {
        var ease = Ease.starting
        for _ in 0..<100 {
            ease = ease.adding(-150, floor: .minimum).adding(150)
        }
        #expect(ease == .starting)
    }
}
