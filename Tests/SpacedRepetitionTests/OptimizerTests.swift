import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// The optimizer against fsrs-rs-python 0.9.3 on the anchors' simulated review log.
///
/// Reference figures: `shared/bench/anchors/RESULTS.md` (fsrs-rs-python 0.9.3, which wraps
/// fsrs-rs 6.6; `fsrs_rs_optimizer.py --phase fit`).
@Suite struct OptimizerTests {
    // MARK: - Acceptance: the fit on the full simulated log

    /// Trains on the 58,520 `train` items, scores the 14,635 held-out items; fsrs-rs's own fit
    /// scores 0.34937 / 0.02579 there.
    @Test func fitOnTheSimulatedLogScoresLikeFSRSRS() throws {
        let log = try SimulatedLog.require()
        #expect(log.reviewCount == 101_317)
        #expect(log.train.count == 58_520)
        #expect(log.test.count == 14_635)

        let result = try Optimizer().optimize(log.train)

        #expect(result.extent == .allParameters)
        let heldOut = try #require(Evaluation(parameters: result.parameters, items: log.test))
        #expect(abs(heldOut.logLoss - 0.34937) < 0.001, "held-out log loss \(heldOut.logLoss)")
        #expect(abs(heldOut.rmseBins - 0.02579) < 0.005, "held-out RMSE(bins) \(heldOut.rmseBins)")
        // Nearly as good as the truth, clearly better than the defaults (RESULTS.md).
        let defaults = try #require(Evaluation(parameters: .default, items: log.test))
        #expect(heldOut.logLoss < defaults.logLoss - 0.005)
    }

    // MARK: - Metrics

    struct Reference: Sendable, CustomTestStringConvertible {
        let name: String
        let split: String
        let logLoss: Double
        let rmseBins: Double
        var testDescription: String { "\(name) on \(split)" }
    }

    /// fsrs-rs `FSRS(w).evaluate(items)` on the same items (RESULTS.md, "fsrs-rs-python optimizer
    /// details"); fsrs-rs computes in f32, hence the 5e-5 tolerance.
    static let references: [Reference] = [
        Reference(name: "ground_truth", split: "test", logLoss: 0.34899, rmseBins: 0.02544),
        Reference(name: "default", split: "test", logLoss: 0.35581, rmseBins: 0.04405),
        Reference(name: "ground_truth", split: "train", logLoss: 0.34723, rmseBins: 0.01372),
        Reference(name: "default", split: "train", logLoss: 0.35240, rmseBins: 0.03563),
    ]

    @Test(arguments: references)
    func evaluationMatchesFSRSRS(reference: Reference) throws {
        let log = try SimulatedLog.require()
        let parameters = reference.name == "default" ? Parameters.default : log.truth
        let items = reference.split == "test" ? log.test : log.train
        let evaluation = try #require(Evaluation(parameters: parameters, items: items))
        #expect(evaluation.itemCount == items.count)
        #expect(abs(evaluation.logLoss - reference.logLoss) < 5e-5, "\(evaluation.logLoss)")
        #expect(abs(evaluation.rmseBins - reference.rmseBins) < 5e-5, "\(evaluation.rmseBins)")
    }

    /// fsrs-rs `evaluate_with_time_series_splits(train items)`: 0.34871 / 0.01489.
    @Test func timeSeriesSplitsScoreLikeFSRSRS() throws {
        let log = try SimulatedLog.require()
        let evaluation = try Optimizer().evaluateWithTimeSeriesSplits(log.train)
        // Five folds test on segments 1…5 of six: everything but the first sixth.
        #expect(evaluation.itemCount == log.train.count - log.train.count / 6)
        #expect(abs(evaluation.logLoss - 0.34871) < 0.001, "\(evaluation.logLoss)")
        #expect(abs(evaluation.rmseBins - 0.01489) < 0.005, "\(evaluation.rmseBins)")
    }

