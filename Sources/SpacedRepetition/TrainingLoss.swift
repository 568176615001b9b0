import Dispatch
import Foundation

/// The optimizer's objective on a set of items, and its exact gradient.
///
/// For each item the history is replayed through the FSRS-6 step, R is predicted after the
/// target's days, and the prediction is scored with binary cross-entropy times the item's weight;
/// the loss is the sum over items (fsrs-rs `src/analytic.rs`, `batch_loss_and_grad`). The
/// equations are `FSRSModel`'s (brief §1) with fsrs-rs's training clamps: S in [0.001, 36500],
/// D in [1, 10], R in [1e-7, 1 − 1e-7] for the log.
///
/// The gradient is reverse-mode differentiation written out by hand: the forward pass records
/// each step's intermediate values, the backward pass walks them in reverse applying the chain
/// rule. A clamp passes the gradient when its input lies inside the range (bounds included) and
/// stops it outside, as Burn and PyTorch do; `min` and `max` pass it to the branch they chose.
struct TrainingLoss: Sendable {
    /// The number of FSRS-6 parameters.
    static let parameterCount = 21
    /// Stability bounds during training (fsrs-rs `S_MIN`, `S_MAX`).
    static let stabilityRange = 0.001...36_500.0
    /// Probability bounds for the logarithm of the loss (fsrs-rs `MIN_PROB`, `MAX_PROB`).
    static let probabilityRange = 1e-7...(1 - 1e-7)
    /// Below this many items a batch is computed on one thread.
    static let itemsWorthTwoThreads = 128

    /// The ratings of every history review of every item, items one after another.
    private var ratings: [Int] = []
    /// The days before each history review, aligned with `ratings`.
    private var elapsed: [Double] = []
    /// Where each item's history starts in `ratings`; one extra entry marks the end.
    private var starts: [Int] = [0]
    /// The days before each item's target review.
    private var targetElapsed: [Double] = []
    /// 1 if the target was recalled, else 0.
    private var labels: [Double] = []
    /// Each item's weight in the loss.
    private var weights: [Double] = []
    /// The longest history, to size the step records.
    private var longestHistory = 0

    /// Lays out `items` with their `weights` (one per item).
    init(items: some Sequence<TrainingItem>, weights: some Sequence<Double>) {
        for (item, weight) in zip(items, weights) {
            for review in item.history {
                ratings.append(review.rating.rawValue)
                elapsed.append(Double(review.elapsedDays))
            }
            starts.append(ratings.count)
            targetElapsed.append(Double(item.target.elapsedDays))
            labels.append(item.isRecalled ? 1 : 0)
            self.weights.append(weight)
            longestHistory = max(longestHistory, item.reviews.count - 1)
        }
    }

    /// The number of items.
    var count: Int { labels.count }

    /// The loss at `parameters` (21 weights).
    func value(at parameters: [Double]) -> Double {
        parameters.withUnsafeBufferPointer {
            evaluate(
                at: Constants($0), items: stride(from: 0, to: count, by: 1), gradient: nil,
                computesLoss: true)
        }
    }

    /// The loss at `parameters`, adding its gradient into `gradient` (21 entries).
    ///
    /// The items are split in two, alternately (batches are sorted by length, so this balances
    /// the work), and the halves computed side by side on two threads when there are enough
    /// items; their sums are then added in a fixed order, so the result is the same on any
    /// machine.
    func value(at parameters: [Double], addingGradientTo gradient: inout [Double]) -> Double {
        accumulate(at: parameters, gradient: &gradient, computesLoss: true)
    }

    /// Adds the gradient at `parameters` into `gradient`, without the loss (what training needs;
    /// it saves a logarithm per item).
    func addGradient(at parameters: [Double], to gradient: inout [Double]) {
        _ = accumulate(at: parameters, gradient: &gradient, computesLoss: false)
    }

