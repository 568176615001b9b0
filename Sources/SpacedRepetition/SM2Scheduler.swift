import Foundation

/// Anki's legacy SM-2 scheduler (its "v3" SM-2 path), for associates who prefer it.
///
/// Rules (ankitects/anki `rslib/src/scheduler/states`, defaults from `deckconfig`):
/// - learning steps: Again → first step; Hard → mean of the first two steps on step 0 (1.5 × a
///   lone step, at most a day more), else the current step; Good → next step, or graduate with
///   the graduating interval; Easy → graduate with the easy interval. Ease starts at 2.5.
/// - review, on time or late (L days late): Hard = I × 1.2 (at least I + 1); Good =
///   (I + L/2) × ease (at least Hard + 1); Easy = (I + L) × ease × 1.3 (at least Good + 1);
///   each × the interval modifier, fuzzed, at most the maximum. Ease −0.15 Hard, +0.15 Easy,
///   never below 1.3. Answered early, Anki's gentler early-review formula applies.
/// - lapse: ease −0.2, lapses + 1, new interval max(minimum, I × lapse multiplier); relearning
///   steps, then back to review with that interval (Easy: one day more).
public struct SM2Scheduler: Scheduler, Hashable {
    /// Delays of the learning steps, in seconds.
    public var learningSteps: [TimeInterval] = [60, 600]
    /// Delays of the relearning steps, in seconds.
    public var relearningSteps: [TimeInterval] = [600]
    /// Days after graduating with Good.
    public var graduatingInterval = 1
    /// Days after graduating with Easy.
    public var easyInterval = 4
    /// The ease a card gets when it graduates.
    public var startingEase = 2.5
    /// Extra multiplier for Easy on a review.
    public var easyBonus = 1.3
    /// Multiplier for Hard on a review.
    public var hardMultiplier = 1.2
    /// Multiplier applied to every passing review interval.
    public var intervalModifier = 1.0
    /// Multiplier for the interval after a lapse (0 = start again from the minimum).
    public var lapseMultiplier = 0.0
    /// The shortest interval after a lapse, in days.
    public var minimumLapseInterval = 1
    /// The longest interval, in days.
    public var maximumInterval = 36_500
    /// Whether review intervals are fuzzed.
    public var fuzzesIntervals = true
    /// How days between answers are counted.
    public var dayCounting: DayCounting = .elapsed24HourPeriods
    /// When a card is flagged as a leech.
    public var leechRule: LeechRule = .standard

    /// The lowest ease a card can fall to.
    public static let minimumEase = 1.3

    /// Creates a scheduler with Anki's default settings; change the properties to tune it.
    public init() {}

    /// Answers `card` with `rating` at `time`.
    public func review(
        _ card: CardState, rating: Rating, at time: Date,
        using generator: inout some RandomNumberGenerator
    ) -> ReviewOutcome {
        let elapsedDays = card.lastReview.map { dayCounting.days(from: $0, to: time) }
        let (ease, currentInterval) =
            if case .sm2(let ease, let interval) = card.memory {
                (ease, interval)
            } else {
                (startingEase, 0)
            }

        let phase: Phase
        let interval: ScheduledInterval
        var newEase = ease
        var memoryInterval: Int
        var lapses = card.lapses
        switch card.phase {
        case .new, .learning:
            let step = card.phase.step ?? 0
            if let delay = stepDelay(step: step, steps: learningSteps, rating: rating) {
                phase = .learning(step: delay.step)
                interval = .step(seconds: delay.seconds)
                memoryInterval = 0
            } else {
                let days = rating == .easy ? easyInterval : graduatingInterval
                memoryInterval = fuzzed(days, minimum: 1, using: &generator)
                (phase, interval, newEase) = (.review, .days(memoryInterval), startingEase)
            }
        case .relearning(let step):
            if let delay = stepDelay(step: step, steps: relearningSteps, rating: rating) {
                phase = .relearning(step: delay.step)
                interval = .step(seconds: delay.seconds)
                memoryInterval = currentInterval
            } else {
                let days = currentInterval + (rating == .easy ? 1 : 0)
                memoryInterval = min(max(days, 1), maximumInterval)
                (phase, interval) = (.review, .days(memoryInterval))
            }
        case .review:
            if rating == .again {
                lapses += 1
                newEase = max(ease - 0.2, Self.minimumEase)
                let lapseDays = max(
                    Int(Double(currentInterval) * lapseMultiplier), minimumLapseInterval, 1)
                if let firstStep = relearningSteps.first {
                    memoryInterval = min(lapseDays, maximumInterval)
                    (phase, interval) = (.relearning(step: 0), .step(seconds: firstStep))
                } else {
                    memoryInterval = fuzzed(Double(lapseDays), minimum: 1, using: &generator)
                    (phase, interval) = (.review, .days(memoryInterval))
                }
            } else {
                let late = (elapsedDays ?? currentInterval) - currentInterval
                memoryInterval = passingInterval(
                    rating, currentInterval: currentInterval, daysLate: late, ease: ease,
                    using: &generator)
                if rating == .hard { newEase = max(ease - 0.15, Self.minimumEase) }
                if rating == .easy { newEase = ease + 0.15 }
                (phase, interval) = (.review, .days(memoryInterval))
            }
        }

        let reviewed = CardState(
            phase: phase, memory: .sm2(ease: newEase, interval: memoryInterval),
            lastReview: time, due: time.adding(interval),
            reps: card.reps + 1, lapses: lapses)
        return ReviewOutcome(
            card: reviewed, rating: rating, reviewedAt: time, elapsedDays: elapsedDays,
            interval: interval, isNewLeech: lapses > card.lapses && leechRule.flags(lapses: lapses))
    }

