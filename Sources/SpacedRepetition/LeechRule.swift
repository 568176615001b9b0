/// When a card that keeps being forgotten is called a leech (Anki's rule).
///
/// A card becomes a leech when its lapses reach the threshold, and is flagged again every half
/// threshold (rounded up) after that: 8, 12, 16, … with the default of 8.
public struct LeechRule: Hashable, Sendable {
    /// The number of lapses that first makes a leech; 0 turns leech detection off.
    public let threshold: Int

    /// Anki's default: 8 lapses.
    public static let standard = LeechRule(threshold: 8)

    /// Creates a rule with the given threshold (0 = never).
    public init(threshold: Int) {
        self.threshold = max(0, threshold)
    }

    /// Whether reaching `lapses` lapses flags the card as a leech.
    public func flags(lapses: Int) -> Bool {
        guard threshold > 0, lapses >= threshold else { return false }
        let every = (threshold + 1) / 2
        return (lapses - threshold) % every == 0
    }
}
