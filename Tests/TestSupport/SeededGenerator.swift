import SpacedRepetition

/// The deterministic generator tests use wherever randomness is needed.
public typealias SeededGenerator = SplitMix64
