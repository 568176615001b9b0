/// Where a card stands in its life: never seen, in short-term steps, or on long-term review.
///
/// The step index lives inside the learning phases, so a review card cannot carry a step and a
/// learning card cannot lack one.
public enum Phase: Hashable, Sendable {
    /// Never answered.
    case new
    /// Answered, still going through the learning steps; `step` indexes the steps.
    case learning(step: Int)
    /// Graduated: scheduled in whole days.
    case review
    /// Forgotten after graduating, going through the relearning steps.
    case relearning(step: Int)

    /// The step index while learning or relearning, `nil` otherwise.
    public var step: Int? {
        switch self {
        case .learning(let step), .relearning(let step): step
        case .new, .review: nil
        }
    }
}
