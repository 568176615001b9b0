import Foundation
import TestSupport
import Testing

@testable import SpacedRepetition

/// The analytic gradient of the training loss, and the pieces of fsrs-rs's recipe.
@Suite struct OptimizerGradientTests {
    // MARK: - Acceptance: analytic gradient = finite differences

    /// Analytic and finite-difference gradients agree on random parameter vectors.
    ///
    /// Random parameters within the bounds, random histories of every kind (same-day, recall,
    /// lapse, Hard and Easy), random weights; central differences with a step of 1e-6 relative.
    /// Every component agrees within 1e-4 relative (or 1e-8 absolute for a component that is
    /// itself below that).
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func gradientMatchesFiniteDifferences(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let parameters = randomParameters(using: &generator)
        let items = (0..<40).map { _ in randomItem(using: &generator) }
        let weights = items.map { _ in Double.random(in: 0.25...1, using: &generator) }
        let loss = TrainingLoss(items: items, weights: weights)

        var analytic = [Double](repeating: 0, count: 21)
        let value = loss.value(at: parameters, addingGradientTo: &analytic)
        #expect(abs(value - loss.value(at: parameters)) <= 1e-12 * abs(value))

        for index in 0..<21 {
            let step = 1e-6 * max(abs(parameters[index]), 0.01)
            var up = parameters
            var down = parameters
            up[index] += step
            down[index] -= step
            let numeric = (loss.value(at: up) - loss.value(at: down)) / (2 * step)
            let scale = max(abs(numeric), abs(analytic[index]))
            let agrees = abs(numeric - analytic[index]) <= max(1e-4 * scale, 1e-8)
            #expect(agrees, "w\(index): analytic \(analytic[index]), numeric \(numeric)")
        }
    }

    /// fsrs-rs `src/training.rs` `test_loss_and_grad`: four items, default parameters, loss
    /// summed, gradient from Burn's autodiff (f32; fsrs-rs checks it to 1e-4 absolute).
    @Test func lossAndGradientMatchFSRSRSAutodiff() {
        let histories: [[(Int, Int)]] = [
            [(1, 0), (3, 0), (1, 0), (4, 0), (3, 1), (2, 3)],
            [(2, 0), (4, 0), (4, 0), (3, 1), (1, 3), (3, 6)],
            [(3, 0), (2, 0), (4, 0), (3, 1), (3, 3), (3, 6)],
            [(4, 0), (4, 0), (3, 1), (3, 3), (3, 5), (4, 12)],
        ]
        let targets = [(3, 4), (3, 11), (3, 12), (1, 23)]
        let items = zip(histories, targets).compactMap { history, target in
            TrainingItem(
                reviews: (history + [target]).compactMap { rating, days in
                    Rating(rawValue: rating).map { TrainingItem.Review($0, elapsedDays: days) }
                })
        }
        #expect(items.count == 4)
        let loss = TrainingLoss(items: items, weights: [1, 1, 1, 1])
        var gradient = [Double](repeating: 0, count: 21)
        let value = loss.value(at: Parameters.default.values, addingGradientTo: &gradient)
        #expect(abs(value - 4.0466027) < 1e-5)
        let expected = [
            -0.095688485, -0.0051607806, -0.0012249565, 0.007462064, 0.03650761, -0.082112335,
            0.0593964, -2.1474836, 0.57626534, -2.8751316, 0.7154875, -0.028993709, 0.0099172965,
            -0.2189217, -0.0017800558, -0.089381434, 0.299141, 0.068104014, -0.011605468,
            -0.25398168, 0.27700496,
        ]
        for index in 0..<21 {
            #expect(abs(gradient[index] - expected[index]) < 1e-4, "w\(index): \(gradient[index])")
        }

        // One Adam step at 0.04 from the defaults, then clipping (same fsrs-rs test).
        var parameters = Parameters.default.values
        var adam = Adam(count: 21)
        adam.step(&parameters, gradient: gradient, learningRate: 0.04)
        Optimizer().clip(&parameters)
        let stepped = [
            0.252, 1.3331, 2.3464994, 8.2556, 6.3733, 0.87340003, 2.9794, 0.040999997, 1.8322,
            0.20660001, 0.756, 1.5235, 0.021400042, 0.3029, 1.6882998, 0.64140004, 1.8329, 0.5025,
            0.13119997, 0.1058, 0.1142,
        ]
        for index in 0..<21 {
            #expect(abs(parameters[index] - stepped[index]) < 1e-4, "w\(index)")
        }
    }

