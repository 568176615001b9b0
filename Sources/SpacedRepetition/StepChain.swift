import Foundation

/// Where a card's memory can stand when it leaves its same-day (re)learning steps, with the
/// chances, and the expected time spent on the steps.
///
/// The steps follow `FSRSScheduler`: Again returns to the first step, Hard repeats the step,
/// Good moves to the next step or graduates after the last, Easy graduates. Each step answer is
/// drawn from the row of the previous rating (fsrs-rs `SimulatorConfig`
/// `learning_step_transitions`) and updates the memory with the same-day formula. Every path is
/// followed, merging states that fall in the same `MemoryGrid` cell, until less than 1e-4 of
/// the probability is still stepping (that remainder graduates where it stands).
struct StepChain: Sendable {
    /// One way out of the steps.
    struct Outcome: Sendable {
        /// Its chance.
        var probability: Double
        /// The memory on graduating.
        var memory: MemoryState
    }

    /// The ways out, their chances adding up to 1.
    private(set) var outcomes: [Outcome] = []
    /// The expected seconds spent on step answers (not counting the answer that started them).
    private(set) var seconds = 0.0
    /// The expected number of step answers.
    private(set) var answers = 0.0

    /// The steps after an answer that left the card at `step` with `memory`, `previous` being
    /// that answer's rating; `step` is `nil` when the answer graduated the card.
    init(
        memory: MemoryState, step: Int?, previous: Rating, stepCount: Int,
        ratings: WorkloadSimulator.StepRatings, seconds: PerRating<Double>, model: FSRSModel,
        grid: MemoryGrid
    ) {
        guard let step else {
            outcomes = [Outcome(probability: 1, memory: memory)]
            return
        }
        var graduated: [Int: MemorySum] = [:]
        // Dictionaries are only filled here; they are read in key order, so that every sum is
        // added in the same order on every run.
        var frontier: [(key: State, value: MemorySum)] = [
            (
                State(step: step, previous: previous, cell: grid.cell(of: memory)),
                MemorySum(memory, probability: 1)
            )
        ]
        var round = 0
        while !frontier.isEmpty {
            round += 1
            var next: [State: MemorySum] = [:]
            for (state, sum) in frontier {
                let start = sum.memory
                let row = ratings.row(after: state.previous)
                for rating in Rating.allCases {
                    let probability = sum.probability * row[rating]
                    guard probability > 0 else { continue }
                    self.seconds += probability * seconds[rating]
                    answers += probability
                    let memory = model.memory(after: rating, from: start, elapsedDays: 0)
                    let cell = grid.cell(of: memory)
                    let nextStep = Self.step(after: rating, at: state.step, stepCount: stepCount)
                    if let nextStep, round < Self.maximumRounds {
                        next[State(step: nextStep, previous: rating, cell: cell), default: .zero]
                            .add(memory, probability: probability)
                    } else {
                        graduated[cell, default: .zero].add(memory, probability: probability)
                    }
                }
            }
            frontier = next.sorted { $0.key < $1.key }
            let stepping = frontier.reduce(0) { $0 + $1.value.probability }
            if stepping < Self.negligible {
                for (state, sum) in frontier {
                    graduated[state.cell, default: .zero].add(
                        sum.memory, probability: sum.probability)
                }
                frontier = []
            }
        }
        outcomes = graduated.sorted { $0.key < $1.key }.map {
            Outcome(probability: $0.value.probability, memory: $0.value.memory)
        }
    }

    /// The step after answering `rating` at `step`, or `nil` if the card graduates
    /// (`FSRSScheduler`'s step rules).
    static func step(after rating: Rating, at step: Int, stepCount: Int) -> Int? {
        if stepCount == 0 || (step >= stepCount && rating.isPass) { return nil }
        switch rating {
        case .again: return 0
        case .hard: return step
        case .good: return step + 1 >= stepCount ? nil : step + 1
        case .easy: return nil
        }
    }

    /// Probability still stepping below which the chain stops.
    private static let negligible = 1e-4
    /// A bound on rounds, in case the step ratings never graduate a card.
    private static let maximumRounds = 200

    /// A stepping card: its step, its last rating and its memory's grid cell.
    private struct State: Hashable, Comparable {
        let step: Int
        let previous: Rating
        let cell: Int

        static func < (lhs: State, rhs: State) -> Bool {
            (lhs.step, lhs.previous.rawValue, lhs.cell) < (
                rhs.step, rhs.previous.rawValue, rhs.cell
            )
        }
    }
}