    private func accumulate(
        at parameters: [Double], gradient: inout [Double], computesLoss: Bool
    ) -> Double {
        precondition(gradient.count == Self.parameterCount)
        let halves = count >= Self.itemsWorthTwoThreads ? 2 : 1
        var sums = [Double](repeating: 0, count: halves * (Self.parameterCount + 1))
        parameters.withUnsafeBufferPointer { weights in
            sums.withUnsafeMutableBufferPointer { sums in
                // Each thread writes only its own slot of `sums`, and reads the weights.
                nonisolated(unsafe) let sums = sums
                nonisolated(unsafe) let weights = weights
                DispatchQueue.concurrentPerform(iterations: halves) { half in
                    guard
                        let slot = sums.baseAddress?.advanced(by: half * (Self.parameterCount + 1))
                    else { return }
                    slot[Self.parameterCount] = evaluate(
                        at: Constants(weights), items: stride(from: half, to: count, by: halves),
                        gradient: slot, computesLoss: computesLoss)
                }
            }
        }
        var loss = 0.0
        for half in 0..<halves {
            let slot = half * (Self.parameterCount + 1)
            for index in 0..<Self.parameterCount { gradient[index] += sums[slot + index] }
            loss += sums[slot + Self.parameterCount]
        }
        return loss
    }

    /// The predicted chance of recall of every item's target at `parameters`.
    func predictions(at parameters: [Double]) -> [Double] {
        parameters.withUnsafeBufferPointer { weights in
            let model = Constants(weights)
            return withRecords { records in
                (0..<count).map { item in
                    let stability = replay(item: item, model: model, records: records)
                    return model.retrievability(elapsed: targetElapsed[item], stability: stability)
                        .r
                }
            }
        }
    }

    /// Sums the loss over the items, and the gradient into `gradient` unless it is `nil`.
    private func evaluate(
        at model: Constants, items: StrideTo<Int>, gradient: UnsafeMutablePointer<Double>?,
        computesLoss: Bool
    ) -> Double {
        withRecords { records in
            var loss = 0.0
            for item in items {
                let stability = replay(item: item, model: model, records: records)
                let curve = model.retrievability(elapsed: targetElapsed[item], stability: stability)
                let (itemLoss, lossPerR) = Self.crossEntropy(
                    curve.r, label: labels[item], weight: weights[item],
                    computesLoss: computesLoss)
                loss += itemLoss
                guard let gradient, lossPerR != 0 else { continue }
                var gradS = model.backwardCurve(curve, lossPerR: lossPerR, gradient: gradient)
                var gradD = 0.0
                for index in (0..<(starts[item + 1] - starts[item])).reversed() {
                    (gradS, gradD) = model.backward(
                        records + index, gradS: gradS, gradD: gradD, gradient: gradient)
                }
            }
            return loss
        }
    }

    /// Scratch space for the step records of one item.
    private func withRecords<Result>(
        _ body: (UnsafeMutablePointer<StepRecord>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: StepRecord.self, capacity: max(longestHistory, 1)) {
            buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("no scratch space") }
            base.initialize(repeating: StepRecord(), count: buffer.count)
            defer { base.deinitialize(count: buffer.count) }
            return body(base)
        }
    }

    /// Replays the history of `item`, recording each step; returns the stability reached.
    private func replay(
        item: Int, model: Constants, records: UnsafeMutablePointer<StepRecord>
    ) -> Double {
        let start = starts[item]
        let length = starts[item + 1] - start
        guard length > 0 else { return TrainingLoss.stabilityRange.lowerBound }
        records[0] = model.initialStep(rating: ratings[start])
        var stability = records[0].clampedStability
        var difficulty = records[0].clampedDifficulty
        for index in 1..<length {
            let record = records + index
            model.step(
                rating: ratings[start + index], elapsed: elapsed[start + index],
                stability: stability, difficulty: difficulty, into: record)
            stability = record.pointee.clampedStability
            difficulty = record.pointee.clampedDifficulty
        }
        return stability
    }

    /// Weighted binary cross-entropy of a prediction, and its derivative in the prediction.
    ///
    /// As fsrs-rs `bce_loss_and_grad_r`: zero gradient when the prediction is clamped. Labels are
    /// 1 (recalled) or 0, so one of the two logarithms suffices.
    private static func crossEntropy(
        _ prediction: Double, label: Double, weight: Double, computesLoss: Bool
    ) -> (loss: Double, lossPerR: Double) {
        guard weight != 0 else { return (0, 0) }
        let r = min(max(prediction, probabilityRange.lowerBound), probabilityRange.upperBound)
        let loss = computesLoss ? -(label == 1 ? log(r) : log(1 - r)) * weight : 0
        let inside =
            prediction > probabilityRange.lowerBound && prediction < probabilityRange.upperBound
        return (loss, inside ? -weight * (label / r - (1 - label) / (1 - r)) : 0)
    }
}

// MARK: - The model and its derivatives

/// Which formula a step used.
private enum StepKind: Sendable {
    case initial, shortTerm, lapse, lapseFloor, recall
}

