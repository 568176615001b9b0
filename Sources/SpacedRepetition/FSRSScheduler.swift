import Foundation

/// The FSRS-6 scheduler, with learning steps, fuzz and a maximum interval, as py-fsrs 6.3.2.
///
/// Phase rules (py-fsrs `Scheduler.review_card`):
/// - new / learning / relearning: Again → step 0; Hard → same step, its delay the mean of the
///   first two steps on step 0 (1.5 × the only step if there is one); Good → next step, or
///   graduate on the last; Easy → graduate. No steps, or a step past the end (steps were
///   shortened) with a pass → graduate.
/// - review: Again → relearning step 0 (or stay in review without relearning steps); a pass →
///   the interval for the desired retention.
public struct FSRSScheduler: Scheduler, Hashable {
    /// The model and its parameters.
    public let model: FSRSModel
    /// The chance of recall the schedule aims for when a card comes due.
    public let desiredRetention: Double
    /// Delays of the learning steps, in seconds.
    public let learningSteps: [TimeInterval]
    /// Delays of the relearning steps, in seconds.
    public let relearningSteps: [TimeInterval]
    /// The longest interval, in days.
    public let maximumInterval: Int
    /// Whether review intervals are fuzzed.
    public let fuzzesIntervals: Bool
    /// How days between answers are counted.
    public let dayCounting: DayCounting
    /// When a card is flagged as a leech.
    public let leechRule: LeechRule

    private let intervalFactor: Double

    /// Creates a scheduler, or throws an error that lists every invalid setting.
    public init(
        parameters: Parameters = .default,
        desiredRetention: Double = 0.9,
        learningSteps: [TimeInterval] = [60, 600],
        relearningSteps: [TimeInterval] = [600],
        maximumInterval: Int = 36_500,
        fuzzesIntervals: Bool = true,
        dayCounting: DayCounting = .elapsed24HourPeriods,
        leechRule: LeechRule = .standard
    ) throws(SchedulerSettingsError) {
        var problems: [String] = []
        if !(desiredRetention > 0 && desiredRetention < 1) {
            problems.append("desired retention \(desiredRetention) must lie between 0 and 1")
        }
        if maximumInterval < 1 {
            problems.append("the maximum interval must be at least 1 day")
        }
        for (name, steps) in [("learning", learningSteps), ("relearning", relearningSteps)]
        where steps.contains(where: { !($0 > 0 && $0.isFinite) }) {
            problems.append("every \(name) step must be a positive number of seconds")
        }
        guard problems.isEmpty else { throw SchedulerSettingsError(problems: problems) }
        model = FSRSModel(parameters: parameters)
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.fuzzesIntervals = fuzzesIntervals
        self.dayCounting = dayCounting
        self.leechRule = leechRule
        intervalFactor = pow(desiredRetention, 1 / model.decay) - 1
    }

    /// Answers `card` with `rating` at `time`.
    public func review(
        _ card: CardState, rating: Rating, at time: Date,
        using generator: inout some RandomNumberGenerator
    ) -> ReviewOutcome {
        let elapsedDays = card.lastReview.map { dayCounting.days(from: $0, to: time) }
        let memory = nextMemory(of: card, rating: rating, elapsedDays: elapsedDays)

        let phase: Phase
        var interval: ScheduledInterval
        switch card.phase {
        case .new:
            (phase, interval) = stepOutcome(
                step: 0, steps: learningSteps, rating: rating, memory: memory,
                inPhase: { .learning(step: $0) })
        case .learning(let step):
            (phase, interval) = stepOutcome(
                step: step, steps: learningSteps, rating: rating, memory: memory,
                inPhase: { .learning(step: $0) })
        case .relearning(let step):
            (phase, interval) = stepOutcome(
                step: step, steps: relearningSteps, rating: rating, memory: memory,
                inPhase: { .relearning(step: $0) })
        case .review:
            if rating == .again, let firstStep = relearningSteps.first {
                (phase, interval) = (.relearning(step: 0), .step(seconds: firstStep))
            } else {
                (phase, interval) = (.review, .days(days(for: memory)))
            }
        }
        if fuzzesIntervals, phase == .review, case .days(let days) = interval {
            interval = .days(
                Fuzz.interval(
                    forDays: days, maximumInterval: maximumInterval, using: &generator))
        }

        let lapses = card.lapses + (card.phase == .review && rating == .again ? 1 : 0)
        let reviewed = CardState(
            phase: phase, memory: .fsrs(memory), lastReview: time,
            due: time.adding(interval), reps: card.reps + 1, lapses: lapses)
        return ReviewOutcome(
            card: reviewed, rating: rating, reviewedAt: time, elapsedDays: elapsedDays,
            interval: interval, isNewLeech: lapses > card.lapses && leechRule.flags(lapses: lapses))
    }

    /// The chance of recall at `time`, with elapsed time counted in whole days (0 for an SM-2
    /// memory).
    public func retrievability(of basis: RecallBasis, at time: Date) -> Double {
        guard case .stability(let stability) = basis.strength else { return 0 }
        let days = max(0, dayCounting.days(from: basis.lastReview, to: time))
        return model.retrievability(elapsedDays: Double(days), stability: stability)
    }

    /// The whole-day interval for a memory: rounded half to even, at least 1 day, at most the
    /// maximum interval (py-fsrs `_next_interval`).
    public func days(for memory: MemoryState) -> Int {
        let raw = memory.stability / model.factor * intervalFactor
        return min(max(Int(raw.rounded(.toNearestOrEven)), 1), maximumInterval)
    }

    private func nextMemory(of card: CardState, rating: Rating, elapsedDays: Int?) -> MemoryState {
        guard let current = card.memoryState, let elapsedDays else {
            // A new card, or one last scheduled by another algorithm: start afresh.
            return model.initialMemory(after: rating)
        }
        return model.memory(after: rating, from: current, elapsedDays: elapsedDays)
    }

    private func stepOutcome(
        step: Int, steps: [TimeInterval], rating: Rating, memory: MemoryState,
        inPhase phase: (Int) -> Phase
    ) -> (Phase, ScheduledInterval) {
        let graduate = (Phase.review, ScheduledInterval.days(days(for: memory)))
        if steps.isEmpty || (step >= steps.count && rating.isPass) { return graduate }
        switch rating {
        case .again:
            return (phase(0), .step(seconds: steps[0]))
        case .hard:
            let delay =
                step == 0
                ? (steps.count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2)
                : steps[step]
            return (phase(step), .step(seconds: delay))
        case .good:
            return step + 1 >= steps.count
                ? graduate : (phase(step + 1), .step(seconds: steps[step + 1]))
        case .easy:
            return graduate
        }
    }
}

/// Why scheduler settings were refused; lists every problem.
public struct SchedulerSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One line per problem.
    public let problems: [String]

    /// All problems, one per line.
    public var description: String {
        "The scheduler settings are not valid:\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
