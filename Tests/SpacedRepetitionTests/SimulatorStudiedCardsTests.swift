import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// Forecasts that start from a collection already studied, and the optimizer's progress.
@Suite struct SimulatorStudiedCardsTests {
    /// `count` studied cards with memories drawn at random, each last reviewed within its
    /// interval and due when the scheduler (retention 0.9) would have put it.
    static func studiedCards(count: Int, seed: UInt64) throws -> [WorkloadSimulator.StudiedCard] {
        var generator = SeededGenerator(seed: seed)
        let scheduler = try FSRSScheduler(desiredRetention: 0.9, fuzzesIntervals: false)
        return (0..<count).map { _ in
            let memory = MemoryState(
                stability: Double.random(in: 0.5...80, using: &generator),
                difficulty: Double.random(in: 2...9, using: &generator))
            let interval = scheduler.days(for: memory)
            // Some are overdue: last reviewed up to a week more than their interval ago.
            let lastReviewDay = -Int.random(in: 0...(interval + 7), using: &generator)
            return WorkloadSimulator.StudiedCard(
                memory: memory, lastReviewDay: lastReviewDay, dueDay: lastReviewDay + interval)
        }
    }

    /// 800 studied cards and 400 new ones at 10 a day over 120 days: the expected reviews per
    /// 30-day window agree with the mean of 12 Monte-Carlo runs of `FSRSScheduler` within 5 %.
    @Test(arguments: [0.80, 0.90])
    func aStudiedCollectionAgreesWithTheScheduler(desiredRetention: Double) throws {
        let settings = WorkloadSimulator.Settings(
            deckSize: 400, days: 120, newCardsPerDay: 10, minutesPerDay: nil,
            studiedCards: try Self.studiedCards(count: 800, seed: 11))
        let forecast = try WorkloadSimulator(settings: settings)
            .forecast(desiredRetention: desiredRetention)
        let monteCarlo = SimulatorMonteCarlo(parameters: .default, settings: settings)
        let mean = SimulatorMonteCarlo.Outcome(
            averaging: try (1...12).map {
                try monteCarlo.run(desiredRetention: desiredRetention, seed: UInt64($0))
            })

        // The overdue cards all come on the first day.
        #expect(abs(forecast.days[0].reviews - mean.reviews[0]) <= 0.05 * mean.reviews[0])
        for start in stride(from: 0, to: 120, by: 30) {
            let window = start..<(start + 30)
            let expected = window.reduce(0) { $0 + forecast.days[$1].reviews }
            let simulated = window.reduce(0) { $0 + mean.reviews[$1] }
            #expect(
                abs(expected - simulated) <= 0.05 * simulated,
                "reviews on days \(window): forecast \(expected), Monte Carlo \(simulated)")
        }
        #expect(abs(forecast.wordsKnown - mean.wordsKnown) <= 0.03 * mean.wordsKnown)
        #expect(abs(forecast.totalNewCards - 400) < 1e-6)
    }

    @Test func aCardDueAfterTheLastDayIsKnownWithItsChanceOfRecallThen() throws {
        let memory = MemoryState(stability: 40, difficulty: 5)
        let settings = WorkloadSimulator.Settings(
            deckSize: 0, days: 10,
            studiedCards: [.init(memory: memory, lastReviewDay: -5, dueDay: 30)])
        let forecast = try WorkloadSimulator(settings: settings).forecast(desiredRetention: 0.9)
        let model = FSRSModel(parameters: .default)
        #expect(forecast.totalReviews == 0)
        // The last day is day 9, fourteen days after the review on day −5.
        #expect(
            abs(forecast.wordsKnown - model.retrievability(elapsedDays: 14, stability: 40))
                < 1e-12)
    }

    @Test(arguments: [-20, -1, 0])
    func anOverdueCardIsReviewedOnTheFirstDay(dueDay: Int) throws {
        let settings = WorkloadSimulator.Settings(
            deckSize: 0, days: 3,
            studiedCards: [
                .init(
                    memory: MemoryState(stability: 3, difficulty: 6), lastReviewDay: -25,
                    dueDay: dueDay)
            ])
        let forecast = try WorkloadSimulator(settings: settings).forecast(desiredRetention: 0.9)
        #expect(abs(forecast.days[0].reviews - 1) < 1e-12)
        #expect(forecast.days[0].minutes > 0)
    }

    @Test func invalidStudiedCardsAreReported() {
        let settings = WorkloadSimulator.Settings(
            studiedCards: [
                .init(
                    memory: MemoryState(stability: 0, difficulty: 5), lastReviewDay: -1, dueDay: 1),
                .init(
                    memory: MemoryState(stability: 2, difficulty: 11), lastReviewDay: 0, dueDay: 1),
                .init(
                    memory: MemoryState(stability: 2, difficulty: 5), lastReviewDay: 2, dueDay: 3),
                .init(
                    memory: MemoryState(stability: 2, difficulty: 5), lastReviewDay: 0, dueDay: 2),
            ])
        #expect {
            _ = try WorkloadSimulator(settings: settings)
        } throws: { error in
            (error as? SimulationSettingsError)?.problems == [
                "3 studied cards need a positive stability, a difficulty from 1 to 10 and a last "
                    + "review on day 0 or before"
            ]
        }
    }

    // MARK: - Optimizer progress

    /// The callback sees every training step once, in order, ending with all of them.
    @Test func theOptimizerReportsEachTrainingStep() throws {
        let log = try SimulatedLog.require()
        let items = Array(log.train.prefix(3_000))
        var calls: [(done: Int, total: Int)] = []
        let result = try Optimizer(configuration: .init(epochs: 2)).optimize(items) {
            calls.append(($0, $1))
        }
        #expect(result.extent == .allParameters)
        let total = try #require(calls.first?.total)
        #expect(calls.map(\.done) == Array(1...total))
        #expect(calls.allSatisfy { $0.total == total })
        // 2 epochs of batches of 512 over the items kept for training.
        #expect(total == 2 * ((result.trainingItemCount + 511) / 512))
        // Reporting progress changes nothing in the fit.
        #expect(result == (try Optimizer(configuration: .init(epochs: 2)).optimize(items)))
    }

    @Test func aFitWithoutTrainingReportsNoProgress() throws {
        let log = try SimulatedLog.require()
        var calls = 0
        let result = try Optimizer().optimize(Array(log.train.prefix(5))) { _, _ in calls += 1 }
        #expect(result.extent == .defaults)
        #expect(calls == 0)
    }
}
