import ChineseText
import Foundation
import Storage

/// Settings of an associate as someone typed them, each optional (`nil`: leave as it is).
///
/// Checked as a whole, so every bad value is reported at once.
public struct AssociateSettings: Hashable, Sendable {
    /// The name shown on screen.
    public var displayName: String?
    /// An IANA time zone (`Europe/Lisbon`).
    public var timeZone: String?
    /// The local hour a new study day starts, 0–23.
    public var rolloverHour: Int?
    /// FSRS's desired retention, 0.70–0.99.
    public var desiredRetention: Double?
    /// New cards per day, 0–9999.
    public var newCardsPerDay: Int?
    /// Reviews per day at most, 0–99999.
    public var maxReviewsPerDay: Int?
    /// The scheduling algorithm.
    public var scheduler: SchedulerKind?
    /// The tone colour palette.
    public var tonePalette: TonePalette?
    /// What happens to a leech.
    public var leechAction: LeechAction?
    /// Whether a word is played when its answer is shown.
    public var playsAudio: Bool?
    /// Whether listening cards are studied.
    public var studiesListening: Bool?
    /// Whether to use FSRS's default parameters again (forgetting fitted or unreadable ones).
    public var defaultParameters: Bool

    /// Desired retention accepted.
    public static let retentionRange = 0.70...0.99
    /// Desired retention accepted without a warning.
    public static let comfortableRetention = 0.75...0.97
    /// Rollover hours accepted.
    public static let rolloverHours = 0...23
    /// New cards per day accepted (the database's own bound).
    public static let newCardsRange = 0...9999
    /// Reviews per day accepted (the database's own bound).
    public static let reviewsRange = 0...99999

    /// Creates settings; leave out what should not change.
    public init(
        displayName: String? = nil, timeZone: String? = nil, rolloverHour: Int? = nil,
        desiredRetention: Double? = nil, newCardsPerDay: Int? = nil,
        maxReviewsPerDay: Int? = nil, scheduler: SchedulerKind? = nil,
        tonePalette: TonePalette? = nil, leechAction: LeechAction? = nil,
        playsAudio: Bool? = nil, studiesListening: Bool? = nil, defaultParameters: Bool = false
    ) {
        self.displayName = displayName
        self.timeZone = timeZone
        self.rolloverHour = rolloverHour
        self.desiredRetention = desiredRetention
        self.newCardsPerDay = newCardsPerDay
        self.maxReviewsPerDay = maxReviewsPerDay
        self.scheduler = scheduler
        self.tonePalette = tonePalette
        self.leechAction = leechAction
        self.playsAudio = playsAudio
        self.studiesListening = studiesListening
        self.defaultParameters = defaultParameters
    }

    /// The settings an associate has now, every field given.
    public init(of associate: Associate) {
        self.init(
            displayName: associate.displayName, timeZone: associate.timeZone,
            rolloverHour: associate.rolloverHour, desiredRetention: associate.desiredRetention,
            newCardsPerDay: associate.newCardsPerDay,
            maxReviewsPerDay: associate.maxReviewsPerDay, scheduler: associate.scheduler,
            tonePalette: TonePalette(rawValue: associate.tonePalette),
            leechAction: associate.leechAction, playsAudio: associate.playsAudio,
            studiesListening: associate.studiesListening)
    }

    /// Whether nothing is given.
    public var isEmpty: Bool { self == AssociateSettings() }