    /// The training replay predicts what `FSRSModel` (py-fsrs semantics) predicts.
    @Test func predictionsMatchTheModel() throws {
        let log = try SimulatedLog.require()
        let items = Array(log.test.prefix(2_000))
        let parameters = log.truth
        let predictions = TrainingLoss(items: items, weights: items.map { _ in 1 })
            .predictions(at: parameters.values)
        let model = FSRSModel(parameters: parameters)
        for (item, prediction) in zip(items, predictions) {
            let memory = try #require(
                model.memory(afterHistory: item.history.map { ($0.rating, $0.elapsedDays) }))
            let expected = model.retrievability(
                elapsedDays: Double(item.target.elapsedDays), stability: memory.stability)
            #expect(abs(prediction - expected) <= 1e-12)
        }
    }

    // MARK: - fsrs-rs's unit vectors for the recipe's pieces

    /// fsrs-rs `src/parameter_initialization.rs` `test_smooth_and_fill`.
    @Test func smoothAndFillMatchesFSRSRS() throws {
        let three = try #require(
            InitialStability.smoothAndFill(
                [1: 0.4, 3: 2.3, 4: 10.9], ratingCounts: [1: 1, 2: 1, 3: 1, 4: 1]))
        expectClose(three, [0.4, 1.1227008, 2.3, 10.9])
        let one = try #require(InitialStability.smoothAndFill([2: 0.35], ratingCounts: [2: 1]))
        expectClose(one, [0.05738148, 0.35, 0.6242943, 2.2453482])
        #expect(InitialStability.smoothAndFill([:], ratingCounts: [:]) == nil)
        // Out of order: the value with more items wins.
        let ordered = try #require(
            InitialStability.smoothAndFill(
                [1: 3, 2: 2, 3: 4, 4: 9], ratingCounts: [1: 10, 2: 50, 3: 60, 4: 5]))
        #expect(ordered == [2, 2, 4, 9])
    }

    /// fsrs-rs `test_search_parameters`: first rating Again, five first intervals, average
    /// recall 0.94302857 → S0 = 0.7355089.
    @Test func initialStabilitySearchMatchesFSRSRS() throws {
        let groups: [(days: Int, recall: Double, count: Int)] = [
            (1, 0.86666667, 435), (2, 0.90721649, 97), (3, 0.73015873, 63),
            (4, 0.76315789, 38), (5, 0.67857143, 28),
        ]
        var items: [TrainingItem] = []
        for group in groups {
            let recalled = Int((group.recall * Double(group.count)).rounded())
            for index in 0..<group.count {
                let rating: Rating = index < recalled ? .good : .again
                items +=
                    TrainingItem(
                        reviews: [
                            .init(.again, elapsedDays: 0), .init(rating, elapsedDays: group.days),
                        ]
                    ).map { [$0] } ?? []
            }
        }
        let fitted = try #require(InitialStability.fit(items, averageRecall: 0.943_028_57))
        #expect(abs(fitted.stabilities[0] - 0.7355089) < 1e-4)
        #expect(fitted.ratingCounts == [1: 661])
    }

    /// fsrs-rs `src/parameter_clipper.rs` `test_parameter_clipper_works`, and the relearning cap.
    @Test func clippingMatchesFSRSRS() {
        var parameters =
            [0.0, -1000, 1000, 0, 1000, -1000, 1, 0.25, -0.1]
            + Array(
                Parameters.default.values[9...])
        Optimizer().clip(&parameters)
        #expect(Array(parameters[0..<9]) == [0.001, 0.001, 100, 0.001, 10, 0.001, 1, 0.25, 0])

        var defaults = Parameters.default.values
        Optimizer(configuration: .init(relearningStepCount: 2)).clip(&defaults)
        expectClose(Array(defaults[17...19]), [0.5425, 0.0912, 0.0658])
        var large = Parameters.default.values
        large[17] = 1.9
        Optimizer(configuration: .init(relearningStepCount: 2)).clip(&large)
        let w = Parameters.default.values
        let cap = (-(Foundation.log(w[11]) + Foundation.log(pow(2, w[13]) - 1) + w[14] * 0.3) / 2)
            .squareRoot()
        #expect(abs(large[17] - cap) < 1e-12)
    }

    /// fsrs-rs `src/dataset.rs`: per first rating, the rarest first intervals go until at least
    /// max(20, 5 %) items are gone; then groups under 6 items or over 100 days go too.
    @Test func outliersAreTheRarestAndLongestFirstIntervals() {
        func items(_ days: Int, _ count: Int, first: Rating = .good) -> [TrainingItem] {
            (0..<count).compactMap { _ in
                TrainingItem(reviews: [
                    .init(first, elapsedDays: 0), .init(.good, elapsedDays: days),
                ])
            }
        }
        let data =
            items(1, 200) + items(2, 100) + items(3, 15) + items(4, 8) + items(150, 30)
            + items(7, 5, first: .again) + items(8, 30, first: .again)
        let longer = TrainingItem(reviews: [
            .init(.good, elapsedDays: 0), .init(.good, elapsedDays: 3),
            .init(.good, elapsedDays: 9),
        ])
        let (initialization, training) = OutlierFilter.split(data + [longer].compactMap { $0 })

        // Good, 353 items, quota 20: the 8 four-day items go first (8 < 20); the 15 three-day
        // items reach the quota and stay; the 150-day group is too long.
        // Again, 35 items: the 5 seven-day items go; the 30 eight-day items stay.
        let kept = initialization.map {
            "\($0.reviews[0].rating.rawValue)/\($0.target.elapsedDays)"
        }
        #expect(Set(kept) == ["3/1", "3/2", "3/3", "1/8"])
        #expect(initialization.count == 200 + 100 + 15 + 30)
        // Longer items follow their first interval: the three-day one stays.
        #expect(training.count == 200 + 100 + 15 + 30 + 1)
    }

    // MARK: - Helpers

    private func expectClose(_ actual: [Double], _ expected: [Double]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) < 1e-5, "\(actual) ≉ \(expected)")
        }
    }

    private func randomParameters(using generator: inout SeededGenerator) -> [Double] {
        (0..<21).map { index in
            var lower = Parameters.lowerBounds[index]
            let upper = Parameters.upperBounds[index]
            if index < 4 { return Double.random(in: 0.1...20, using: &generator) }
            // Keep away from the bounds, where a clamp would make the loss non-smooth.
            if lower == 0 { lower = 0.01 }
            let span = upper - lower
            return Double.random(
                in: (lower + 0.05 * span)...(upper - 0.05 * span), using: &generator)
        }
    }

    private func randomItem(using generator: inout SeededGenerator) -> TrainingItem {
        let length = Int.random(in: 2...12, using: &generator)
        var reviews: [TrainingItem.Review] = []
        for index in 0..<length {
            let rating = Rating(rawValue: Int.random(in: 1...4, using: &generator)) ?? .good
            let sameDay = index == 0 || Double.random(in: 0..<1, using: &generator) < 0.3
            let days = sameDay ? 0 : Int.random(in: 1...60, using: &generator)
            reviews.append(.init(rating, elapsedDays: index == length - 1 ? days + 1 : days))
        }
        guard let item = TrainingItem(reviews: reviews) else {
            preconditionFailure("random item is invalid")
        }
        return item
    }
}
