import Foundation
import SpacedRepetition

/// An associate's forecast of daily reviews, and whether they will drown.
public struct WorkloadOutlook: Hashable, Sendable {
    /// The login-style name.
    public let name: String
    /// The name people read.
    public let displayName: String
    /// The associate's study day of the first forecast day (days since 1970-01-01).
    public let firstDay: Int
    /// Expected reviews on each day, today first (new cards not counted).
    public let reviews: [Double]
    /// Expected minutes on each day, new cards included.
    public let minutes: [Double]
    /// The most reviews expected on one day.
    public var peakReviews: Double { reviews.max() ?? 0 }
    /// The day of the peak, counted from today (0).
    public var peakDay: Int { reviews.indices.max { reviews[$0] < reviews[$1] } ?? 0 }
    /// The reviews a day above which the associate drowns.
    public let limit: Double

    /// Whether some day needs more reviews than ``limit``.
    public var willDrown: Bool { peakReviews > limit }

    /// Forecasts `history` from `timeline`'s card states at `now` (unlimited reviews, to see
    /// the whole demand; new cards at the associate's pace).
    init(
        _ history: AssociateHistory, timeline: CardTimeline, now: Date,
        thresholds: InsightThresholds
    ) throws(InsightError) {
        let counting = history.dayCounting
        let today = counting.dayNumber(of: now)
        let cards = timeline.states.compactMap { state -> WorkloadSimulator.StudiedCard? in
            guard let memory = state.memoryState, let last = state.lastReview,
                let due = state.due
            else { return nil }
            return WorkloadSimulator.StudiedCard(
                memory: memory, lastReviewDay: min(counting.dayNumber(of: last) - today, 0),
                dueDay: state.phase == .review ? counting.dayNumber(of: due) - today : 0)
        }
        let settings = WorkloadSimulator.Settings(
            deckSize: max(history.newCardsLeft, 0), days: thresholds.forecastDays,
            newCardsPerDay: max(history.newCardsPerDay, 0), reviewsPerDay: nil,
            minutesPerDay: nil, studiedCards: cards)
        let forecast: WorkloadForecast
        do {
            forecast = try WorkloadSimulator(parameters: history.parameters, settings: settings)
                .forecast(desiredRetention: history.targetRetention)
        } catch {
            throw InsightError(
                problems: error.problems.map { "\(history.name)'s workload: \($0)" })
        }
        name = history.name
        displayName = history.displayName
        firstDay = today
        reviews = forecast.days.map(\.reviews)
        minutes = forecast.days.map(\.minutes)
        limit = min(
            thresholds.drowningReviewsPerDay,
            history.reviewsPerDay.map(Double.init) ?? .infinity)
    }
}

/// Settings the sections cannot be computed with, one sentence each.
public struct InsightError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem, naming the associate.
    public let problems: [String]

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
