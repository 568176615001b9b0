/// Why parameters could not be fitted or evaluated.
public enum OptimizationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Training produced values that are not finite numbers.
    case diverged
    /// An evaluation needs more items than it was given.
    case tooFewItems(count: Int, needed: Int)

    /// What went wrong, and what to do about it.
    public var description: String {
        switch self {
        case .diverged:
            "Optimizing the FSRS parameters failed: training diverged. Keep the current parameters."
        case .tooFewItems(let count, let needed):
            "Evaluating the FSRS parameters needs at least \(needed) reviews a day or more apart; "
                + "there are \(count). Keep studying and try again later."
        }
    }
}
