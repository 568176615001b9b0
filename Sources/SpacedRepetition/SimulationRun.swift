import Foundation

/// One forecast in progress: expected numbers of cards moving from day to day
/// (see `WorkloadSimulator` for the model).
///
/// Cards scheduled on one day with the same grid cell form a range of due days (the fuzz
/// range), each day getting the same share. Rather than adding that share to every day of the
/// range, the range is stored as two events, where it starts and after it ends; a running sum
/// per grid cell, updated by the day's events, then holds the cards due that day. The running
/// sums also carry Σ cards·S, Σ cards·D and Σ cards·(day of the last review), from which the
/// group's mean memory and mean days since its last review follow.
struct SimulationRun {
    /// A range of due days starting (or, negated, ending) for some cards of one cell.
    private struct Event {
        let cell: Int
        let isEnd: Bool
        let sums: Sums
    }

    /// Cards and their weighted sums: Σ cards, Σ cards·S, Σ cards·D, Σ cards·(last review day).
    private struct Sums {
        var cards = 0.0
        var stability = 0.0
        var difficulty = 0.0
        var lastReviewDay = 0.0

        init() {}

        init(cards: Double, memory: MemoryState, lastReviewDay: Double) {
            self.cards = cards
            stability = cards * memory.stability
            difficulty = cards * memory.difficulty
            self.lastReviewDay = cards * lastReviewDay
        }

        mutating func add(_ other: Sums, sign: Double = 1) {
            cards += sign * other.cards
            stability += sign * other.stability
            difficulty += sign * other.difficulty
            lastReviewDay += sign * other.lastReviewDay
        }

        var memory: MemoryState {
            MemoryState(stability: stability / cards, difficulty: difficulty / cards)
        }

        var meanLastReviewDay: Double { lastReviewDay / cards }
    }

    /// How the relearning steps end after a lapse, relative to the memory right after it.
    private struct Relearning {
        /// Chance, stability ratio and difficulty change of each way out.
        let outcomes: [(probability: Double, stabilityRatio: Double, difficultyChange: Double)]
        /// Expected seconds of the step answers.
        let seconds: Double
    }

    /// Some of a group's cards reviewed a whole number of days after their last review.
    private struct Part {
        let share: Double
        let elapsedDays: Int
        let r: Double
        let lapse: MemoryState
        let relearning: Relearning
    }

    private let scheduler: FSRSScheduler
    private let model: FSRSModel
    private let settings: WorkloadSimulator.Settings
    private let grid: MemoryGrid
    /// The chances of Hard, Good and Easy for a recalled review.
    private let recall: PerRating<Double>
    /// Where new cards stand after their first answer and learning steps, and the time it takes.
    private let newCardOutcomes: [StepChain.Outcome]
    private let newCardSeconds: Double
    /// D0(Easy) = w4 − e^(3·w5) + 1, unclamped: the target of the difficulty's mean reversion.
    private let easyDifficulty: Double

    /// The events of each day.
    private var events: [[Event]]
    /// Per cell: the cards due today and their sums, and how many ranges cover today.
    private var running: [Sums]
    private var ranges: [Int]
    /// The cells with at least one range covering today, and a flag per cell.
    private var active: [Int] = []
    private var isActive: [Bool]
    /// Cards answered today, per cell of their new memory, and the cells touched.
    private var answered: [MemorySum]
    private var answeredCells: [Int] = []
    /// Cards forgotten today, per cell of their memory right after the lapse, and the cells
    /// touched: they go through the relearning steps together.
    private var lapsed: [MemorySum]
    private var lapsedCells: [Int] = []
    /// Relearning outcomes by the cell of the memory right after the lapse.
    private var relearning: [Relearning?]
    private var wordsKnown = 0.0

