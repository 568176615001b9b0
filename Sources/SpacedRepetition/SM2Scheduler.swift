import Foundation

/// Anki's SM-2 scheduler (the SM-2 path of its v3 scheduler, FSRS off), for associates who
/// prefer it.
///
/// It computes what Anki 26.9.3 computes, answer by answer, in Anki's own arithmetic
/// (ankitects/anki `rslib/src/scheduler/states`; defaults from `deckconfig`): the ease is whole
/// thousandths (``Ease``) and intervals are multiplied in single precision, as Anki's `f32`s,
/// then rounded half away from zero. `Tests/SpacedRepetitionTests/Fixtures/sm2_anki.csv`
/// holds real Anki's answers to every sequence of 3-6 ratings; the tests compare every one.
/// - learning steps: Again → first step; Hard → mean of the first two steps on step 0 (1.5 × a
///   lone step, at most a day more), else the current step; Good → next step, or graduate with
///   the graduating interval; Easy → graduate with the easy interval. Ease starts at 250 %.
/// - review, on time or late (L days late): Hard = I × 1.2 (at least I + 1); Good =
///   (I + L/2) × ease (at least Hard + 1); Easy = (I + L) × ease × 1.3 (at least Good + 1);
///   each × the interval modifier, fuzzed, at most the maximum. Ease −150 on Hard, +150 on
///   Easy, never below 130 %. Answered early, Anki's early-review formula applies (no fuzz).
/// - lapse: ease −200 (at least 130 %), lapses + 1, new interval max(minimum, I × lapse
///   multiplier); relearning steps, then back to review with that interval (Easy: a day more).
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
    public var startingEase = Ease.starting
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
                let days = rating == .easy ? easyInterval : max(graduatingInterval, 1)
                memoryInterval = constrained(
                    Float(days), minimum: 1, fuzzed: true, using: &generator)
                (phase, interval, newEase) = (.review, .days(memoryInterval), startingEase)
            }
        case .relearning(let step):
            let failsAgain = rating == .again && !relearningSteps.isEmpty
            memoryInterval = failsAgain ? lapseInterval(after: currentInterval) : currentInterval
            if let delay = stepDelay(step: step, steps: relearningSteps, rating: rating) {
                phase = .relearning(step: delay.step)
                interval = .step(seconds: delay.seconds)
            } else {
                if rating == .easy { memoryInterval += 1 }
                (phase, interval) = (.review, .days(memoryInterval))
            }
        case .review:
            if rating == .again {
                lapses += 1
                newEase = ease.adding(-200, floor: .minimum)
                memoryInterval = lapseInterval(after: currentInterval)
                if let firstStep = relearningSteps.first {
                    (phase, interval) = (.relearning(step: 0), .step(seconds: firstStep))
                } else {
                    (phase, interval) = (.review, .days(memoryInterval))
                }
            } else {
                let late = (elapsedDays ?? currentInterval) - currentInterval
                memoryInterval = passingInterval(
                    rating, currentInterval: currentInterval, daysLate: late, ease: ease,
                    using: &generator)
                if rating == .hard { newEase = ease.adding(-150, floor: .minimum) }
                if rating == .easy { newEase = ease.adding(150) }
                (phase, interval) = (.review, .days(memoryInterval))
            }
        }

        let reviewed = CardState(
            phase: phase, memory: .sm2(ease: newEase, interval: memoryInterval),
            lastReview: time, due: time.adding(interval), reps: card.reps + 1, lapses: lapses)
        return ReviewOutcome(
            card: reviewed, rating: rating, reviewedAt: time, elapsedDays: elapsedDays,
            interval: interval, isNewLeech: lapses > card.lapses && leechRule.flags(lapses: lapses))
    }

    /// An estimate of recall for SM-2 cards, which have no memory model of their own.
    ///
    /// R(t) = 0.9^(t / I): 90 % when the scheduled interval I has passed, the exponential
    /// curve SuperMemo assumed. 1 within the first day; 0 for an FSRS memory.
    public func retrievability(of basis: RecallBasis, at time: Date) -> Double {
        guard case .interval(let interval) = basis.strength else { return 0 }
        let days = max(0, dayCounting.days(from: basis.lastReview, to: time))
        return pow(0.9, Double(days) / Double(max(interval, 1)))
    }

    // MARK: - Steps

    /// The step and delay after `rating` on `step`, or `nil` when the card leaves the steps
    /// (rslib `steps.rs`: delays in whole seconds, the Hard delay on the first step rounded to
    /// whole days once it passes a day).
    private func stepDelay(
        step: Int, steps: [TimeInterval], rating: Rating
    ) -> (step: Int, seconds: TimeInterval)? {
        guard !steps.isEmpty, rating != .easy, step < steps.count || rating == .again else {
            return nil
        }
        let day = 86_400
        let seconds = steps.map { Int(max(0, min($0, 4_294_967_295))) }
        switch rating {
        case .again:
            return (0, TimeInterval(seconds[0]))
        case .hard:
            guard step == 0 else { return (step, TimeInterval(seconds[step])) }
            let delay =
                seconds.count > 1
                ? (seconds[0] + seconds[1]) / 2 : min(seconds[0] * 3 / 2, seconds[0] + day)
            guard delay > day else { return (0, TimeInterval(delay)) }
            let days = (Float(delay) / Float(day)).rounded(.toNearestOrAwayFromZero)
            return (0, TimeInterval(days) * TimeInterval(day))
        case .good:
            return step + 1 < steps.count ? (step + 1, TimeInterval(seconds[step + 1])) : nil
        case .easy:
            return nil
        }
    }

    // MARK: - Review intervals

    /// The interval after a lapse: I × the lapse multiplier, truncated, at least the minimum
    /// and a day (rslib `failing_review_interval`; not fuzzed).
    private func lapseInterval(after currentInterval: Int) -> Int {
        let kept = Fuzz.ankiWholeDays(
            (Float(currentInterval) * Float(lapseMultiplier)).rounded(.down))
        return max(kept, minimumLapseInterval, 1)
    }

    /// Hard, Good or Easy on a review (rslib `passing_nonearly_review_intervals` and
    /// `passing_early_review_intervals`), in single precision.
    private func passingInterval(
        _ rating: Rating, currentInterval: Int, daysLate: Int, ease: Ease,
        using generator: inout some RandomNumberGenerator
    ) -> Int {
        let current = Float(currentInterval)
        let hardFactor = Float(hardMultiplier)
        let easyFactor = Float(easyBonus)
        if daysLate < 0 {
            // Answered before it was due: Anki's early-review formula, not fuzzed.
            let elapsed = current + Float(daysLate)
            switch rating {
            case .hard:
                return constrained(
                    max(elapsed * hardFactor, current * (hardFactor / 2)), minimum: 0,
                    fuzzed: false, using: &generator)
            case .good:
                return constrained(
                    max(elapsed * ease.multiplier, current), minimum: 0, fuzzed: false,
                    using: &generator)
            default:
                let reducedBonus = easyFactor - (easyFactor - 1) / 2
                return constrained(
                    max(elapsed * ease.multiplier, current) * reducedBonus, minimum: 0,
                    fuzzed: false, using: &generator)
            }
        }
        let late = Float(daysLate)
        let hardMinimum = hardFactor <= 1 ? 0 : currentInterval + 1
        let hard = constrained(
            current * hardFactor, minimum: hardMinimum, fuzzed: true, using: &generator)
        if rating == .hard { return hard }
        let goodMinimum = hardFactor <= 1 ? currentInterval + 1 : hard + 1
        let good = constrained(
            (current + late / 2) * ease.multiplier, minimum: goodMinimum, fuzzed: true,
            using: &generator)
        if rating == .good { return good }
        return constrained(
            (current + late) * ease.multiplier * easyFactor, minimum: good + 1, fuzzed: true,
            using: &generator)
    }

    /// A passing interval × the interval modifier, between `minimum` (at least 1) and the
    /// maximum, fuzzed if asked and fuzz is on (rslib `constrain_passing_interval` and
    /// `with_review_fuzz`); otherwise rounded half away from zero.
    private func constrained(
        _ days: Float, minimum: Int, fuzzed: Bool,
        using generator: inout some RandomNumberGenerator
    ) -> Int {
        let modified = days * Float(intervalModifier)
        let maximum = max(maximumInterval, 1)
        let limits = min(max(minimum, 1), maximum)...maximum
        guard fuzzed, fuzzesIntervals else {
            return min(max(Fuzz.ankiWholeDays(modified), limits.lowerBound), limits.upperBound)
        }
        let range = Fuzz.ankiRange(around: modified, within: limits)
        // A range of one day draws nothing, so short intervals leave the generator as it was.
        return range.count == 1 ? range.lowerBound : Int.random(in: range, using: &generator)
    }
}
