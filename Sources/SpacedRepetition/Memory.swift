/// What a scheduler remembers about a studied card, in that scheduler's own terms.
public enum Memory: Hashable, Sendable {
    /// FSRS: stability and difficulty.
    case fsrs(MemoryState)
    /// SM-2: the ease (whole thousandths, as Anki keeps it) and the current review interval in
    /// days; during relearning the interval is the one the card returns to when the steps are
    /// done.
    case sm2(ease: Ease, interval: Int)
}
