import Foundation
import SpacedRepetition
import TestSupport
import Testing

@Suite struct FSRSSchedulerTests {
    let start = Date.utc(2025, 1, 1, 8)
    let exact = try? FSRSScheduler(fuzzesIntervals: false)

    /// Answers `ratings` in turn, each exactly when the card comes due.
    func answerWhenDue(
        _ ratings: [Rating], with scheduler: FSRSScheduler
    ) -> [ReviewOutcome] {
        var generator = SeededGenerator(seed: 1)
        var card = CardState.new
        var time = start
        var outcomes: [ReviewOutcome] = []
        for rating in ratings {
            let outcome = scheduler.review(card, rating: rating, at: time, using: &generator)
            outcomes.append(outcome)
            card = outcome.card
            time = card.due ?? time
        }
        return outcomes
    }

    // py-fsrs 6.3.2, fuzz off, each answer when due (shared/reference/fsrs.md §2.4).
    @Test func walkThroughPhasesAsPyFSRS() throws {
        let scheduler = try #require(exact)
        let outcomes = answerWhenDue(
            [.good, .good, .good, .good, .again, .good, .good], with: scheduler)
        let expected: [(Phase, ScheduledInterval, Double, Double?)] = [
            (.learning(step: 1), .step(seconds: 600), 2.3065, 2.1181),
            (.review, .days(2), 2.3065, 2.1112),
            (.review, .days(11), 10.971, nil),
            (.review, .days(46), 46.3169, nil),
            (.relearning(step: 0), .step(seconds: 600), 2.9338, 7.3877),
            (.review, .days(3), 2.9338, 7.3756),
            (.review, .days(8), 7.7991, nil),
        ]
        for (outcome, (phase, interval, stability, difficulty)) in zip(outcomes, expected) {
            let memory = try #require(outcome.card.memoryState)
            #expect(outcome.card.phase == phase)
            #expect(outcome.interval == interval)
            #expect(abs(memory.stability - stability) < 1e-4)
            if let difficulty { #expect(abs(memory.difficulty - difficulty) < 1e-4) }
        }
        #expect(outcomes.last?.card.reps == 7)
        #expect(outcomes.last?.card.lapses == 1)
    }

    // py-fsrs tests/test_basic.py: Good ×6, Again ×2, Good ×5, fuzz off, answered when due.
    @Test func intervalHistoryAsPyFSRS() throws {
        let scheduler = try #require(exact)
        let ratings: [Rating] =
            Array(repeating: .good, count: 6) + [.again, .again]
            + Array(repeating: .good, count: 5)
        let days = answerWhenDue(ratings, with: scheduler).map(\.interval.wholeDays)
        #expect(days == [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21])
    }

    @Test(arguments: [
        // steps, rating from new, expected phase, expected delay (seconds) or nil = graduates
        ([60.0, 600], Rating.again, Phase.learning(step: 0), 60.0 as Double?),
        ([60, 600], .hard, .learning(step: 0), 330),
        ([60, 600], .good, .learning(step: 1), 600),
        ([60, 600], .easy, .review, nil),
        ([600], .hard, .learning(step: 0), 900),
        ([600], .good, .review, nil),
        ([], .again, .review, nil),
        ([300, 1800, 7200], .hard, .learning(step: 0), 1050),
    ])
    func firstAnswerFollowsTheLearningSteps(
        steps: [Double], rating: Rating, phase: Phase, delay: Double?
    ) throws {
        let scheduler = try FSRSScheduler(learningSteps: steps, fuzzesIntervals: false)
        var generator = SeededGenerator(seed: 7)
        let outcome = scheduler.review(.new, rating: rating, at: start, using: &generator)
        #expect(outcome.card.phase == phase)
        if let delay {
            #expect(outcome.interval == .step(seconds: delay))
        } else {
            #expect(outcome.interval.wholeDays >= 1)
        }
        #expect(outcome.card.due == start.addingTimeInterval(outcome.interval.seconds))
        #expect(outcome.elapsedDays == nil)
    }

    @Test func hardOnALaterStepRepeatsThatStep() throws {
        let scheduler = try FSRSScheduler(learningSteps: [60, 600, 3600], fuzzesIntervals: false)
        let outcomes = answerWhenDue([.good, .hard], with: scheduler)
        #expect(outcomes[1].card.phase == .learning(step: 1))
        #expect(outcomes[1].interval == .step(seconds: 600))
    }

    @Test func aStepPastShortenedStepsGraduatesOnAPass() throws {
        let long = try FSRSScheduler(learningSteps: [60, 600, 3600], fuzzesIntervals: false)
        let short = try FSRSScheduler(learningSteps: [60], fuzzesIntervals: false)
        var generator = SeededGenerator(seed: 3)
        let onStepTwo = try #require(answerWhenDue([.good, .good], with: long).last).card
        #expect(onStepTwo.phase == .learning(step: 2))
        let time = onStepTwo.due ?? start
        #expect(
            short.review(onStepTwo, rating: .hard, at: time, using: &generator).card.phase
                == .review)
        #expect(
            short.review(onStepTwo, rating: .again, at: time, using: &generator).card.phase
                == .learning(step: 0))
    }

    @Test func aLapseWithoutRelearningStepsStaysInReview() throws {
        let scheduler = try FSRSScheduler(relearningSteps: [], fuzzesIntervals: false)
        let outcomes = answerWhenDue([.easy, .again], with: scheduler)
        #expect(outcomes[1].card.phase == .review)
        #expect(outcomes[1].interval.wholeDays >= 1)
        #expect(outcomes[1].card.lapses == 1)
    }

    @Test func intervalsNeverPassTheMaximum() throws {
        let easies = Array(repeating: Rating.easy, count: 8)
        let fuzzed = answerWhenDue(easies, with: try FSRSScheduler(maximumInterval: 30))
        #expect(fuzzed.allSatisfy { $0.interval.wholeDays <= 30 })
        let capped = answerWhenDue(
            easies, with: try FSRSScheduler(maximumInterval: 30, fuzzesIntervals: false))
        #expect(capped.last?.interval == .days(30))
    }

    @Test func previewsAreWhatAnsweringGives() throws {
        let scheduler = try FSRSScheduler()
        let card = answerWhenDue([.good, .good, .good], with: scheduler).last?.card ?? .new
        let time = (card.due ?? start).addingTimeInterval(3 * 86_400)
        let seeded = SeededGenerator(seed: 42)
        let previews = scheduler.previews(of: card, at: time, using: seeded)
        for rating in Rating.allCases {
            var generator = seeded
            #expect(
                previews[rating]
                    == scheduler.review(card, rating: rating, at: time, using: &generator))
        }
        #expect(previews.again.card.phase == .relearning(step: 0))
        #expect(previews.hard.interval.wholeDays < previews.good.interval.wholeDays)
        #expect(previews.good.interval.wholeDays < previews.easy.interval.wholeDays)
    }

    @Test func replayRebuildsTheCardAndReschedulesWithNewParameters() throws {
        let scheduler = try #require(exact)
        let outcomes = answerWhenDue([.good, .good, .hard, .again, .good, .easy], with: scheduler)
        let history = outcomes.map { PastAnswer($0.rating, at: $0.reviewedAt) }
        var generator = SeededGenerator(seed: 9)
        #expect(
            scheduler.replay(history.shuffled(using: &generator), using: &generator)
                == outcomes.last?.card)

        var values = Parameters.default.values
        values[2] = 5
        let changed = try FSRSScheduler(parameters: Parameters(values), fuzzesIntervals: false)
        let rescheduled = changed.replay(history, using: &generator)
        #expect(rescheduled.reps == 6)
        #expect(rescheduled.memoryState != outcomes.last?.card.memoryState)
    }

    @Test func retrievabilityUsesWholeElapsedDays() throws {
        let scheduler = try #require(exact)
        var generator = SeededGenerator(seed: 1)
        #expect(scheduler.retrievability(of: .new, at: start) == 0)
        let card = scheduler.review(.new, rating: .good, at: start, using: &generator).card
        #expect(scheduler.retrievability(of: card, at: start.addingTimeInterval(86_399)) == 1)
        let afterTwoDays = scheduler.retrievability(
            of: card, at: start.addingTimeInterval(2.5 * 86_400))
        #expect(
            abs(afterTwoDays - FSRSModel().retrievability(elapsedDays: 2, stability: 2.3065))
                < 1e-15)
    }

    @Test func fuzzIsReproducibleForASeed() throws {
        let scheduler = try FSRSScheduler()
        let ratings: [Rating] = [.good, .good, .good, .good, .hard, .good, .easy, .good]
        let first = answerWhenDue(ratings, with: scheduler).map(\.interval)
        let second = answerWhenDue(ratings, with: scheduler).map(\.interval)
        #expect(first == second)
    }

    @Test(arguments: [(8, true), (9, false), (12, true), (16, true), (20, true), (13, false)])
    func leechIsFlaggedAtTheThresholds(lapses: Int, flagged: Bool) throws {
        let scheduler = try FSRSScheduler(relearningSteps: [], fuzzesIntervals: false)
        var generator = SeededGenerator(seed: 5)
        var card = scheduler.review(.new, rating: .easy, at: start, using: &generator).card
        var last: ReviewOutcome?
        for _ in 0..<lapses {
            let time = card.due ?? start
            last = scheduler.review(card, rating: .again, at: time, using: &generator)
            card = last?.card ?? card
        }
        #expect(card.lapses == lapses)
        #expect(last?.isNewLeech == flagged)
    }
}