    /// Every value out of its range, each naming the option and what it accepts.
    public var problems: [AssociateSettingProblem] {
        var problems: [AssociateSettingProblem] = []
        if let displayName, displayName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.emptyDisplayName)
        }
        if let displayName, let scalar = UntrustedText.unshowableCharacter(in: displayName) {
            problems.append(.unshowableDisplayName(scalar))
        }
        if let timeZone, !Self.isTimeZone(timeZone) {
            problems.append(.unknownTimeZone(timeZone))
        }
        if let rolloverHour, !Self.rolloverHours.contains(rolloverHour) {
            problems.append(.rolloverHour(rolloverHour))
        }
        if let desiredRetention, !Self.retentionRange.contains(desiredRetention) {
            problems.append(.retention(desiredRetention))
        }
        if let newCardsPerDay, !Self.newCardsRange.contains(newCardsPerDay) {
            problems.append(.newCardsPerDay(newCardsPerDay))
        }
        if let maxReviewsPerDay, !Self.reviewsRange.contains(maxReviewsPerDay) {
            problems.append(.maxReviewsPerDay(maxReviewsPerDay))
        }
        return problems
    }

    /// Advice about values that are accepted but unwise.
    public var warnings: [String] {
        guard let desiredRetention, Self.retentionRange.contains(desiredRetention),
            !Self.comfortableRetention.contains(desiredRetention)
        else { return [] }
        return desiredRetention < Self.comfortableRetention.lowerBound
            ? [
                "A desired retention of \(desiredRetention) means forgetting often: "
                    + "most people do best between 0.75 and 0.97."
            ]
            : [
                "A desired retention of \(desiredRetention) costs many reviews for little gain: "
                    + "most people do best between 0.75 and 0.97."
            ]
    }

    /// `associate` with these settings applied (unchecked: look at ``problems`` first).
    public func applied(to associate: Associate) -> Associate {
        var changed = associate
        if let displayName {
            changed.displayName = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let timeZone { changed.timeZone = timeZone }
        if let rolloverHour { changed.rolloverHour = rolloverHour }
        if let desiredRetention { changed.desiredRetention = desiredRetention }
        if let newCardsPerDay { changed.newCardsPerDay = newCardsPerDay }
        if let maxReviewsPerDay { changed.maxReviewsPerDay = maxReviewsPerDay }
        if let scheduler { changed.scheduler = scheduler }
        if let tonePalette { changed.tonePalette = tonePalette.rawValue }
        if let leechAction { changed.leechAction = leechAction }
        if let playsAudio { changed.playsAudio = playsAudio }
        if let studiesListening { changed.studiesListening = studiesListening }
        if defaultParameters { changed.fsrsParameters = nil }
        return changed
    }

    /// Whether `identifier` names an IANA time zone (`UTC` and `GMT` included).
    public static func isTimeZone(_ identifier: String) -> Bool {
        // The known list holds ICU's canonical names (Asia/Calcutta, not Asia/Kolkata), so a
        // region/city name is also accepted when the system's time zone data knows it.
        identifier == "UTC" || identifier == "GMT"
            || ((TimeZone.knownTimeZoneIdentifiers.contains(identifier) || identifier.contains("/"))
                && TimeZone(identifier: identifier) != nil)
    }

    /// Whether `name` can name an associate: one word (no spaces), at most 64 characters, no
    /// character a terminal would obey rather than show (``UntrustedText``).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && !name.hasPrefix("-")
            && !name.unicodeScalars.contains {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control
                    || UntrustedText.isUnshowable($0)
            }
    }
}

/// A setting out of range, written for the person at the keyboard.
public enum AssociateSettingProblem: Hashable, Sendable, CustomStringConvertible {
    /// The display name is blank.
    case emptyDisplayName
    /// The display name holds a character a terminal would obey rather than show.
    case unshowableDisplayName(Unicode.Scalar)
    /// Not an IANA time zone.
    case unknownTimeZone(String)
    /// Not an hour of the day.
    case rolloverHour(Int)
    /// Outside 0.70–0.99.
    case retention(Double)
    /// Outside 0–9999.
    case newCardsPerDay(Int)
    /// Outside 0–99999.
    case maxReviewsPerDay(Int)

    /// The message.
    public var description: String {
        switch self {
        case .emptyDisplayName:
            "--display-name cannot be empty."
        case .unshowableDisplayName(let scalar):
            "--display-name holds \(UntrustedText.describe(scalar)), which a terminal would obey "
                + "rather than show; remove it."
        case .unknownTimeZone(let zone):
            "--time-zone \"\(zone)\" is not an IANA time zone; use a name like "
                + "Asia/Shanghai, Europe/Lisbon or America/Sao_Paulo."
        case .rolloverHour(let hour):
            "--rollover-hour must be an hour from 0 to 23, got \(hour)."
        case .retention(let retention):
            "--retention must lie between 0.70 and 0.99, got \(retention)."
        case .newCardsPerDay(let count):
            "--new-per-day must be from 0 to 9999, got \(count)."
        case .maxReviewsPerDay(let count):
            "--reviews-per-day must be from 0 to 99999, got \(count)."
        }
    }
}
