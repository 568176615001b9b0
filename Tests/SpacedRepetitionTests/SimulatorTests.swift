import Foundation
import TestSupport
import Testing

@testable import SpacedRepetition

/// The workload forecast, checked against Monte-Carlo runs of the real scheduler.
@Suite struct SimulatorTests {
    /// A fresh collection: 1,500 new cards, 25 a day, 150 days, the default learner.
    static let freshDeck = WorkloadSimulator.Settings(
        deckSize: 1_500, days: 150, newCardsPerDay: 25, minutesPerDay: nil)

    // MARK: - Acceptance: the forecast agrees with the scheduler

    /// The expected reviews per day, summed over 30-day windows, agree within 5 % with the mean
    /// of 12 seeded Monte-Carlo runs of `FSRSScheduler` (fuzz on); the total minutes and the
    /// words known at the end within 3 %.
    ///
    /// One run's 30-day sums vary by 3–7 % (measured over 40 runs), so the mean of 12 is good
    /// to 1–2 %; against 40 runs the forecast agrees within 1 %.
    @Test(arguments: [0.80, 0.90, 0.95])
    func expectedReviewsAgreeWithTheScheduler(desiredRetention: Double) throws {
        let settings = Self.freshDeck
        let forecast = try WorkloadSimulator(settings: settings)
            .forecast(desiredRetention: desiredRetention)
        let monteCarlo = SimulatorMonteCarlo(parameters: .default, settings: settings)
        let runs = try (1...12).map {
            try monteCarlo.run(desiredRetention: desiredRetention, seed: UInt64($0))
        }
        let mean = SimulatorMonteCarlo.Outcome(averaging: runs)

        #expect(forecast.days.count == 150)
        #expect(zip(forecast.days, mean.newCards).allSatisfy { abs($0.newCards - $1) < 1e-9 })
        for start in stride(from: 0, to: 150, by: 30) {
            let window = start..<(start + 30)
            let expected = window.reduce(0) { $0 + forecast.days[$1].reviews }
            let simulated = window.reduce(0) { $0 + mean.reviews[$1] }
            #expect(
                abs(expected - simulated) <= 0.05 * simulated,
                "reviews on days \(window): forecast \(expected), Monte Carlo \(simulated)")
        }
        let simulatedTotal = mean.reviews.reduce(0, +)
        #expect(abs(forecast.totalReviews - simulatedTotal) <= 0.03 * simulatedTotal)
        let simulatedMinutes = mean.minutes.reduce(0, +)
        #expect(abs(forecast.totalMinutes - simulatedMinutes) <= 0.03 * simulatedMinutes)
        #expect(abs(forecast.wordsKnown - mean.wordsKnown) <= 0.03 * mean.wordsKnown)
    }

    /// With a binding review limit the forecast spreads the backlog over the same days: the
    /// limit holds every day, and the totals still agree with the scheduler.
    @Test func aReviewLimitHoldsAndAgreesWithTheScheduler() throws {
        var settings = Self.freshDeck
        settings.newCardsPerDay = 40
        settings.reviewsPerDay = 60
        let forecast = try WorkloadSimulator(settings: settings).forecast(desiredRetention: 0.9)
        #expect(forecast.days.allSatisfy { $0.reviews <= 60 + 1e-9 })
        #expect(forecast.days.contains { $0.reviews > 60 - 1e-9 })

        let monteCarlo = SimulatorMonteCarlo(parameters: .default, settings: settings)
        let mean = SimulatorMonteCarlo.Outcome(
            averaging: try (1...6).map { try monteCarlo.run(desiredRetention: 0.9, seed: $0) })
        let simulated = mean.reviews.reduce(0, +)
        #expect(abs(forecast.totalReviews - simulated) <= 0.05 * simulated)
        #expect(abs(forecast.wordsKnown - mean.wordsKnown) <= 0.05 * mean.wordsKnown)
    }

    // MARK: - Limits and shapes

    /// With fsrs-rs's defaults the time limit paces the new cards.
    ///
    /// No new-card limit and 30 minutes a day: new cards fill the time the reviews leave, until
    /// the deck runs out.
    @Test func theTimeLimitIsFilledByNewCards() throws {
        let settings = WorkloadSimulator.Settings(deckSize: 800, days: 120)
        let forecast = try WorkloadSimulator(settings: settings).forecast(desiredRetention: 0.9)
        #expect(forecast.days.allSatisfy { $0.minutes <= 30 + 1e-9 })
        #expect(abs(forecast.days[0].minutes - 30) < 1e-9)
        #expect(abs(forecast.totalNewCards - 800) < 1e-6)
        #expect(forecast.days.last?.newCards == 0)
    }

    @Test func higherRetentionCostsMoreAndKeepsMoreWords() throws {
        let simulator = try WorkloadSimulator(settings: Self.freshDeck)
        let forecasts = try simulator.forecasts(desiredRetentions: [0.80, 0.85, 0.90, 0.95])
        #expect(forecasts.map(\.desiredRetention) == [0.80, 0.85, 0.90, 0.95])
        for (lower, higher) in zip(forecasts, forecasts.dropFirst()) {
            #expect(lower.totalReviews < higher.totalReviews)
            #expect(lower.totalMinutes < higher.totalMinutes)
            #expect(lower.wordsKnown < higher.wordsKnown)
        }
        // Side by side or one by one, the same numbers.
        #expect(forecasts[2] == (try simulator.forecast(desiredRetention: 0.90)))
    }

    @Test func anEmptyDeckTakesNoTime() throws {
        let forecast = try WorkloadSimulator(settings: .init(deckSize: 0, days: 30))
            .forecast(desiredRetention: 0.9)
        #expect(forecast.totalReviews == 0)
        #expect(forecast.totalMinutes == 0)
        #expect(forecast.wordsKnown == 0)
    }

    /// Without reviews in the window, every card is known at the end with its R after the days
    /// since its learning steps.
    @Test func wordsKnownAtTheEndOfASingleDayAreTheNewCards() throws {
        let forecast = try WorkloadSimulator(
            settings: .init(deckSize: 10, days: 1, newCardsPerDay: 10)
        ).forecast(desiredRetention: 0.9)
        #expect(abs(forecast.wordsKnown - 10) < 1e-9)
        #expect(forecast.totalReviews == 0)
        #expect(forecast.averageMinutesPerDay > 10 * 10 / 60)
    }

    @Test func everyInvalidSettingIsReported() {
        var settings = WorkloadSimulator.Settings(deckSize: -1, days: 0, reviewsPerDay: -5)
        settings.firstRatings = .init(again: 0, hard: 0, good: 0, easy: 0)
        settings.reviewSeconds.good = -1
        #expect {
            _ = try WorkloadSimulator(settings: settings)
        } throws: { error in
            (error as? SimulationSettingsError)?.problems.count == 5
        }
    }

    @Test(arguments: [0.0, 1.0, -0.5, .nan])
    func aRetentionOutsideZeroToOneIsRefused(retention: Double) throws {
        let simulator = try WorkloadSimulator(settings: .init(deckSize: 10, days: 5))
        #expect(throws: SimulationSettingsError.self) {
            try simulator.forecast(desiredRetention: retention)
        }
        #expect(throws: SimulationSettingsError.self) {
            try simulator.forecasts(desiredRetentions: [0.9, retention])
        }
    }

    // MARK: - Steps

    /// Step answers follow the scheduler's rules.
    ///
    /// Relearning with one step, after Again: Again 50 % (back to the step), Good 50 %
    /// (graduates). The answers follow a geometric law: 2 expected, 2 × 10 s.
    @Test func stepAnswersFollowTheScheduler() {
        let half = PerRating(again: 0.5, hard: 0, good: 0.5, easy: 0)
        let chain = StepChain(
            memory: MemoryState(stability: 3, difficulty: 5), step: 0, previous: .again,
            stepCount: 1,
            ratings: .init(afterAgain: half, afterHard: half, afterGood: half),
            seconds: .init(again: 10, hard: 10, good: 10, easy: 10), model: FSRSModel(),
            grid: .standard)
        #expect(abs(chain.answers - 2) < 1e-3)
        #expect(abs(chain.seconds - 20) < 1e-2)
        #expect(abs(chain.outcomes.reduce(0) { $0 + $1.probability } - 1) < 1e-12)
    }

    @Test(
        arguments: [
            (Rating.again, 0, 2, 0), (.hard, 0, 2, 0), (.good, 0, 2, 1), (.good, 1, 2, nil),
            (.easy, 0, 2, nil), (.good, 0, 0, nil), (.again, 1, 2, 0), (.hard, 1, 2, 1),
        ] as [(Rating, Int, Int, Int?)])
    func stepRulesAreTheSchedulers(rating: Rating, step: Int, count: Int, next: Int?) {
        #expect(StepChain.step(after: rating, at: step, stepCount: count) == next)
    }

    /// Hard and Easy derived from Good's increase are what `FSRSModel` computes.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func derivedMemoriesAreTheModels(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let values = (0..<21).map { index in
            Double.random(
                in: Parameters.lowerBounds[index]...Parameters.upperBounds[index],
                using: &generator)
        }
        let parameters = try Parameters(values)
        let scheduler = try FSRSScheduler(parameters: parameters)
        let run = SimulationRun(scheduler: scheduler, settings: .init(), grid: .standard)
        for _ in 0..<200 {
            let memory = MemoryState(
                stability: exp(Double.random(in: -5...8, using: &generator)),
                difficulty: Double.random(in: 1...10, using: &generator))
            let days = Int.random(in: 0...400, using: &generator)
            let lapse = scheduler.model.memory(after: .again, from: memory, elapsedDays: days)
            let derived = run.memories(from: memory, elapsedDays: days, lapse: lapse)
            for rating in Rating.allCases {
                let expected = scheduler.model.memory(
                    after: rating, from: memory, elapsedDays: days)
                #expect(abs(derived[rating].stability / expected.stability - 1) < 1e-12)
                #expect(abs(derived[rating].difficulty - expected.difficulty) < 1e-12)
            }
        }
    }

    @Test func theGridSeparatesAndMergesAsDocumented() {
        let grid = MemoryGrid.standard
        func cell(_ s: Double, _ d: Double) -> Int {
            grid.cell(of: MemoryState(stability: s, difficulty: d))
        }
        #expect(cell(10, 5) == cell(10.3, 5.2))
        #expect(cell(10, 5) != cell(11.5, 5))
        #expect(cell(10, 5) != cell(10, 5.6))
        #expect(cell(1e-9, 0) == 0)
        #expect(cell(1e9, 11) == grid.cellCount - 1)
    }
}