/// What the backward pass needs to know about one forward step.
private struct StepRecord: Sendable {
    var kind = StepKind.initial
    var rating = 1
    /// Stability and difficulty before the step.
    var stability = 0.0
    var difficulty = 0.0
    /// The forgetting curve at the step (recall and lapse steps).
    var curve = Curve()
    /// ln S (recall, short term) or ln(S + 1) (lapse), before the step.
    var logStability = 0.0
    /// ln D before the step (lapse).
    var logDifficulty = 0.0
    /// The step's main factor: S^−w9 (recall), e^(w17(G−3+w18))·S^−w19 (short term),
    /// D^−w12 (lapse).
    var factor = 0.0
    /// e^((1−R)·w10) (recall) or e^((1−R)·w14) (lapse).
    var recallTerm = 0.0
    /// (S + 1)^w13 (lapse).
    var lapsePower = 0.0
    /// Whether the same-day increase was above its floor of 1 (short term, passes).
    var shortTermActive = true
    /// The new stability and difficulty before clamping.
    var rawStability = 0.0
    var rawDifficulty = 0.0
    /// The new stability and difficulty after clamping.
    var clampedStability = 0.0
    var clampedDifficulty = 0.0
}

/// The forgetting curve at one point, with what its derivative needs.
private struct Curve: Sendable {
    var elapsed = 0.0
    var stability = 1.0
    /// 1 + F·t/S.
    var base = 1.0
    /// ln(base).
    var logBase = 0.0
    /// R = base^decay.
    var r = 1.0
}

/// The parameters and the constants derived from them, for one pass over the items.
///
/// Holds a pointer to the caller's weights: use it only inside their `withUnsafeBufferPointer`.
private struct Constants {
    let w: UnsafeBufferPointer<Double>
    /// decay = −w20.
    let decay: Double
    /// F = 0.9^(1/decay) − 1.
    let factor: Double
    /// dF/d(decay) = 0.9^(1/decay) · (−ln 0.9 / decay²).
    let factorPerDecay: Double
    /// e^w8.
    let expW8: Double
    /// e^(−w17·w18), the lapse floor's divisor inverted.
    let lapseFloorScale: Double
    /// D0(Easy) = w4 − e^(3·w5) + 1, unclamped (the mean-reversion target).
    let easyDifficulty: Double
    /// e^(3·w5).
    let expThreeW5: Double
    /// S0 and D0 (raw, then clamped) for each first rating.
    let initialSteps: [StepRecord]

    init(_ w: UnsafeBufferPointer<Double>) {
        precondition(w.count == TrainingLoss.parameterCount)
        self.w = w
        decay = -w[20]
        let power = exp(log(0.9) / decay)
        factor = power - 1
        factorPerDecay = power * (-log(0.9) / (decay * decay))
        expW8 = exp(w[8])
        lapseFloorScale = exp(-w[17] * w[18])
        expThreeW5 = exp(3 * w[5])
        easyDifficulty = w[4] - expThreeW5 + 1
        initialSteps = (1...4).map { rating in
            var record = StepRecord()
            record.kind = .initial
            record.rating = rating
            record.rawStability = w[rating - 1]
            record.rawDifficulty = w[4] - exp(w[5] * Double(rating - 1)) + 1
            record.clampedStability = clamp(record.rawStability, TrainingLoss.stabilityRange)
            record.clampedDifficulty = clamp(record.rawDifficulty, FSRSModel.difficultyRange)
            return record
        }
    }

    // MARK: Forward

    /// R(t, S) = (1 + F·t/S)^decay (fsrs-rs `curve_forward`).
    func retrievability(elapsed: Double, stability: Double) -> Curve {
        let t = max(elapsed, 0)
        let base = t / stability * factor + 1
        let logBase = log(base)
        return Curve(
            elapsed: t, stability: stability, base: base, logBase: logBase,
            r: exp(decay * logBase))
    }

    /// The first answer: S0 = w[G−1], D0 = w4 − e^(w5·(G−1)) + 1, both clamped.
    func initialStep(rating: Int) -> StepRecord {
        initialSteps[rating - 1]
    }

