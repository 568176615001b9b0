import Foundation
import SpacedRepetition
import TestSupport

/// Studying a deck with the real scheduler, `FSRSScheduler` with fuzz, and a learner drawn at
/// random as `WorkloadSimulator` models one: the Monte-Carlo check of the forecast.
///
/// Each day at 08:00 UTC the learner answers the cards due that day (with a review limit: the
/// longest-waiting first, the rest wait a day), then the day's new cards. A review is recalled
/// with the scheduler's own R at that moment and then rated Hard, Good or Easy with the
/// settings' chances; a new card's first rating comes from `firstRatings`; each (re)learning step
/// is answered when it falls due, later the same day, with a rating drawn from the row of the
/// previous rating, until the card is back in review. Studied cards start in review, due on
/// their day. Days are counted in calendar days (UTC,
/// midnight rollover), so the steps count 0 days. The time limit is not modelled.
struct SimulatorMonteCarlo {
    let parameters: Parameters
    let settings: WorkloadSimulator.Settings

    /// What one run measured, day by day.
    struct Outcome {
        var reviews: [Double]
        var newCards: [Double]
        var minutes: [Double]
        var wordsKnown = 0.0

        init(days: Int) {
            reviews = Array(repeating: 0, count: days)
            newCards = Array(repeating: 0, count: days)
            minutes = Array(repeating: 0, count: days)
        }

        /// The mean of `runs`, day by day.
        init(averaging runs: [Outcome]) {
            self.init(days: runs.first?.reviews.count ?? 0)
            let share = 1 / Double(runs.count)
            for run in runs {
                for day in reviews.indices {
                    reviews[day] += run.reviews[day] * share
                    newCards[day] += run.newCards[day] * share
                    minutes[day] += run.minutes[day] * share
                }
                wordsKnown += run.wordsKnown * share
            }
        }
    }

    enum MonteCarloError: Error { case noUTC, timeLimit }

    /// One run, its random draws seeded by `seed`.
    func run(desiredRetention: Double, seed: UInt64) throws -> Outcome {
        guard let utc = TimeZone(identifier: "UTC") else { throw MonteCarloError.noUTC }
        guard settings.minutesPerDay == nil else { throw MonteCarloError.timeLimit }
        let scheduler = try FSRSScheduler(
            parameters: parameters, desiredRetention: desiredRetention,
            learningSteps: Array([60.0, 600, 1_200, 1_800].prefix(settings.learningStepCount)),
            relearningSteps: Array([600.0, 1_200, 1_800].prefix(settings.relearningStepCount)),
            maximumInterval: settings.maximumInterval, fuzzesIntervals: settings.fuzzesIntervals,
            dayCounting: .calendarDays(timeZone: utc, rolloverHour: 0))
        var study = Study(
            scheduler: scheduler, settings: settings, draws: SeededGenerator(seed: seed),
            fuzz: SeededGenerator(seed: seed &+ 0x5EED))
        return study.run()
    }

    /// The state of one run.
    private struct Study {
        let scheduler: FSRSScheduler
        let settings: WorkloadSimulator.Settings
        var draws: SeededGenerator
        var fuzz: SeededGenerator
        var cards: [CardState] = []
        var dueOn: [[Int]] = []
        let epoch = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

        mutating func run() -> Outcome {
            let days = settings.days
            var outcome = Outcome(days: days)
            dueOn = Array(repeating: [], count: days)
            var waiting: [Int] = []
            // Cards already studied: last reviewed and due on their days (overdue: day 0).
            for card in settings.studiedCards {
                guard
                    let state = CardState(
                        restoring: .review, memory: .fsrs(card.memory),
                        lastReview: epoch.addingTimeInterval(Double(card.lastReviewDay) * 86_400),
                        due: epoch.addingTimeInterval(Double(max(card.dueDay, 0)) * 86_400),
                        reps: 1, lapses: 0)
                else { continue }
                cards.append(state)
                schedule(cards.count - 1)
            }
            var introduced = 0
            for day in 0..<days {
                let session = epoch.addingTimeInterval(Double(day) * 86_400 + 8 * 3_600)
                var seconds = 0.0
                let due = waiting + dueOn[day]
                let reviewed = min(due.count, settings.reviewsPerDay ?? Int.max)
                waiting = Array(due[reviewed...])
                for index in due[..<reviewed] {
                    let r = scheduler.retrievability(of: cards[index], at: session)
                    let rating =
                        unit() < r
                        ? draw(settings.recallRatings, among: [.hard, .good, .easy]) : .again
                    seconds += settings.reviewSeconds[rating]
                    outcome.reviews[day] += 1
                    seconds += answer(
                        index, rating: rating, at: session, steps: settings.relearningStepRatings,
                        seconds: settings.relearningSeconds)
                    schedule(index)
                }
                let newCards = max(
                    min(settings.newCardsPerDay ?? Int.max, settings.deckSize - introduced), 0)
                introduced += newCards
                for _ in 0..<newCards {
                    cards.append(.new)
                    let rating = draw(settings.firstRatings, among: Rating.allCases)
                    seconds += settings.learningSeconds[rating]
                    seconds += answer(
                        cards.count - 1, rating: rating, at: session,
                        steps: settings.learningStepRatings, seconds: settings.learningSeconds)
                    schedule(cards.count - 1)
                }
                outcome.newCards[day] = Double(newCards)
                outcome.minutes[day] = seconds / 60
            }
            let end = epoch.addingTimeInterval(Double(days - 1) * 86_400 + 23 * 3_600)
            outcome.wordsKnown = cards.reduce(0) { $0 + scheduler.retrievability(of: $1, at: end) }
            return outcome
        }

        /// Answers card `index` with `rating`, then its same-day steps; returns their seconds.
        private mutating func answer(
            _ index: Int, rating: Rating, at time: Date, steps: WorkloadSimulator.StepRatings,
            seconds: PerRating<Double>
        ) -> Double {
            var outcome = scheduler.review(cards[index], rating: rating, at: time, using: &fuzz)
            var spent = 0.0
            var previous = rating
            while outcome.card.phase != .review {
                let next = draw(row(of: steps, after: previous), among: Rating.allCases)
                spent += seconds[next]
                outcome = scheduler.review(
                    outcome.card, rating: next, at: outcome.card.due ?? time, using: &fuzz)
                previous = next
            }
            cards[index] = outcome.card
            return spent
        }

        private mutating func schedule(_ index: Int) {
            guard let due = cards[index].due else { return }
            let day = scheduler.dayCounting.days(from: epoch, to: due)
            if day < settings.days { dueOn[day].append(index) }
        }

        private mutating func unit() -> Double {
            Double(draws.next() >> 11) * 0x1.0p-53
        }

        private mutating func draw(_ table: PerRating<Double>, among ratings: [Rating]) -> Rating {
            var left = unit() * ratings.reduce(0) { $0 + table[$1] }
            for rating in ratings {
                left -= table[rating]
                if left < 0 { return rating }
            }
            return ratings[ratings.count - 1]
        }

        private func row(of table: WorkloadSimulator.StepRatings, after rating: Rating)
            -> PerRating<Double>
        {
            switch rating {
            case .again: table.afterAgain
            case .hard: table.afterHard
            case .good, .easy: table.afterGood
            }
        }
    }
}
