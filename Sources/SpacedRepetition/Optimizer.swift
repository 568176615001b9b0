import Dispatch
import Foundation

/// Fits the 21 FSRS-6 parameters to a review log, following fsrs-rs's `compute_parameters`.
///
/// The recipe (fsrs-rs `src/training.rs`, brief §5.1):
/// 1. Outliers among first intervals are dropped (`OutlierFilter`).
/// 2. Fewer than 8 items left: the defaults.
/// 3. The initial stabilities w0–w3 are fitted from first intervals (`InitialStability`).
///    Fewer than 64 items, or no item beyond a first interval: those with the other defaults.
/// 4. Otherwise all 21 are trained from there: items get recency weights (0.25 to 1, newer
///    heavier) and those longer than the maximum history are left out; they are sorted by
///    length and cut into batches; each epoch visits the batches in a shuffled order. Each batch
///    takes one Adam step on its summed weighted cross-entropy plus an L2 pull toward the
///    starting parameters, γ·(batch / total)·Σ((w − w₀)/σ)² with σ fsrs-rs's `PARAMS_STDDEV`,
///    at a learning rate annealed on a cosine from 0.04 to 0 over (items / batch + 1) × epochs
///    steps; after each step the parameters are clipped to their bounds.
/// 5. w0–w3 are made increasing again (`InitialStability.smoothAndFill`).
///
/// Gradients are exact (`TrainingLoss`), each batch's computed in two fixed halves on two
/// threads, so the sum does not depend on the machine. The batch order is shuffled with `SplitMix64`
/// seeded from the configuration, so a fit is deterministic; it does not reproduce fsrs-rs's
/// order (Rust's `StdRng`), and it computes in `Double` where fsrs-rs uses `f32`, so fitted
/// values differ from fsrs-rs's slightly while fitting as well.
public struct Optimizer: Hashable, Sendable {
    /// The training settings; the defaults are fsrs-rs's `TrainingConfig::default()`.
    public struct Configuration: Hashable, Sendable {
        /// Passes over the items.
        public var epochs: Int
        /// Items per Adam step.
        public var batchSize: Int
        /// The starting learning rate.
        public var learningRate: Double
        /// Items with more answers than this (the target included) are not trained on.
        public var maximumHistoryLength: Int
        /// The strength γ of the pull toward the starting parameters.
        public var regularization: Double
        /// Seeds the shuffling of batches.
        public var seed: UInt64
        /// Whether the initial and same-day parameters (w0–w3, w17–w19) are trained; when off,
        /// w0–w3 keep their pretrained values and w17–w19 are 0 (fsrs-rs `enable_short_term`).
        public var trainsShortTermParameters: Bool
        /// The relearning steps of the scheduler; above 1, w17 and w18 are capped so that a lapse
        /// followed by that many same-day Goods cannot end above the stability before it.
        public var relearningStepCount: Int

        /// Creates a configuration; every argument defaults to fsrs-rs's value.
        public init(
            epochs: Int = 5, batchSize: Int = 512, learningRate: Double = 0.04,
            maximumHistoryLength: Int = 256, regularization: Double = 1, seed: UInt64 = 2023,
            trainsShortTermParameters: Bool = true, relearningStepCount: Int = 1
        ) {
            self.epochs = epochs
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.maximumHistoryLength = maximumHistoryLength
            self.regularization = regularization
            self.seed = seed
            self.trainsShortTermParameters = trainsShortTermParameters
            self.relearningStepCount = relearningStepCount
        }
    }

    /// Below this many items (after the outlier filter) the defaults are returned.
    public static let minimumItemsForInitialStability = 8
    /// Below this many items only the initial stabilities are fitted.
    public static let minimumItemsForTraining = 64

    /// The training settings.
    public let configuration: Configuration

    /// Creates an optimizer.
    public init(configuration: Configuration = Configuration()) {
        precondition(configuration.batchSize > 0, "the batch size must be positive")
        precondition(configuration.epochs >= 0, "the number of epochs cannot be negative")
        self.configuration = configuration
    }