    /// A later answer, `elapsed` days after the previous one (fsrs-rs `step_forward`).
    func step(
        rating: Int, elapsed: Double, stability s: Double, difficulty d: Double,
        into pointer: UnsafeMutablePointer<StepRecord>
    ) {
        // Written field by field into the caller's storage: records are too big to copy around.
        let record = pointer
        record.pointee.rating = rating
        record.pointee.stability = s
        record.pointee.difficulty = d
        let grade = Double(rating)
        let newStability: Double
        if elapsed == 0 {
            // Same day: S' = S · max(e^(w17(G − 3 + w18)) · S^(−w19), 1 if a pass).
            record.pointee.kind = .shortTerm
            record.pointee.logStability = log(s)
            let increase = exp(w[17] * (grade - 3 + w[18]) - w[19] * record.pointee.logStability)
            record.pointee.factor = increase
            record.pointee.shortTermActive = !(rating >= 2 && increase < 1)
            newStability = s * (rating >= 2 ? max(increase, 1) : increase)
        } else {
            let curve = retrievability(elapsed: elapsed, stability: s)
            record.pointee.curve = curve
            if rating == 1 {
                // Lapse: min(w11 · D^(−w12) · ((S+1)^w13 − 1) · e^((1−R)·w14), S / e^(w17·w18)).
                record.pointee.logStability = log(s + 1)
                record.pointee.logDifficulty = log(d)
                record.pointee.factor = exp(-w[12] * record.pointee.logDifficulty)
                record.pointee.lapsePower = exp(w[13] * record.pointee.logStability)
                record.pointee.recallTerm = exp((1 - curve.r) * w[14])
                let longTerm =
                    w[11] * record.pointee.factor * (record.pointee.lapsePower - 1)
                    * record.pointee.recallTerm
                let floor = s * lapseFloorScale
                record.pointee.kind = floor < longTerm ? .lapseFloor : .lapse
                newStability = min(longTerm, floor)
            } else {
                // Recall: S · (1 + e^w8 · (11 − D) · S^(−w9) · (e^((1−R)·w10) − 1) · HP · EB).
                record.pointee.kind = .recall
                record.pointee.logStability = log(s)
                record.pointee.factor = exp(-w[9] * record.pointee.logStability)
                record.pointee.recallTerm = exp((1 - curve.r) * w[10])
                let increase =
                    expW8 * (11 - d) * record.pointee.factor * (record.pointee.recallTerm - 1)
                    * hardPenalty(rating) * easyBonus(rating)
                newStability = s * (1 + increase)
            }
        }
        // D' = w7 · D0(Easy) + (1 − w7) · (D + (10 − D) · (−w6 · (G − 3)) / 9).
        let damped = d + (10 - d) * (-w[6] * (grade - 3)) / 9
        record.pointee.rawDifficulty = w[7] * (easyDifficulty - damped) + damped
        record.pointee.rawStability = newStability
        record.pointee.clampedStability = clamp(newStability, TrainingLoss.stabilityRange)
        record.pointee.clampedDifficulty = clamp(
            record.pointee.rawDifficulty, FSRSModel.difficultyRange)
    }

    func hardPenalty(_ rating: Int) -> Double { rating == 2 ? w[15] : 1 }
    func easyBonus(_ rating: Int) -> Double { rating == 4 ? w[16] : 1 }

    // MARK: Backward

    /// Adds dL/dw20 for a curve point into `gradient`; returns dL/dS (fsrs-rs `curve_backward`).
    func backwardCurve(
        _ curve: Curve, lossPerR: Double, gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        guard lossPerR != 0 else { return 0 }
        let t = curve.elapsed
        let s = curve.stability
        // dR/dS = R · decay / base · (−t·F/S²).
        let lossPerS = lossPerR * curve.r * decay / curve.base * (-t * factor / (s * s))
        // dR/d(decay) = R · (ln base + decay / base · t/S · dF/d(decay)); decay = −w20.
        let rPerDecay = curve.r * (curve.logBase + decay / curve.base * (t / s * factorPerDecay))
        gradient[20] -= lossPerR * rPerDecay
        return lossPerS
    }

