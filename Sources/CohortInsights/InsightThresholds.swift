/// When the trainer's sections flag an associate, and how long the lists are (docs/REPORTS.md,
/// "Trainer's sections").
public struct InsightThresholds: Hashable, Sendable {
    /// At risk when the last answer was this many study days ago or more.
    public var idleDays: Int
    /// The overdue backlog is compared with what it was this many days ago.
    public var backlogWindowDays: Int
    /// At risk when the overdue backlog grew by at least this many cards over the window.
    public var backlogGrowthCards: Int
    /// True retention is counted over this many days up to now.
    public var retentionWindowDays: Int
    /// True retention is judged only on at least this many review answers in its window.
    public var retentionMinimumAnswers: Int
    /// At risk when true retention falls more than this below the associate's target.
    public var retentionMargin: Double
    /// Days the workload is forecast, today first.
    public var forecastDays: Int
    /// Will drown when a forecast day needs more reviews than this, or than the associate's
    /// own daily review limit if that is lower.
    public var drowningReviewsPerDay: Double
    /// Words in the hardest-words list.
    public var hardestWordCount: Int

    /// The defaults: idle from 7 days, a backlog grown by 10 cards in 7 days, true retention
    /// over 30 days (at least 20 review answers) more than 5 points under target, and more
    /// than 150 reviews on any of the next 30 days; 20 hardest words.
    public static let standard = InsightThresholds()

    /// Creates thresholds; every argument defaults to ``standard``'s value.
    public init(
        idleDays: Int = 7, backlogWindowDays: Int = 7, backlogGrowthCards: Int = 10,
        retentionWindowDays: Int = 30, retentionMinimumAnswers: Int = 20,
        retentionMargin: Double = 0.05, forecastDays: Int = 30,
        drowningReviewsPerDay: Double = 150, hardestWordCount: Int = 20
    ) {
        self.idleDays = idleDays
        self.backlogWindowDays = backlogWindowDays
        self.backlogGrowthCards = backlogGrowthCards
        self.retentionWindowDays = retentionWindowDays
        self.retentionMinimumAnswers = retentionMinimumAnswers
        self.retentionMargin = retentionMargin
        self.forecastDays = forecastDays
        self.drowningReviewsPerDay = drowningReviewsPerDay
        self.hardestWordCount = hardestWordCount
    }
}