    /// An estimate of recall for SM-2 cards, which have no memory model of their own.
    ///
    /// R(t) = 0.9^(t / I): 90 % when the scheduled interval I has passed, the exponential
    /// curve SuperMemo assumed. 1 within the first day; 0 for a new card.
    public func retrievability(of card: CardState, at time: Date) -> Double {
        guard case .sm2(_, let interval) = card.memory, let lastReview = card.lastReview else {
            return 0
        }
        let days = max(0, dayCounting.days(from: lastReview, to: time))
        return pow(0.9, Double(days) / Double(max(interval, 1)))
    }

    // MARK: - Steps

    private func stepDelay(
        step: Int, steps: [TimeInterval], rating: Rating
    ) -> (step: Int, seconds: TimeInterval)? {
        guard !steps.isEmpty, rating != .easy, step < steps.count || rating == .again else {
            return nil
        }
        switch rating {
        case .again:
            return (0, steps[0])
        case .hard:
            guard step == 0 else { return (step, steps[step]) }
            guard steps.count > 1 else {
                let delay = min(steps[0] * 1.5, steps[0] + 86_400)
                return (0, delay > 86_400 ? (delay / 86_400).rounded() * 86_400 : delay)
            }
            return (0, (steps[0] + steps[1]) / 2)
        case .good:
            return step + 1 < steps.count ? (step + 1, steps[step + 1]) : nil
        case .easy:
            return nil
        }
    }

    // MARK: - Review intervals

    private func passingInterval(
        _ rating: Rating, currentInterval: Int, daysLate: Int, ease: Double,
        using generator: inout some RandomNumberGenerator
    ) -> Int {
        let current = Double(currentInterval)
        if daysLate < 0 {
            // Answered before it was due (Anki's early-review formula, without fuzz).
            let elapsed = current + Double(daysLate)
            switch rating {
            case .hard:
                return constrained(
                    max(elapsed * hardMultiplier, current * hardMultiplier / 2), minimum: 1)
            case .good:
                return constrained(max(elapsed * ease, current), minimum: 1)
            default:
                let reducedBonus = easyBonus - (easyBonus - 1) / 2
                return constrained(max(elapsed * ease, current) * reducedBonus, minimum: 1)
            }
        }
        let late = Double(daysLate)
        let hardMinimum = hardMultiplier <= 1 ? 0 : currentInterval + 1
        let hard = fuzzed(
            current * hardMultiplier * intervalModifier, minimum: hardMinimum, using: &generator)
        if rating == .hard { return hard }
        let goodMinimum = hardMultiplier <= 1 ? currentInterval + 1 : hard + 1
        let good = fuzzed(
            (current + late / 2) * ease * intervalModifier, minimum: goodMinimum,
            using: &generator)
        if rating == .good { return good }
        return fuzzed(
            (current + late) * ease * easyBonus * intervalModifier, minimum: good + 1,
            using: &generator)
    }

    private func constrained(_ days: Double, minimum: Int) -> Int {
        let modified = days * intervalModifier
        let lower = min(max(minimum, 1), maximumInterval)
        return min(max(Int(modified.rounded()), lower), maximumInterval)
    }

    /// Rounds and fuzzes `days` within [minimum, maximum], as Anki's `with_review_fuzz`.
    private func fuzzed(
        _ days: Double, minimum: Int, using generator: inout some RandomNumberGenerator
    ) -> Int {
        let lower = min(max(minimum, 1), maximumInterval)
        let rounded = min(max(Int(days.rounded()), lower), maximumInterval)
        guard fuzzesIntervals,
            let range = Fuzz.range(forDays: Int(days.rounded()), maximumInterval: maximumInterval)
        else { return rounded }
        var low = min(max(range.lowerBound, lower), maximumInterval)
        var high = min(max(range.upperBound, lower), maximumInterval)
        if low == high, high > 2, high < maximumInterval { high = low + 1 }
        if low > high { swap(&low, &high) }
        return Int.random(in: low...high, using: &generator)
    }

    private func fuzzed(
        _ days: Int, minimum: Int, using generator: inout some RandomNumberGenerator
    ) -> Int {
        fuzzed(Double(days), minimum: minimum, using: &generator)
    }
}
