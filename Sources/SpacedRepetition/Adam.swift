import Foundation

/// The Adam update rule (Kingma & Ba 2015), as fsrs-rs applies it (`src/training.rs`,
/// `HostAdam`): β1 0.9, β2 0.999, ε 1e-8, bias-corrected moments.
struct Adam: Sendable {
    private var firstMoment: [Double]
    private var secondMoment: [Double]
    private var steps = 0

    /// Starts with zero moments for `count` parameters.
    init(count: Int) {
        firstMoment = Array(repeating: 0, count: count)
        secondMoment = Array(repeating: 0, count: count)
    }

    /// Moves `parameters` against `gradient` with step size `learningRate`.
    ///
    /// m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
    /// w ← w − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε).
    mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        let beta1 = 0.9
        let beta2 = 0.999
        let epsilon = 1e-8
        steps += 1
        let correction1 = 1 - pow(beta1, Double(steps))
        let correction2 = 1 - pow(beta2, Double(steps))
        for index in parameters.indices {
            let g = gradient[index]
            firstMoment[index] = beta1 * firstMoment[index] + (1 - beta1) * g
            secondMoment[index] = beta2 * secondMoment[index] + (1 - beta2) * g * g
            let mean = firstMoment[index] / correction1
            let variance = secondMoment[index] / correction2
            parameters[index] -= learningRate * mean / (variance.squareRoot() + epsilon)
        }
    }
}
