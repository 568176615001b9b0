import Foundation

/// The FSRS-6 equations for one set of parameters, computed as py-fsrs 6.3.2 computes them.
///
/// Each formula follows `fsrs/scheduler.py` of py-fsrs 6.3.2 operation for operation (powers of
/// e are `pow(e, x)` as CPython's `math.e ** x`), so results agree with the reference to the
/// last bit or close to it. Constants that depend only on the parameters are computed once.
public struct FSRSModel: Hashable, Sendable {
    /// The weights w0 … w20.
    public let parameters: Parameters
    /// The exponent of the forgetting curve, `-w20`.
    public let decay: Double
    /// The curve's scale, `0.9^(1/decay) - 1`, chosen so that R(S, S) = 0.9.
    public let factor: Double

    private let w: [Double]
    private let easyInitialDifficultyUnclamped: Double
    private let recallScale: Double
    private let lapseShortTermDivisor: Double

    /// The smallest stability the model allows.
    public static let minimumStability = 0.001
    /// The difficulty range.
    public static let difficultyRange = 1.0...10.0

    /// Prepares the equations for `parameters`.
    public init(parameters: Parameters = .default) {
        self.parameters = parameters
        w = parameters.values
        decay = -w[20]
        factor = pow(0.9, 1 / decay) - 1
        easyInitialDifficultyUnclamped = w[4] - pow(eulersNumber, w[5] * 3) + 1
        recallScale = pow(eulersNumber, w[8])
        lapseShortTermDivisor = pow(eulersNumber, w[17] * w[18])
    }

    // MARK: - Forgetting curve

    /// The chance of recall after `elapsedDays` for a memory of `stability` days.
    ///
    /// R(t, S) = (1 + F·t/S)^decay, F = 0.9^(1/decay) − 1 (FSRS-6, §1.1 of the brief).
    public func retrievability(elapsedDays: Double, stability: Double) -> Double {
        pow(1 + factor * elapsedDays / stability, decay)
    }

    /// The days after which recall falls to `desiredRetention`, before rounding.
    ///
    /// I(r, S) = S / F · (r^(1/decay) − 1), so I(0.9, S) = S.
    public func interval(stability: Double, desiredRetention: Double) -> Double {
        stability / factor * (pow(desiredRetention, 1 / decay) - 1)
    }

    // MARK: - Memory after an answer

    /// The memory after the first answer of a card: S0 = w[G−1], D0 = w4 − e^(w5(G−1)) + 1.
    public func initialMemory(after rating: Rating) -> MemoryState {
        MemoryState(
            stability: max(w[rating.rawValue - 1], Self.minimumStability),
            difficulty: clampDifficulty(initialDifficulty(rating)))
    }

    /// The memory after answering `rating`, `elapsedDays` whole days after the last answer.
    ///
    /// Fewer than one day uses the short-term (same-day) formula; otherwise the recall or
    /// lapse formula with R at the moment of the answer. Difficulty is updated either way.
    public func memory(
        after rating: Rating, from state: MemoryState, elapsedDays: Int
    ) -> MemoryState {
        let stability: Double
        if elapsedDays < 1 {
            stability = shortTermStability(state.stability, rating: rating)
        } else {
            let recall = retrievability(
                elapsedDays: Double(elapsedDays), stability: state.stability)
            stability = max(
                rating == .again
                    ? lapseStability(state, retrievability: recall)
                    : recallStability(state, retrievability: recall, rating: rating),
                Self.minimumStability)
        }
        return MemoryState(
            stability: stability, difficulty: nextDifficulty(state.difficulty, rating: rating))
    }

    /// The memory after a whole history of (rating, days since the previous answer) pairs.
    ///
    /// The first pair's days are ignored. Returns `nil` for an empty history.
    public func memory(afterHistory history: some Sequence<(Rating, Int)>) -> MemoryState? {
        var state: MemoryState?
        for (rating, days) in history {
            if let current = state {
                state = memory(after: rating, from: current, elapsedDays: days)
            } else {
                state = initialMemory(after: rating)
            }
        }
        return state
    }

    // MARK: - The equations

    private func initialDifficulty(_ rating: Rating) -> Double {
        w[4] - pow(eulersNumber, w[5] * Double(rating.rawValue - 1)) + 1
    }

    private func clampDifficulty(_ difficulty: Double) -> Double {
        min(max(difficulty, Self.difficultyRange.lowerBound), Self.difficultyRange.upperBound)
    }

    /// D' = w7·D0(Easy) + (1 − w7)·(D + (10 − D)·(−w6(G − 3))/9), clamped to [1, 10]; the
    /// mean-reversion target D0(Easy) is deliberately left unclamped, as in the reference.
    private func nextDifficulty(_ difficulty: Double, rating: Rating) -> Double {
        let delta = -(w[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10 - difficulty) * delta / 9
        return clampDifficulty(w[7] * easyInitialDifficultyUnclamped + (1 - w[7]) * damped)
    }

    /// S' = S · e^(w17(G − 3 + w18)) · S^(−w19), the increase floored at 1 for a pass.
    private func shortTermStability(_ stability: Double, rating: Rating) -> Double {
        var increase =
            pow(eulersNumber, w[17] * (Double(rating.rawValue - 3) + w[18]))
            * pow(stability, -w[19])
        if rating.isPass { increase = max(increase, 1) }
        return max(stability * increase, Self.minimumStability)
    }

    /// S' = S · (1 + e^w8 · (11 − D) · S^(−w9) · (e^((1 − R)·w10) − 1) · HP · EB).
    private func recallStability(
        _ state: MemoryState, retrievability: Double, rating: Rating
    ) -> Double {
        let hardPenalty = rating == .hard ? w[15] : 1
        let easyBonus = rating == .easy ? w[16] : 1
        let growth =
            recallScale * (11 - state.difficulty) * pow(state.stability, -w[9])
            * (pow(eulersNumber, (1 - retrievability) * w[10]) - 1) * hardPenalty * easyBonus
        return state.stability * (1 + growth)
    }

    /// S' = min(w11 · D^(−w12) · ((S + 1)^w13 − 1) · e^((1 − R)·w14), S / e^(w17·w18)).
    private func lapseStability(_ state: MemoryState, retrievability: Double) -> Double {
        let longTerm =
            w[11] * pow(state.difficulty, -w[12]) * (pow(state.stability + 1, w[13]) - 1)
            * pow(eulersNumber, (1 - retrievability) * w[14])
        return min(longTerm, state.stability / lapseShortTermDivisor)
    }
}

/// Python's `math.e`, the same double as C's `M_E`.
private let eulersNumber = 2.718281828459045
