import Foundation

/// An associate who studies, with their scheduling settings.
public struct Associate: Hashable, Sendable {
    /// The row id.
    public let id: Int64
    /// The unique login-style name (`ana`).
    public var name: String
    /// The name shown on screen (`Ana Souza`).
    public var displayName: String
    /// The IANA time zone their days are counted in (`Asia/Shanghai`).
    public var timeZone: String
    /// The local hour a new study day starts (4 = 4 am).
    public var rolloverHour: Int
    /// The chance of recall FSRS aims for when a card comes due (0.70–0.99).
    public var desiredRetention: Double
    /// New cards introduced per day at most.
    public var newCardsPerDay: Int
    /// Reviews per day at most.
    public var maxReviewsPerDay: Int
    /// The algorithm that schedules their cards.
    public var scheduler: SchedulerKind
    /// Their fitted FSRS parameters, or `nil` for the defaults.
    ///
    /// Setting them (a fit, a bundle, the defaults chosen again) forgets
    /// ``unreadableParameters``.
    public var fsrsParameters: [Double]? {
        didSet { unreadableParameters = nil }
    }
    /// The FSRS parameters as stored when they are not a list of numbers; `nil` when all is well.
    ///
    /// Then ``fsrsParameters`` is `nil`, yet the defaults are not what the associate had: FSRS
    /// refuses to schedule with them and `lianxi doctor` reports them.
    public internal(set) var unreadableParameters: String? = nil
    /// The tone colour palette: `pleco`, `dummitt`, `hanping` or `plain`.
    public var tonePalette: String
    /// What happens to a leech.
    public var leechAction: LeechAction
    /// Whether a word is played when its answer is shown (`--play-audio on`).
    public var playsAudio = false
    /// Whether they study listening cards (`--listening on`).
    public var studiesListening = false
    /// When they were registered.
    public let createdAt: Date
}

/// The algorithm an associate chose.
public enum SchedulerKind: String, CaseIterable, Hashable, Sendable {
    /// FSRS-6 (the default).
    case fsrs
    /// Anki's legacy SM-2.
    case sm2
}

/// What to do when a card becomes a leech.
public enum LeechAction: String, CaseIterable, Hashable, Sendable {
    /// Tag it and tell the associate.
    case tag
    /// Tag it and suspend it.
    case suspend
}