    /// Fits parameters to `items`, which must be in the order their targets were answered.
    ///
    /// `progress` is called on the caller's thread after each training step with the steps
    /// done and the steps in all (the last call has them equal); a fit that trains nothing
    /// (too few items) does not call it. Throws only if training diverged to non-finite values.
    public func optimize(
        _ items: [TrainingItem],
        progress: (_ stepsDone: Int, _ totalSteps: Int) -> Void = { _, _ in }
    ) throws(OptimizationError) -> OptimizationResult {
        let (initialization, training) = OutlierFilter.split(items)
        guard training.count >= Self.minimumItemsForInitialStability else {
            return OptimizationResult(
                parameters: .default, extent: .defaults, trainingItemCount: training.count)
        }
        let averageRecall =
            Double(training.count(where: \.isRecalled)) / Double(training.count)
        guard
            let (initialStabilities, ratingCounts) = InitialStability.fit(
                initialization, averageRecall: averageRecall)
        else {
            // fsrs-rs reports `NotEnoughData` here: every first interval was an outlier.
            return OptimizationResult(
                parameters: .default, extent: .defaults, trainingItemCount: training.count)
        }
        var start = initialStabilities + Parameters.default.values[4...]
        guard training.count >= Self.minimumItemsForTraining,
            training.count != initialization.count
        else {
            return OptimizationResult(
                parameters: try Self.checked(start), extent: .initialStabilities,
                trainingItemCount: training.count)
        }
        if !configuration.trainsShortTermParameters {
            start[17] = 0
            start[18] = 0
            start[19] = 0
        }

        let trained = train(training, from: start, progress: progress)
        guard trained.allSatisfy(\.isFinite) else { throw .diverged }
        let fittedStabilities = Dictionary(
            uniqueKeysWithValues: (1...4).map { ($0, trained[$0 - 1]) })
        guard
            let smoothed = InitialStability.smoothAndFill(
                fittedStabilities, ratingCounts: ratingCounts)
        else { throw .diverged }
        return OptimizationResult(
            parameters: try Self.checked(smoothed + trained[4...]), extent: .allParameters,
            trainingItemCount: training.count)
    }