    init(scheduler: FSRSScheduler, settings: WorkloadSimulator.Settings, grid: MemoryGrid) {
        self.scheduler = scheduler
        model = scheduler.model
        self.settings = settings
        self.grid = grid
        var recall = settings.recallRatings
        recall.again = 0
        self.recall = WorkloadSimulator.normalised(recall)
        events = Array(repeating: [], count: settings.days)
        running = Array(repeating: Sums(), count: grid.cellCount)
        ranges = Array(repeating: 0, count: grid.cellCount)
        isActive = Array(repeating: false, count: grid.cellCount)
        answered = Array(repeating: .zero, count: grid.cellCount)
        lapsed = Array(repeating: .zero, count: grid.cellCount)
        relearning = Array(repeating: nil, count: grid.cellCount)

        var outcomes: [StepChain.Outcome] = []
        var seconds = 0.0
        let first = WorkloadSimulator.normalised(settings.firstRatings)
        for rating in Rating.allCases where first[rating] > 0 {
            let chain = StepChain(
                memory: scheduler.model.initialMemory(after: rating),
                step: StepChain.step(after: rating, at: 0, stepCount: settings.learningStepCount),
                previous: rating, stepCount: settings.learningStepCount,
                ratings: settings.learningStepRatings, seconds: settings.learningSeconds,
                model: scheduler.model, grid: grid)
            seconds += first[rating] * (settings.learningSeconds[rating] + chain.seconds)
            outcomes += chain.outcomes.map {
                StepChain.Outcome(probability: first[rating] * $0.probability, memory: $0.memory)
            }
        }
        newCardOutcomes = outcomes
        newCardSeconds = seconds
        let w = scheduler.model.parameters
        easyDifficulty = w[4] - exp(3 * w[5]) + 1

        // Cards already studied come due on their day (overdue ones on day 0); those due after
        // the last day are known at the end with their chance of recall then.
        for card in settings.studiedCards {
            let due = max(card.dueDay, 0)
            let sums = Sums(
                cards: 1, memory: card.memory, lastReviewDay: Double(card.lastReviewDay))
            let cell = grid.cell(of: card.memory)
            if due < settings.days {
                events[due].append(Event(cell: cell, isEnd: false, sums: sums))
                if due + 1 < settings.days {
                    events[due + 1].append(Event(cell: cell, isEnd: true, sums: sums))
                }
            } else {
                wordsKnown += model.retrievability(
                    elapsedDays: Double(settings.days - 1 - card.lastReviewDay),
                    stability: card.memory.stability)
            }
        }
    }

    /// Runs every day and returns the forecast.
    mutating func forecast() -> WorkloadForecast {
        var days: [WorkloadForecast.Day] = []
        days.reserveCapacity(settings.days)
        var introduced = 0.0
        let secondsPerDay = settings.minutesPerDay.map { $0 * 60 }
        for day in 0..<settings.days {
            let groups = dueGroups(on: day)

            // What answering every due card would take. A group's mean days since the last
            // review, say 9.3, is split 70 % at 9 days and 30 % at 10, keeping the mean.
            var partsOfGroups: [[Part]] = []
            partsOfGroups.reserveCapacity(groups.count)
            var dueCards = 0.0
            var dueSeconds = 0.0
            for group in groups {
                let memory = group.sums.memory
                let elapsed = max(Double(day) - group.sums.meanLastReviewDay, 0)
                var whole = Int(elapsed.rounded(.down))
                var fraction = elapsed - Double(whole)
                // Within a hundredth of a day of a whole number, one part is enough.
                if fraction < 0.01 || fraction > 0.99 {
                    whole = Int(elapsed.rounded())
                    fraction = 0
                }
                var parts: [Part] = []
                for (share, days) in [(1 - fraction, whole), (fraction, whole + 1)] where share > 0
                {
                    let r = model.retrievability(
                        elapsedDays: Double(days), stability: memory.stability)
                    let lapse = model.memory(after: .again, from: memory, elapsedDays: days)
                    let relearning = relearningOutcomes(after: lapse)
                    var seconds = (1 - r) * (settings.reviewSeconds.again + relearning.seconds)
                    for rating in [Rating.hard, .good, .easy] {
                        seconds += r * recall[rating] * settings.reviewSeconds[rating]
                    }
                    dueSeconds += group.sums.cards * share * seconds
                    parts.append(
                        Part(
                            share: share, elapsedDays: days, r: r, lapse: lapse,
                            relearning: relearning))
                }
                dueCards += group.sums.cards
                partsOfGroups.append(parts)
            }

            // The share of due cards reviewed today; the rest waits until tomorrow.
            var reviewedShare = 1.0
            if let limit = settings.reviewsPerDay, dueCards > Double(limit) {
                reviewedShare = min(reviewedShare, Double(limit) / dueCards)
            }
            if let limit = secondsPerDay, dueSeconds > limit {
                reviewedShare = min(reviewedShare, limit / dueSeconds)
            }

            for (group, parts) in zip(groups, partsOfGroups) {
                let memory = group.sums.memory
                if reviewedShare < 1 {
                    var waiting = group.sums
                    waiting.add(group.sums, sign: -reviewedShare)
                    postpone(waiting, cell: group.cell, from: day)
                }
                for part in parts {
                    let reviewed = group.sums.cards * reviewedShare * part.share
                    guard reviewed > 0 else { continue }
                    let after = memories(
                        from: memory, elapsedDays: part.elapsedDays, lapse: part.lapse)
                    for rating in [Rating.hard, .good, .easy] where recall[rating] > 0 {
                        collect(reviewed * part.r * recall[rating], memory: after[rating])
                    }
                    let forgotten = reviewed * (1 - part.r)
                    if forgotten > Self.negligible {
                        let cell = grid.cell(of: part.lapse)
                        if lapsed[cell].probability == 0 { lapsedCells.append(cell) }
                        lapsed[cell].add(part.lapse, probability: forgotten)
                    }
                }
            }
            relearnLapsed()

            // New cards, with whatever time the reviews left.
            var newCards = max(Double(settings.deckSize) - introduced, 0)
            if let limit = settings.newCardsPerDay { newCards = min(newCards, Double(limit)) }
            if let limit = secondsPerDay, newCardSeconds > 0 {
                newCards = min(
                    newCards, max(limit - dueSeconds * reviewedShare, 0) / newCardSeconds)
            }
            if newCards > 0 {
                introduced += newCards
                for outcome in newCardOutcomes {
                    collect(newCards * outcome.probability, memory: outcome.memory)
                }
            }

            scheduleAnswered(on: day)
            days.append(
                WorkloadForecast.Day(
                    reviews: dueCards * reviewedShare, newCards: newCards,
                    minutes: (dueSeconds * reviewedShare + newCards * newCardSeconds) / 60))
        }
        return WorkloadForecast(
            desiredRetention: scheduler.desiredRetention, days: days, wordsKnown: wordsKnown)
    }

