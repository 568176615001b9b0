import Foundation

/// What the scheduler knows of one card for one associate.
///
/// A new card has no memory, no last review and no due date; every studied card has all
/// three. The only ways to build one are `CardState.new`, a scheduler's review, and
/// `init(restoring:)`, which checks that invariant, so an inconsistent state cannot exist.
public struct CardState: Hashable, Sendable {
    // The whole numbers first, the values with a tag byte after them: the state takes 81
    // bytes instead of 88, and a queued card 120 instead of 136 (a session's start holds tens
    // of thousands).

    /// How many times the card has been answered.
    public let reps: Int
    /// How many times the card was forgotten after graduating.
    public let lapses: Int
    /// Where the card stands.
    public let phase: Phase
    /// The scheduler's memory of the card; `nil` only while new.
    public let memory: Memory?
    /// When the card was last answered; `nil` only while new.
    public let lastReview: Date?
    /// When the card is next due; `nil` only while new (a new card waits to be introduced).
    public let due: Date?

    /// A card that has never been answered.
    public static let new = CardState(
        phase: .new, memory: nil, lastReview: nil, due: nil, reps: 0, lapses: 0)

    init(phase: Phase, memory: Memory?, lastReview: Date?, due: Date?, reps: Int, lapses: Int) {
        self.phase = phase
        self.memory = memory
        self.lastReview = lastReview
        self.due = due
        self.reps = reps
        self.lapses = lapses
    }

    /// Rebuilds a stored state, or returns `nil` when its parts contradict each other.
    public init?(
        restoring phase: Phase, memory: Memory?, lastReview: Date?, due: Date?, reps: Int,
        lapses: Int
    ) {
        let isNew = phase == .new
        let hasHistory = memory != nil && lastReview != nil && due != nil
        let hasNoHistory = memory == nil && lastReview == nil && due == nil
        guard isNew ? hasNoHistory && reps == 0 && lapses == 0 : hasHistory,
            reps >= 0, lapses >= 0, lapses <= reps, (phase.step ?? 0) >= 0
        else { return nil }
        self.init(
            phase: phase, memory: memory, lastReview: lastReview, due: due, reps: reps,
            lapses: lapses)
    }

    /// The FSRS memory state, if this card is scheduled by FSRS.
    public var memoryState: MemoryState? {
        if case .fsrs(let state) = memory { state } else { nil }
    }
}
