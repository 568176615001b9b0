import Dispatch
import Foundation

/// Forecasts the daily workload of studying a deck with FSRS: the expected reviews and minutes
/// per day, and the words known at the end, for each desired retention.
///
/// The learner is modelled as fsrs-rs's simulator models one (`src/simulation.rs`,
/// `SimulatorConfig::default()`): a review is recalled with probability R at that moment, and a
/// recalled card is rated Hard, Good or Easy with fixed chances; a new card's first rating and
/// each (re)learning step's rating are drawn from fixed tables; each answer takes a fixed time
/// by phase and rating. The scheduler is `FSRSScheduler`: the same memory model (`FSRSModel`),
/// intervals rounded the same way, the same fuzz ranges, learning and relearning steps within
/// the day with the same step rules.
///
/// Rather than drawing random learners, the forecast propagates expected numbers of cards, so
/// it is deterministic and free of sampling noise:
/// - Cards due on a day are grouped by the cell of their memory on `MemoryGrid` (8 cells per
///   doubling of S, 0.5 of D), each group keeping its mean S, mean D and mean days since the
///   last review. A group splits into its four answers by their probabilities; its mean days,
///   say 9.3, are answered as 70 % at 9 days and 30 % at 10, which keeps the mean.
/// - Answered cards are grouped again by the cell of their new memory and scheduled: the
///   interval `FSRSScheduler` gives, spread evenly over its fuzz range, as the fuzz draws it.
/// - New cards and lapsed cards go through their same-day steps as a `StepChain`: every path
///   with its probability, until less than 10⁻⁴ of the cards are still stepping. The lapsed
///   cards of a day are grouped by cell first; a cell's relearning is computed once, then
///   applied to later lapses in that cell as ratios of S and changes of D.
/// Merging cards within a cell is the only approximation; against Monte-Carlo runs of
/// `FSRSScheduler` the forecast agrees within about 1 % (docs/OPTIMIZER.md).
///
/// Daily limits apply to expected numbers, as a fluid: when the cards due exceed the review
/// limit or the time limit, the same share of every group is reviewed and the rest waits a day.
/// New cards are introduced after the reviews, up to the new-card limit, the deck's remaining
/// cards and the time left; they do not count against the review limit (fsrs-rs's
/// `new_cards_ignore_review_limit`).
public struct WorkloadSimulator: Sendable {
    /// The ratings chosen at (re)learning steps, by the rating given just before.
    public struct StepRatings: Hashable, Sendable {
        /// The chances of each rating after an Again.
        public var afterAgain: PerRating<Double>
        /// The chances of each rating after a Hard.
        public var afterHard: PerRating<Double>
        /// The chances of each rating after a Good.
        public var afterGood: PerRating<Double>

        /// Creates the table (each row is normalised when used).
        public init(
            afterAgain: PerRating<Double>, afterHard: PerRating<Double>,
            afterGood: PerRating<Double>
        ) {
            self.afterAgain = afterAgain
            self.afterHard = afterHard
            self.afterGood = afterGood
        }

        /// The row for the rating given before, normalised to add up to 1 (Easy graduates, so
        /// it has no row; Good's row stands in).
        func row(after previous: Rating) -> PerRating<Double> {
            let row =
                switch previous {
                case .again: afterAgain
                case .hard: afterHard
                case .good, .easy: afterGood
                }
            return WorkloadSimulator.normalised(row)
        }
    }

    /// What is simulated; every default is fsrs-rs's `SimulatorConfig::default()` except those
    /// that describe Lianxi's scheduler (fuzz on, as `FSRSScheduler`'s default).
    public struct Settings: Hashable, Sendable {
        /// Cards in the deck, all new at the start.
        public var deckSize: Int
        /// Days simulated.
        public var days: Int
        /// At most this many new cards a day; `nil` for no limit.
        public var newCardsPerDay: Int?
        /// At most this many reviews a day; `nil` for no limit.
        public var reviewsPerDay: Int?
        /// At most this much study time a day, in minutes; `nil` for no limit.
        public var minutesPerDay: Double?
        /// The scheduler's learning steps (all within the day).
        public var learningStepCount: Int
        /// The scheduler's relearning steps (all within the day).
        public var relearningStepCount: Int
        /// The longest interval, in days.
        public var maximumInterval: Int
        /// Whether intervals are fuzzed as `FSRSScheduler` fuzzes them.
        public var fuzzesIntervals: Bool
        /// The chances of each rating at a new card's first answer.
        public var firstRatings: PerRating<Double>
        /// The chances of Hard, Good and Easy when a review is recalled (`again` is ignored:
        /// a review is forgotten with probability 1 − R).
        public var recallRatings: PerRating<Double>
        /// The ratings at learning steps.
        public var learningStepRatings: StepRatings
        /// The ratings at relearning steps.
        public var relearningStepRatings: StepRatings
        /// Seconds per answer of a new or learning card, by rating.
        public var learningSeconds: PerRating<Double>
        /// Seconds per answer of a review, by rating.
        public var reviewSeconds: PerRating<Double>
        /// Seconds per answer of a relearning step, by rating.
        public var relearningSeconds: PerRating<Double>
        /// Cards already studied when the simulation starts (the deck's new cards come on top).
        public var studiedCards: [StudiedCard]

