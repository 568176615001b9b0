import Foundation

/// The result of answering a card: its new state and what the review log records.
public struct ReviewOutcome: Hashable, Sendable {
    /// The card after the answer.
    public let card: CardState
    /// The rating given.
    public let rating: Rating
    /// When the card was answered.
    public let reviewedAt: Date
    /// Days since the previous answer, counted the scheduler's way; `nil` for a first answer.
    public let elapsedDays: Int?
    /// How long until the card is due again.
    public let interval: ScheduledInterval
    /// Whether this answer made the card a leech (its lapses reached a leech threshold).
    public let isNewLeech: Bool
}
