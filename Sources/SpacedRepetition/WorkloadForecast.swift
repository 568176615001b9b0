/// The expected workload of studying a deck for one desired retention.
public struct WorkloadForecast: Hashable, Sendable {
    /// One simulated day.
    public struct Day: Hashable, Sendable {
        /// Expected reviews of cards already learnt (first answers and step answers excluded).
        public let reviews: Double
        /// Expected new cards introduced.
        public let newCards: Double
        /// Expected minutes spent answering: reviews, new cards and their same-day steps.
        public let minutes: Double
    }

    /// The desired retention the scheduler aimed for.
    public let desiredRetention: Double
    /// Each simulated day, in order.
    public let days: [Day]
    /// The expected number of introduced cards that would be recalled at the end of the last
    /// day: the sum of their chances of recall.
    public let wordsKnown: Double

    /// Expected reviews over all days.
    public var totalReviews: Double { days.reduce(0) { $0 + $1.reviews } }
    /// Expected new cards introduced over all days.
    public var totalNewCards: Double { days.reduce(0) { $0 + $1.newCards } }
    /// Expected minutes over all days.
    public var totalMinutes: Double { days.reduce(0) { $0 + $1.minutes } }
    /// Expected reviews per day, on average.
    public var averageReviewsPerDay: Double { days.isEmpty ? 0 : totalReviews / Double(days.count) }
    /// Expected minutes per day, on average.
    public var averageMinutesPerDay: Double { days.isEmpty ? 0 : totalMinutes / Double(days.count) }
}