        /// Creates settings; every argument defaults to fsrs-rs's simulator default.
        public init(
            deckSize: Int = 10_000,
            days: Int = 365,
            newCardsPerDay: Int? = nil,
            reviewsPerDay: Int? = nil,
            minutesPerDay: Double? = 30,
            learningStepCount: Int = 2,
            relearningStepCount: Int = 1,
            maximumInterval: Int = 36_500,
            fuzzesIntervals: Bool = true,
            firstRatings: PerRating<Double> = .init(
                again: 0.24, hard: 0.094, good: 0.495, easy: 0.171),
            recallRatings: PerRating<Double> = .init(
                again: 0, hard: 0.224, good: 0.631, easy: 0.145),
            learningStepRatings: StepRatings = .init(
                afterAgain: .init(again: 0.3686, hard: 0.0628, good: 0.5108, easy: 0.0577),
                afterHard: .init(again: 0.0442, hard: 0.4553, good: 0.4457, easy: 0.0549),
                afterGood: .init(again: 0.0519, hard: 0.047, good: 0.8462, easy: 0.055)),
            relearningStepRatings: StepRatings = .init(
                afterAgain: .init(again: 0.2157, hard: 0.0643, good: 0.6595, easy: 0.0604),
                afterHard: .init(again: 0.05, hard: 0.4638, good: 0.4475, easy: 0.0387),
                afterGood: .init(again: 0.1057, hard: 0.1434, good: 0.7266, easy: 0.0244)),
            learningSeconds: PerRating<Double> = .init(
                again: 19.58, hard: 18.79, good: 13.78, easy: 10.71),
            reviewSeconds: PerRating<Double> = .init(
                again: 19.38, hard: 17.59, good: 12.38, easy: 8.94),
            relearningSeconds: PerRating<Double> = .init(
                again: 16.44, hard: 15.25, good: 12.32, easy: 8.03),
            studiedCards: [StudiedCard] = []
        ) {
            self.deckSize = deckSize
            self.days = days
            self.newCardsPerDay = newCardsPerDay
            self.reviewsPerDay = reviewsPerDay
            self.minutesPerDay = minutesPerDay
            self.learningStepCount = learningStepCount
            self.relearningStepCount = relearningStepCount
            self.maximumInterval = maximumInterval
            self.fuzzesIntervals = fuzzesIntervals
            self.firstRatings = firstRatings
            self.recallRatings = recallRatings
            self.learningStepRatings = learningStepRatings
            self.relearningStepRatings = relearningStepRatings
            self.learningSeconds = learningSeconds
            self.reviewSeconds = reviewSeconds
            self.relearningSeconds = relearningSeconds
            self.studiedCards = studiedCards
        }
    }

    /// A card already studied when the simulation starts: its memory, when it was last
    /// reviewed and when it is due, in days counted from the first simulated day (day 0).
    ///
    /// It keeps its due day whatever retention is simulated, as fsrs-rs's simulator keeps an
    /// existing card's due date; from its next review on it is scheduled for that retention.
    public struct StudiedCard: Hashable, Sendable {
        /// Its memory now.
        public var memory: MemoryState
        /// The day of its last review: 0 today, −3 three days before the first simulated day.
        public var lastReviewDay: Int
        /// The day it comes due; a card overdue (a day before 0) is reviewed on day 0.
        public var dueDay: Int

        /// Creates a studied card.
        public init(memory: MemoryState, lastReviewDay: Int, dueDay: Int) {
            self.memory = memory
            self.lastReviewDay = lastReviewDay
            self.dueDay = dueDay
        }
    }

    /// The model's parameters.
    public let parameters: Parameters
    /// What is simulated.
    public let settings: Settings
    /// The grid on which memory states are merged.
    let grid: MemoryGrid