    /// Scores the fit on data it has not seen yet, as fsrs-rs's time-series evaluation does.
    ///
    /// fsrs-rs `evaluate_with_time_series_splits`: the items, in time order, are cut into
    /// `splitCount + 1` segments; for each k, parameters fitted on segments 0…k are scored on
    /// segment k + 1 (the last one also takes the remainder), every item weighing the same, and
    /// the scores are pooled. The folds are fitted side by side on the available cores, as
    /// fsrs-rs does.
    ///
    /// Throws if there are fewer items than segments, or if a fit diverged.
    public func evaluateWithTimeSeriesSplits(
        _ items: [TrainingItem], splitCount: Int = 5
    ) throws(OptimizationError) -> Evaluation {
        let segment = splitCount > 0 ? items.count / (splitCount + 1) : 0
        guard segment > 0 else {
            throw .tooFewItems(count: items.count, needed: max(splitCount + 1, 2))
        }
        // The folds are independent: they are fitted side by side, then pooled in order.
        var folds = [Result<Evaluation.Tally, OptimizationError>?](
            repeating: nil, count: splitCount)
        folds.withUnsafeMutableBufferPointer { buffer in
            // Each fold writes only its own slot.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: splitCount) { split in
                let testStart = (split + 1) * segment
                let testEnd = split == splitCount - 1 ? items.count : (split + 2) * segment
                slots[split] = Result { () throws(OptimizationError) in
                    let fitted = try optimize(Array(items[..<testStart])).parameters
                    let tested = Array(items[testStart..<testEnd])
                    var tally = Evaluation.Tally()
                    tally.add(
                        parameters: fitted, items: tested,
                        weights: Array(repeating: 1, count: tested.count))
                    return tally
                }
            }
        }
        var tally = Evaluation.Tally()
        for fold in folds {
            guard let fold else { continue }
            tally.merge(try fold.get())
        }
        guard let evaluation = tally.evaluation else {
            throw .tooFewItems(count: items.count, needed: splitCount + 1)
        }
        return evaluation
    }

    // MARK: - Training

    /// fsrs-rs `PARAMS_STDDEV`: the spread of each parameter across users, which scales the
    /// pull toward the starting values.
    static let parameterSpread: [Double] = [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57,
        0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
    ]

    /// Adam with cosine annealing over batches, clipping after each step (fsrs-rs `train`).
    func train(
        _ items: [TrainingItem], from start: [Double],
        progress: (_ stepsDone: Int, _ totalSteps: Int) -> Void = { _, _ in }
    ) -> [Double] {
        let weights = Evaluation.recencyWeights(count: items.count)
        let kept = zip(items, weights).filter {
            $0.0.reviews.count <= configuration.maximumHistoryLength
        }
        let total = kept.count
        guard total > 0 else { return start }
        // A stable sort by length, then consecutive batches.
        let ordered = kept.enumerated().sorted {
            ($0.element.0.reviews.count, $0.offset) < ($1.element.0.reviews.count, $1.offset)
        }
        let batches = stride(from: 0, to: total, by: configuration.batchSize).map { first in
            let slice = ordered[first..<min(first + configuration.batchSize, total)]
            return TrainingLoss(
                items: slice.map(\.element.0), weights: slice.map(\.element.1))
        }

        let totalSteps = Double((total / configuration.batchSize + 1) * configuration.epochs)
        var parameters = start
        var adam = Adam(count: start.count)
        var generator = SplitMix64(seed: configuration.seed)
        var order = Array(batches.indices)
        var step = 0
        let stepCount = batches.count * configuration.epochs
        for _ in 0..<configuration.epochs {
            order = Array(batches.indices)
            Self.shuffle(&order, using: &generator)
            for index in order {
                let batch = batches[index]
                // Cosine annealing: lr_k = lr₀ · (1 + cos(πk / T)) / 2 (fsrs-rs
                // `src/cosine_annealing.rs`, the closed form of its recurrence).
                let learningRate =
                    configuration.learningRate * (1 + cos(Double.pi * Double(step) / totalSteps))
                    / 2
                step += 1
                var gradient = [Double](repeating: 0, count: start.count)
                batch.addGradient(at: parameters, to: &gradient)
                let pull = configuration.regularization * Double(batch.count) / Double(total)
                for index in gradient.indices {
                    let spread = Self.parameterSpread[index]
                    gradient[index] +=
                        2 * (parameters[index] - start[index]) / (spread * spread)
                        * pull
                }
                if !configuration.trainsShortTermParameters {
                    for index in [0, 1, 2, 3, 17, 18, 19] { gradient[index] = 0 }
                }
                adam.step(&parameters, gradient: gradient, learningRate: learningRate)
                clip(&parameters)
                progress(step, stepCount)
            }
        }
        return parameters
    }

    /// Clamps the parameters to fsrs-rs's training bounds (`src/parameter_clipper.rs`).
    ///
    /// The bounds are `Parameters`'s, except that w19 stays ≥ 0.01 while the same-day parameters
    /// are trained, and with k > 1 relearning steps w17 and w18 are capped at
    /// √max(0.01, −(ln w11 + ln(2^w13 − 1) + 0.3·w14) / k), at most 2.
    func clip(_ parameters: inout [Double]) {
        var ceiling = 2.0
        if configuration.relearningStepCount > 1 {
            let limit =
                -(log(parameters[11]) + log(pow(2, parameters[13]) - 1) + parameters[14] * 0.3)
                / Double(configuration.relearningStepCount)
            ceiling = min(max(limit, 0.01).squareRoot(), 2)
        }
        for index in parameters.indices {
            var lower = Parameters.lowerBounds[index]
            var upper = Parameters.upperBounds[index]
            if index == 17 || index == 18 { upper = ceiling }
            if index == 19 && configuration.trainsShortTermParameters { lower = 0.01 }
            parameters[index] = min(max(parameters[index], lower), upper)
        }
    }

    /// Fisher–Yates with one 53-bit draw per swap, so the order depends only on the seed.
    private static func shuffle(_ values: inout [Int], using generator: inout SplitMix64) {
        guard values.count > 1 else { return }
        for last in stride(from: values.count - 1, to: 0, by: -1) {
            let unit = Double(generator.next() >> 11) * 0x1.0p-53
            let other = min(Int(unit * Double(last + 1)), last)
            values.swapAt(last, other)
        }
    }

    private static func checked(_ values: [Double]) throws(OptimizationError) -> Parameters {
        do {
            return try Parameters(values)
        } catch {
            throw .diverged
        }
    }
}