    /// The memories after each rating, `elapsedDays` after the last review, `lapse` being the
    /// memory after Again.
    ///
    /// One `FSRSModel` call, for Good, when a day or more has passed; Hard and Easy follow from
    /// it as `FSRSModel` computes them: S' = S·(1 + inc·HP·EB), so Hard's increase is Good's
    /// times w15 and Easy's times w16; D' = clamp(w7·D0(Easy) + (1 − w7)·(D + (10 − D)·
    /// (−w6·(G − 3))/9), 1, 10) with D0(Easy) unclamped.
    func memories(
        from memory: MemoryState, elapsedDays: Int, lapse: MemoryState
    ) -> PerRating<MemoryState> {
        let good = model.memory(after: .good, from: memory, elapsedDays: elapsedDays)
        guard elapsedDays >= 1 else {
            return PerRating(
                again: lapse,
                hard: model.memory(after: .hard, from: memory, elapsedDays: elapsedDays),
                good: good,
                easy: model.memory(after: .easy, from: memory, elapsedDays: elapsedDays))
        }
        let w = model.parameters
        let increase = good.stability / memory.stability - 1
        func difficulty(_ grade: Double) -> Double {
            let d = memory.difficulty
            let damped = d + (10 - d) * (-(w[6] * (grade - 3))) / 9
            return min(max(w[7] * easyDifficulty + (1 - w[7]) * damped, 1), 10)
        }
        return PerRating(
            again: lapse,
            hard: MemoryState(
                stability: memory.stability * (1 + increase * w[15]), difficulty: difficulty(2)),
            good: good,
            easy: MemoryState(
                stability: memory.stability * (1 + increase * w[16]), difficulty: difficulty(4)))
    }

    // MARK: - Due cards

    /// Applies the day's events and returns the cells with cards due, in a fixed order.
    private mutating func dueGroups(on day: Int) -> [(cell: Int, sums: Sums)] {
        for event in events[day] {
            running[event.cell].add(event.sums, sign: event.isEnd ? -1 : 1)
            ranges[event.cell] += event.isEnd ? -1 : 1
            if !isActive[event.cell] {
                isActive[event.cell] = true
                active.append(event.cell)
            }
        }
        events[day] = []
        var groups: [(cell: Int, sums: Sums)] = []
        var stillActive: [Int] = []
        stillActive.reserveCapacity(active.count)
        for cell in active {
            if ranges[cell] == 0 {
                // No range covers the cell any more: clear the rounding left by the subtractions.
                running[cell] = Sums()
                isActive[cell] = false
            } else {
                stillActive.append(cell)
                // Below `negligible`, what is left is rounding from the subtractions.
                let sums = running[cell]
                if sums.cards > Self.negligible, sums.stability > 0, sums.difficulty > 0 {
                    groups.append((cell, sums))
                }
            }
        }
        active = stillActive
        return groups
    }

