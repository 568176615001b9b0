import Foundation

/// What a studied card's chance of recall depends on: when it was last answered, and the part
/// of the scheduler's memory that recall reads.
///
/// A session orders its due cards by recall before it reads the rest of their state (tens of
/// thousands of them on a large collection).
public struct RecallBasis: Hashable, Sendable {
    /// The memory recall reads, in one scheduler's terms.
    public enum Strength: Hashable, Sendable {
        /// FSRS's stability, in days.
        case stability(Double)
        /// SM-2's current interval, in days.
        case interval(Int)
    }

    /// When the card was last answered.
    public let lastReview: Date
    /// The memory recall reads.
    public let strength: Strength

    /// Creates a basis.
    public init(lastReview: Date, strength: Strength) {
        self.lastReview = lastReview
        self.strength = strength
    }
}

extension CardState {
    /// What the card's chance of recall depends on; `nil` while new.
    public var recallBasis: RecallBasis? {
        guard let lastReview, let memory else { return nil }
        switch memory {
        case .fsrs(let state):
            return RecallBasis(lastReview: lastReview, strength: .stability(state.stability))
        case .sm2(_, let interval):
            return RecallBasis(lastReview: lastReview, strength: .interval(interval))
        }
    }
}
