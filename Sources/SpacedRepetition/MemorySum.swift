/// Probability mass with its mass-weighted stability and difficulty, for merging states.
struct MemorySum: Sendable {
    /// The total probability (or number of cards).
    private(set) var probability = 0.0
    private var stabilitySum = 0.0
    private var difficultySum = 0.0

    /// Nothing yet.
    static let zero = MemorySum()

    private init() {}

    /// `probability` of `memory`.
    init(_ memory: MemoryState, probability: Double) {
        add(memory, probability: probability)
    }

    /// Adds `probability` of `memory`.
    mutating func add(_ memory: MemoryState, probability: Double) {
        self.probability += probability
        stabilitySum += probability * memory.stability
        difficultySum += probability * memory.difficulty
    }

    /// The mean memory.
    var memory: MemoryState {
        MemoryState(
            stability: stabilitySum / probability, difficulty: difficultySum / probability)
    }
}