    @Test func timeSeriesSplitsNeedOneItemPerSegment() {
        let items = Array(repeating: item([(.good, 0), (.good, 3)]), count: 5)
        #expect(throws: OptimizationError.tooFewItems(count: 5, needed: 6)) {
            try Optimizer().evaluateWithTimeSeriesSplits(items)
        }
    }

    @Test func evaluationOfNoItemsIsNil() {
        #expect(Evaluation(parameters: .default, items: []) == nil)
    }

    /// Two items, one recalled (R = 0.9 at S) and one forgotten, weighted 0.25 and 1.
    @Test func logLossIsTheRecencyWeightedCrossEntropy() throws {
        // Good first: S0 = w2 = 2.3065, so R after 2.3065 days… use whole days instead.
        let recalled = item([(.good, 0), (.good, 2)])
        let forgotten = item([(.good, 0), (.again, 5)])
        let model = FSRSModel()
        func predicted(_ days: Int) -> Double {
            model.retrievability(elapsedDays: Double(days), stability: 2.3065)
        }
        let expected =
            -(0.25 * Foundation.log(predicted(2)) + 1 * Foundation.log(1 - predicted(5))) / 1.25
        let evaluation = try #require(
            Evaluation(parameters: .default, items: [recalled, forgotten]))
        #expect(abs(evaluation.logLoss - expected) < 1e-12)
        let uniform = try #require(
            Evaluation(parameters: .default, items: [recalled, forgotten], weighting: .uniform))
        let expectedUniform = -(Foundation.log(predicted(2)) + Foundation.log(1 - predicted(5))) / 2
        #expect(abs(uniform.logLoss - expectedUniform) < 1e-12)
    }

    // MARK: - How far the fit goes

    @Test func underEightItemsGiveTheDefaults() throws {
        let log = try SimulatedLog.require()
        let result = try Optimizer().optimize(Array(log.train.prefix(7)))
        #expect(result.extent == .defaults)
        #expect(result.parameters == .default)
    }

    @Test func underSixtyFourItemsFitOnlyTheInitialStabilities() throws {
        let log = try SimulatedLog.require()
        // The earliest items are all first intervals; take a mix of item lengths instead.
        let items = Array(log.train.filter { $0.reviews.count <= 4 }.prefix(60))
        let result = try Optimizer().optimize(items)
        #expect(result.extent == .initialStabilities)
        #expect(result.parameters.values[4...] == Parameters.default.values[4...])
        #expect(result.parameters.values[0..<4] != Parameters.default.values[0..<4])
        let stabilities = result.parameters.values[0..<4]
        #expect(zip(stabilities, stabilities.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func onlyFirstIntervalsFitOnlyTheInitialStabilities() throws {
        let log = try SimulatedLog.require()
        let items = log.train.filter { $0.longTermReviewCount == 1 }
        #expect(items.count > 1_000)
        #expect(try Optimizer().optimize(items).extent == .initialStabilities)
    }

    @Test func aFitDependsOnlyOnItsSeed() throws {
        let log = try SimulatedLog.require()
        let items = Array(log.train.prefix(6_000))
        let first = try Optimizer().optimize(items)
        let second = try Optimizer().optimize(items)
        #expect(first == second)
        #expect(first.extent == .allParameters)
        let reseeded = try Optimizer(configuration: .init(seed: 7)).optimize(items)
        #expect(reseeded.parameters != first.parameters)
    }

    @Test func withoutShortTermTrainingTheSameDayWeightsAreZero() throws {
        let log = try SimulatedLog.require()
        let items = Array(log.train.prefix(6_000))
        let result = try Optimizer(configuration: .init(trainsShortTermParameters: false))
            .optimize(items)
        #expect(result.extent == .allParameters)
        #expect(result.parameters.values[17...19] == [0, 0, 0])
    }

    // MARK: - Items

    @Test func aCardGivesOneItemPerAnswerADayOrMoreAfterTheLast() {
        let history: [TrainingItem.Review] = [
            .init(.again, elapsedDays: 0), .init(.good, elapsedDays: 0),
            .init(.good, elapsedDays: 1), .init(.again, elapsedDays: 4),
            .init(.good, elapsedDays: 0), .init(.good, elapsedDays: 2),
        ]
        let items = TrainingItem.makeItems(history: history)
        #expect(items.map(\.reviews.count) == [3, 4, 6])
        #expect(items.map(\.isRecalled) == [true, false, true])
        #expect(items[2].history.count == 5)
        #expect(items[2].longTermReviewCount == 3)
    }

    @Test(arguments: [
        [(Rating.good, 0)], [(.good, 0), (.good, 0)], [(.good, 0), (.good, -1), (.good, 2)],
    ])
    func invalidItemsAreRefused(reviews: [(Rating, Int)]) {
        #expect(TrainingItem(reviews: reviews.map { .init($0.0, elapsedDays: $0.1) }) == nil)
    }

    @Test func theFirstAnswersDaysAreIgnored() {
        let first = TrainingItem(reviews: [
            .init(.good, elapsedDays: 9), .init(.good, elapsedDays: 3),
        ])
        #expect(first?.reviews[0].elapsedDays == 0)
    }

    @Test func itemsFromDatedAnswersCountDaysLikeTheScheduler() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let counting = DayCounting.calendarDays(in: zone)
        // Shanghai is UTC+8; the study day rolls over at 4 am local, 20:00 UTC.
        let cardA = [
            PastAnswer(.good, at: .utc(2025, 3, 1, 1)),  // 09:00 local, day 1
            PastAnswer(.again, at: .utc(2025, 3, 1, 19)),  // 03:00 local next day: still day 1
            PastAnswer(.good, at: .utc(2025, 3, 1, 21)),  // 05:00 local: day 2
            PastAnswer(.good, at: .utc(2025, 3, 5, 1)),  // day 5, three days after day 2
        ]
        let cardB = [
            PastAnswer(.easy, at: .utc(2025, 3, 2, 1)),
            PastAnswer(.hard, at: .utc(2025, 3, 3, 1)),
        ]
        let items = TrainingItem.makeItems(cards: [cardA.reversed(), cardB], dayCounting: counting)
        // Ordered by the time of the target answer: A's 21:00, B's 3 March, A's 5 March.
        #expect(
            items.map { $0.reviews.map(\.elapsedDays) } == [[0, 0, 1], [0, 1], [0, 0, 1, 3]])
        #expect(items.map { $0.target.rating } == [.good, .hard, .good])
    }

    private func item(_ reviews: [(Rating, Int)]) -> TrainingItem {
        guard let item = TrainingItem(reviews: reviews.map { .init($0.0, elapsedDays: $0.1) })
        else { preconditionFailure("invalid test item \(reviews)") }
        return item
    }
}