    /// Prepares a simulation, or throws an error that lists every invalid setting.
    public init(
        parameters: Parameters = .default, settings: Settings = Settings()
    ) throws(SimulationSettingsError) {
        var problems: [String] = []
        if settings.deckSize < 0 { problems.append("the deck size cannot be negative") }
        if settings.days < 1 { problems.append("simulate at least 1 day") }
        if let limit = settings.newCardsPerDay, limit < 0 {
            problems.append("the new-card limit cannot be negative")
        }
        if let limit = settings.reviewsPerDay, limit < 0 {
            problems.append("the review limit cannot be negative")
        }
        if let limit = settings.minutesPerDay, !(limit >= 0 && limit.isFinite) {
            problems.append("the time limit must be a number of minutes, 0 or more")
        }
        if settings.learningStepCount < 0 || settings.relearningStepCount < 0 {
            problems.append("the number of steps cannot be negative")
        }
        if settings.maximumInterval < 1 {
            problems.append("the maximum interval must be at least 1 day")
        }
        let tables: [(String, PerRating<Double>, [Rating])] = [
            ("first ratings", settings.firstRatings, Rating.allCases),
            ("recall ratings", settings.recallRatings, [.hard, .good, .easy]),
            (
                "learning ratings after Again", settings.learningStepRatings.afterAgain,
                Rating.allCases
            ),
            (
                "learning ratings after Hard", settings.learningStepRatings.afterHard,
                Rating.allCases
            ),
            (
                "learning ratings after Good", settings.learningStepRatings.afterGood,
                Rating.allCases
            ),
            (
                "relearning ratings after Again", settings.relearningStepRatings.afterAgain,
                Rating.allCases
            ),
            (
                "relearning ratings after Hard", settings.relearningStepRatings.afterHard,
                Rating.allCases
            ),
            (
                "relearning ratings after Good", settings.relearningStepRatings.afterGood,
                Rating.allCases
            ),
        ]
        for (name, table, ratings) in tables {
            let values = ratings.map { table[$0] }
            if values.contains(where: { !($0 >= 0 && $0.isFinite) })
                || values.reduce(0, +) <= 0
            {
                problems.append("the \(name) must be chances of 0 or more, not all 0")
            }
        }
        for (name, table) in [
            ("learning", settings.learningSeconds), ("review", settings.reviewSeconds),
            ("relearning", settings.relearningSeconds),
        ] where Rating.allCases.contains(where: { !(table[$0] >= 0 && table[$0].isFinite) }) {
            problems.append("the \(name) answer times must be seconds, 0 or more")
        }
        let invalidCards = settings.studiedCards.count {
            !($0.memory.stability > 0 && $0.memory.stability.isFinite)
                || !(1...10).contains($0.memory.difficulty) || $0.lastReviewDay > 0
        }
        if invalidCards > 0 {
            problems.append(
                "\(invalidCards) studied card\(invalidCards == 1 ? "" : "s") need a positive "
                    + "stability, a difficulty from 1 to 10 and a last review on day 0 or before")
        }
        guard problems.isEmpty else { throw SimulationSettingsError(problems: problems) }
        self.parameters = parameters
        self.settings = settings
        grid = .standard
    }

    /// The forecast for each of `desiredRetentions`, in the same order.
    ///
    /// The forecasts are independent; they are computed side by side on the available cores.
    public func forecasts(
        desiredRetentions: [Double]
    ) throws(SimulationSettingsError) -> [WorkloadForecast] {
        let problems = desiredRetentions.filter { !($0 > 0 && $0 < 1) }.map {
            "desired retention \($0) must lie between 0 and 1"
        }
        guard problems.isEmpty else { throw SimulationSettingsError(problems: problems) }
        var results = [Result<WorkloadForecast, SimulationSettingsError>?](
            repeating: nil, count: desiredRetentions.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: desiredRetentions.count) { index in
                slots[index] = Result { () throws(SimulationSettingsError) in
                    try forecast(desiredRetention: desiredRetentions[index])
                }
            }
        }
        var forecasts: [WorkloadForecast] = []
        for result in results {
            if let result { forecasts.append(try result.get()) }
        }
        return forecasts
    }

    /// The forecast when scheduling for `desiredRetention` (between 0 and 1).
    public func forecast(
        desiredRetention: Double
    ) throws(SimulationSettingsError) -> WorkloadForecast {
        let scheduler: FSRSScheduler
        do {
            scheduler = try FSRSScheduler(
                parameters: parameters, desiredRetention: desiredRetention,
                maximumInterval: settings.maximumInterval, fuzzesIntervals: false)
        } catch {
            throw SimulationSettingsError(problems: error.problems)
        }
        var run = SimulationRun(scheduler: scheduler, settings: settings, grid: grid)
        return run.forecast()
    }

    /// `table` scaled to add up to 1.
    static func normalised(_ table: PerRating<Double>) -> PerRating<Double> {
        let total = table.again + table.hard + table.good + table.easy
        return PerRating(
            again: table.again / total, hard: table.hard / total, good: table.good / total,
            easy: table.easy / total)
    }
}