    /// Keeps `cards` not reviewed on `day` due on the next day.
    private mutating func postpone(_ cards: Sums, cell: Int, from day: Int) {
        guard cards.cards > 0 else { return }
        if day + 1 < settings.days {
            events[day + 1].append(Event(cell: cell, isEnd: false, sums: cards))
            if day + 2 < settings.days {
                events[day + 2].append(Event(cell: cell, isEnd: true, sums: cards))
            }
        } else {
            let elapsed = Double(day) - cards.meanLastReviewDay
            wordsKnown +=
                cards.cards
                * model.retrievability(elapsedDays: elapsed, stability: cards.memory.stability)
        }
    }

    // MARK: - Answered cards

    /// Fewer cards than this are dropped: their share of a forecast is below any rounding.
    private static let negligible = 1e-9

    /// Adds `cards` answered today that reached `memory`.
    private mutating func collect(_ cards: Double, memory: MemoryState) {
        guard cards > Self.negligible else { return }
        let cell = grid.cell(of: memory)
        if answered[cell].probability == 0 { answeredCells.append(cell) }
        answered[cell].add(memory, probability: cards)
    }

    /// Schedules the cards answered on `day`, cell by cell: the interval `FSRSScheduler` gives
    /// their mean memory, spread evenly over its fuzz range.
    private mutating func scheduleAnswered(on day: Int) {
        for answeredCell in answeredCells {
            let sum = answered[answeredCell]
            answered[answeredCell] = .zero
            let memory = sum.memory
            let interval = scheduler.days(for: memory)
            let range =
                settings.fuzzesIntervals
                ? Fuzz.range(forDays: interval, maximumInterval: settings.maximumInterval)
                    ?? interval...interval
                : interval...interval
            let perDay = Sums(
                cards: sum.probability / Double(range.count), memory: memory,
                lastReviewDay: Double(day))
            let cell = grid.cell(of: memory)
            let first = day + range.lowerBound
            let last = day + range.upperBound
            if first < settings.days {
                events[first].append(Event(cell: cell, isEnd: false, sums: perDay))
                if last + 1 < settings.days {
                    events[last + 1].append(Event(cell: cell, isEnd: true, sums: perDay))
                }
            }
            // Days of the range past the end: not reviewed again, count as known at the end.
            let beyond = last - max(first, settings.days) + 1
            if beyond > 0 {
                wordsKnown +=
                    perDay.cards * Double(beyond)
                    * model.retrievability(
                        elapsedDays: Double(settings.days - 1 - day), stability: memory.stability)
            }
        }
        answeredCells.removeAll(keepingCapacity: true)
    }

    /// Takes the cards forgotten today through their relearning steps, cell by cell.
    private mutating func relearnLapsed() {
        for cell in lapsedCells {
            let sum = lapsed[cell]
            lapsed[cell] = .zero
            let lapse = sum.memory
            for outcome in relearningOutcomes(after: lapse).outcomes {
                let after = MemoryState(
                    stability: lapse.stability * outcome.stabilityRatio,
                    difficulty: min(max(lapse.difficulty + outcome.difficultyChange, 1), 10))
                collect(sum.probability * outcome.probability, memory: after)
            }
        }
        lapsedCells.removeAll(keepingCapacity: true)
    }

    /// How relearning ends after a lapse that left `lapse`, computed once per grid cell.
    private mutating func relearningOutcomes(after lapse: MemoryState) -> Relearning {
        let cell = grid.cell(of: lapse)
        if let known = relearning[cell] { return known }
        let step = settings.relearningStepCount > 0 ? 0 : nil
        let chain = StepChain(
            memory: lapse, step: step, previous: .again, stepCount: settings.relearningStepCount,
            ratings: settings.relearningStepRatings, seconds: settings.relearningSeconds,
            model: model, grid: grid)
        let outcomes = Relearning(
            outcomes: chain.outcomes.map {
                (
                    $0.probability, $0.memory.stability / lapse.stability,
                    $0.memory.difficulty - lapse.difficulty
                )
            },
            seconds: chain.seconds)
        relearning[cell] = outcomes
        return outcomes
    }
}