    /// Walks one step backwards: adds the parameters' share into `gradient` and returns the
    /// gradients with respect to the stability and difficulty before the step.
    func backward(
        _ pointer: UnsafePointer<StepRecord>, gradS: Double, gradD: Double,
        gradient: UnsafeMutablePointer<Double>
    ) -> (Double, Double) {
        let record = pointer.pointee
        let gradRawS = TrainingLoss.stabilityRange.contains(record.rawStability) ? gradS : 0
        if record.kind == .initial {
            gradient[record.rating - 1] += gradRawS
            if FSRSModel.difficultyRange.contains(record.rawDifficulty) {
                let offset = Double(record.rating - 1)
                gradient[4] += gradD
                gradient[5] -= gradD * offset * exp(offset * w[5])
            }
            return (0, 0)
        }
        let s = record.stability
        let d = record.difficulty
        var gradPreviousS = 0.0
        var gradPreviousD = 0.0
        var gradR = 0.0
        if gradRawS != 0 {
            switch record.kind {
            case .shortTerm:
                if record.shortTermActive {
                    // S' = S · inc, inc = e^(w17(G − 3 + w18)) · S^(−w19).
                    let perLogIncrease = gradRawS * s * record.factor
                    gradient[17] += perLogIncrease * (Double(record.rating) - 3 + w[18])
                    gradient[18] += perLogIncrease * w[17]
                    gradient[19] -= perLogIncrease * record.logStability
                    gradPreviousS = gradRawS * record.factor * (1 - w[19])
                } else {
                    gradPreviousS = gradRawS
                }
            case .lapseFloor:
                // S' = S · e^(−w17·w18).
                let perLogScale = gradRawS * s * lapseFloorScale
                gradient[17] -= perLogScale * w[18]
                gradient[18] -= perLogScale * w[17]
                gradPreviousS = gradRawS * lapseFloorScale
            case .lapse:
                // S' = w11 · D^(−w12) · ((S+1)^w13 − 1) · e^((1−R)·w14).
                let others = record.factor * record.recallTerm
                let longTerm = w[11] * others * (record.lapsePower - 1)
                let perLogS = gradRawS * longTerm
                gradient[11] += gradRawS * others * (record.lapsePower - 1)
                gradient[12] -= perLogS * record.logDifficulty
                gradient[13] +=
                    gradRawS * w[11] * others * record.lapsePower * record.logStability
                gradient[14] += perLogS * (1 - record.curve.r)
                gradPreviousS =
                    gradRawS * w[11] * others * w[13] * record.lapsePower / (s + 1)
                gradPreviousD = -perLogS * w[12] / d
                gradR = -perLogS * w[14]
            case .recall:
                // S' = S · (1 + inc), inc = e^w8 · (11 − D) · S^(−w9) · (e^((1−R)·w10) − 1) · HP · EB.
                let penalty = hardPenalty(record.rating) * easyBonus(record.rating)
                let unpenalised = gradRawS * s * expW8 * record.factor
                let common = unpenalised * penalty
                let excess = record.recallTerm - 1
                let perLogIncrease = common * (11 - d) * excess
                gradPreviousS =
                    gradRawS * (1 + expW8 * (11 - d) * record.factor * excess * penalty)
                    - perLogIncrease * w[9] / s
                gradPreviousD = -common * excess
                gradR = -common * (11 - d) * w[10] * record.recallTerm
                gradient[8] += perLogIncrease
                gradient[9] -= perLogIncrease * record.logStability
                gradient[10] += common * (11 - d) * (1 - record.curve.r) * record.recallTerm
                // HP multiplies only Hard's increase and EB only Easy's, so the other is 1.
                if record.rating == 2 || record.rating == 4 {
                    gradient[record.rating == 2 ? 15 : 16] += unpenalised * (11 - d) * excess
                }
            case .initial:
                break
            }
        }
        gradPreviousD += backwardDifficulty(record, gradD: gradD, gradient: gradient)
        if gradR != 0 {
            gradPreviousS += backwardCurve(record.curve, lossPerR: gradR, gradient: gradient)
        }
        return (gradPreviousS, gradPreviousD)
    }

    /// The difficulty update backwards (fsrs-rs `backward_difficulty`); returns dL/dD before.
    private func backwardDifficulty(
        _ record: StepRecord, gradD: Double, gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        guard gradD != 0, FSRSModel.difficultyRange.contains(record.rawDifficulty) else {
            return 0
        }
        let d = record.difficulty
        let gradeOffset = Double(record.rating) - 3
        let delta = -w[6] * gradeOffset
        let damped = d + (10 - d) * delta / 9
        gradient[7] += gradD * (easyDifficulty - damped)
        gradient[4] += gradD * w[7]
        gradient[5] -= gradD * w[7] * 3 * expThreeW5
        let gradDamped = gradD * (1 - w[7])
        gradient[6] -= gradDamped * (10 - d) * gradeOffset / 9
        return gradDamped * (1 - delta / 9)
    }
}

/// `value` limited to `range`.
private func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
    min(max(value, range.lowerBound), range.upperBound)
}
