/// The FSRS memory of a card: how long it lasts and how hard it is.
public struct MemoryState: Hashable, Sendable {
    /// Days until the chance of recall falls to 90 %.
    public var stability: Double
    /// How hard the card is to remember, from 1 (easy) to 10 (hard).
    public var difficulty: Double

    /// Creates a memory state from its two numbers.
    public init(stability: Double, difficulty: Double) {
        self.stability = stability
        self.difficulty = difficulty
    }
}
