import Foundation

// Changes that are not answers: answers taken back (retractions) and an associate's settings.
// They travel on their own endpoints, `POST /v1/changes` and `GET /v1/changes`, numbered by the
// server in one sequence, so one cursor covers both (docs/ACADEMY.md).

/// One of an associate's settings as it travels: which setting, its value, and when it was
/// changed on the device that changed it.
///
/// The server keeps, per associate and setting, the change with the latest
/// ``changedAtMs``; equal times go to the device enrolled later (the larger device number), so
/// the outcome never depends on the order changes arrive in.
public struct SettingChange: Codable, Hashable, Sendable {
    /// The setting's name, one of ``AcademySetting``'s raw values.
    public var name: String
    /// The value as text (a number in decimal, a name, `true` or `false`, or for
    /// `fsrs_parameters` a JSON list of numbers); `nil` only for `fsrs_parameters`, meaning
    /// FSRS's defaults.
    public var value: String?
    /// When the setting was changed, in milliseconds since 1970 (UTC), by the device's clock.
    public var changedAtMs: Int64

    enum CodingKeys: String, CodingKey {
        case name
        case value
        case changedAtMs = "changed_at_ms"
    }

    /// Creates a setting change.
    public init(name: String, value: String?, changedAtMs: Int64) {
        self.name = name
        self.value = value
        self.changedAtMs = changedAtMs
    }
}

/// The settings that belong to the person, not the machine, which travel between laptops.
///
/// Raw values are the protocol's names.
public enum AcademySetting: String, CaseIterable, Codable, Hashable, Sendable {
    /// The name shown on screen.
    case displayName = "display_name"
    /// The IANA time zone the associate's days are counted in.
    case timeZone = "time_zone"
    /// The local hour a new study day starts, 0-23.
    case rolloverHour = "rollover_hour"
    /// FSRS's desired retention, 0.70-0.99.
    case desiredRetention = "desired_retention"
    /// New cards per day, 0-9999.
    case newCardsPerDay = "new_cards_per_day"
    /// Reviews per day at most, 0-99999.
    case maxReviewsPerDay = "max_reviews_per_day"
    /// `fsrs` or `sm2`.
    case scheduler
    /// Fitted FSRS parameters (a JSON list of numbers), or none for the defaults.
    case fsrsParameters = "fsrs_parameters"
    /// `pleco`, `dummitt`, `hanping` or `plain`.
    case tonePalette = "tone_palette"
    /// `tag` or `suspend`.
    case leechAction = "leech_action"
    /// Whether a word is played when its answer shows: `true` or `false`.
    case playAudio = "play_audio"
    /// Whether listening cards are studied: `true` or `false`.
    case listening

    /// Whether the setting travels in `later_settings`: added after the first ten, so a server
    /// or laptop from before it does not know it (see ``ChangesPush/laterSettings``).
    public var travelsLater: Bool {
        switch self {
        case .playAudio, .listening: true
        default: false
        }
    }
}

extension SettingChange {
    /// Whether the change travels in `later_settings`: one of the settings added after the
    /// first ten (``AcademySetting/travelsLater``).
    public var travelsLater: Bool {
        AcademySetting(rawValue: name)?.travelsLater == true
    }
}

/// `POST /v1/changes`: a device sends the answers its associate took back and the settings
/// they changed.
public struct ChangesPush: Codable, Hashable, Sendable {
    /// The ids of answers taken back (undone), at most ``AcademyLimits/changesPerPush``.
    public var retractions: [String]
    /// Settings changed on this device, at most one per setting: the first ten
    /// (``AcademySetting/travelsLater`` false).
    public var settings: [SettingChange]
    /// The settings added since the first ten, at most one per setting.
    ///
    /// A server from before them passes the key over (a JSON key it does not know), and a
    /// server passes over a name here that it does not know (a newer device's), so a device
    /// keeps each pending until an answer holds it in ``ChangesPushResponse/laterSettings``.
    public var laterSettings: [SettingChange]

    enum CodingKeys: String, CodingKey {
        case retractions
        case settings
        case laterSettings = "later_settings"
    }

    /// Creates a push of changes.
    public init(
        retractions: [String], settings: [SettingChange], laterSettings: [SettingChange] = []
    ) {
        self.retractions = retractions
        self.settings = settings
        self.laterSettings = laterSettings
    }

    /// Reads a push; one without `later_settings` (an older device's) has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        retractions = try container.decode([String].self, forKey: .retractions)
        settings = try container.decode([SettingChange].self, forKey: .settings)
        laterSettings =
            try container.decodeIfPresent([SettingChange].self, forKey: .laterSettings) ?? []
    }
}

/// The answer to a push of changes.
public struct ChangesPushResponse: Codable, Hashable, Sendable {
    /// Every retracted id the server now holds as retracted (new or already there).
    public var retracted: [String]
    /// For each pushed setting, the value the server holds after the push: the pushed one if it
    /// is the latest, otherwise the later change another device made.
    public var settings: [SettingChange]
    /// The same for each pushed later setting the server knows (none from a server older than
    /// them, which has not stored them).
    public var laterSettings: [SettingChange]

    enum CodingKeys: String, CodingKey {
        case retracted
        case settings
        case laterSettings = "later_settings"
    }

    /// Creates the answer to a push of changes.
    public init(
        retracted: [String], settings: [SettingChange], laterSettings: [SettingChange] = []
    ) {
        self.retracted = retracted
        self.settings = settings
        self.laterSettings = laterSettings
    }

    /// Reads an answer; one without `later_settings` (an older server's) has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        retracted = try container.decode([String].self, forKey: .retracted)
        settings = try container.decode([SettingChange].self, forKey: .settings)
        laterSettings =
            try container.decodeIfPresent([SettingChange].self, forKey: .laterSettings) ?? []
    }
}

/// `GET /v1/changes?after=C`: retractions and settings the device has not seen.
public struct ChangesPull: Codable, Hashable, Sendable {
    /// Answers the associate took back, on any device, after the cursor.
    public var retractions: [String]
    /// Settings whose held value changed after the cursor (the current value of each), of
    /// the first ten.
    public var settings: [SettingChange]
    /// The same for the later settings, which a laptop from before them passes over (a JSON
    /// key it does not know), as a laptop passes over a name here that it does not know.
    public var laterSettings: [SettingChange]
    /// The cursor to send next time.
    public var cursor: Int64
    /// Whether more changes wait after ``cursor``.
    public var more: Bool

    enum CodingKeys: String, CodingKey {
        case retractions
        case settings
        case laterSettings = "later_settings"
        case cursor
        case more
    }

    /// Creates a page of changes.
    public init(
        retractions: [String], settings: [SettingChange], laterSettings: [SettingChange] = [],
        cursor: Int64, more: Bool
    ) {
        self.retractions = retractions
        self.settings = settings
        self.laterSettings = laterSettings
        self.cursor = cursor
        self.more = more
    }

    /// Reads a page; one without `later_settings` (an older server's) has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        retractions = try container.decode([String].self, forKey: .retractions)
        settings = try container.decode([SettingChange].self, forKey: .settings)
        laterSettings =
            try container.decodeIfPresent([SettingChange].self, forKey: .laterSettings) ?? []
        cursor = try container.decode(Int64.self, forKey: .cursor)
        more = try container.decode(Bool.self, forKey: .more)
    }
}

extension AcademyLimits {
    /// The most retractions in one push, and the most changes in one pull.
    public static let changesPerPush = 5_000
    /// The longest setting value, in UTF-8 bytes (FSRS's parameters as JSON fit easily).
    public static let maxSettingBytes = 2_000
    /// The tone palettes.
    public static let tonePalettes: Set<String> = ["pleco", "dummitt", "hanping", "plain"]
}

extension SettingChange {
    /// Every way this change breaks the protocol's bounds; empty when it is fine.
    ///
    /// Values are checked by setting: numbers in their ranges, names among the known ones, FSRS
    /// parameters a list of finite numbers. `nowMs` is the checker's clock.
    public func problems(nowMs: Int64) -> [String] {
        guard let setting = AcademySetting(rawValue: name) else {
            return ["\(name.prefix(40)) is not a setting that travels"]
        }
        var problems: [String] = []
        if changedAtMs < AcademyLimits.earliestAnswerMs {
            problems.append("\(name): changed_at_ms \(changedAtMs) is before 2000")
        } else if changedAtMs > nowMs + AcademyLimits.clockSlackMs {
            problems.append(
                "\(name): changed_at_ms \(changedAtMs) is in the future; check the device's clock")
        }
        guard let value else {
            if setting != .fsrsParameters { problems.append("\(name) has no value") }
            return problems
        }
        if value.utf8.count > AcademyLimits.maxSettingBytes {
            return problems + ["\(name) is longer than \(AcademyLimits.maxSettingBytes) bytes"]
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return problems + ["\(name) contains a control character"]
        }
        func whole(_ range: ClosedRange<Int>) {
            if Int(value).map(range.contains) != true {
                problems.append(
                    "\(name) must be a whole number from \(range.lowerBound) to "
                        + "\(range.upperBound), got \(value.prefix(40))")
            }
        }
        func oneOf(_ names: Set<String>) {
            if !names.contains(value) {
                problems.append(
                    "\(name) must be one of \(names.sorted().joined(separator: ", ")), got "
                        + "\(value.prefix(40))")
            }
        }
        switch setting {
        case .displayName:
            if value.trimmingCharacters(in: .whitespaces).isEmpty
                || value.utf8.count > AcademyLimits.maxTextBytes
            {
                problems.append("display_name must be 1 to 200 bytes")
            }
        case .timeZone:
            if !(1...64).contains(value.utf8.count)
                || !value.unicodeScalars.allSatisfy({
                    $0.properties.isAlphabetic || $0.properties.numericType != nil
                        || "/_+-".unicodeScalars.contains($0)
                })
            {
                problems.append("time_zone \(value.prefix(40)) is not a time zone name")
            }
        case .rolloverHour: whole(0...23)
        case .desiredRetention:
            if Double(value).map((0.70...0.99).contains) != true {
                problems.append(
                    "desired_retention must lie between 0.70 and 0.99, got \(value.prefix(40))")
            }
        case .newCardsPerDay: whole(0...9999)
        case .maxReviewsPerDay: whole(0...99999)
        case .scheduler: oneOf(["fsrs", "sm2"])
        case .tonePalette: oneOf(AcademyLimits.tonePalettes)
        case .leechAction: oneOf(["tag", "suspend"])
        case .playAudio, .listening: oneOf(["true", "false"])
        case .fsrsParameters:
            if Self.parameters(value) == nil {
                problems.append("fsrs_parameters must be a JSON list of 1 to 64 finite numbers")
            }
        }
        return problems
    }

    /// A setting that is on or off as the protocol writes it: `true` or `false`.
    public static func text(_ isOn: Bool) -> String {
        isOn ? "true" : "false"
    }

    /// The on or off that `text` writes, or `nil` when it is not `true` or `false`.
    public static func isOn(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// FSRS parameters written as a JSON list of numbers, or `nil` when `text` is not one.
    public static func parameters(_ text: String) -> [Double]? {
        guard
            let numbers = try? JSONDecoder().decode([Double].self, from: Data(text.utf8)),
            (1...64).contains(numbers.count), numbers.allSatisfy(\.isFinite)
        else { return nil }
        return numbers
    }
}

/// Checks a retracted answer id: 1-200 bytes without control characters.
public enum RetractionCheck {
    /// The problem with `id` as a retracted answer's id, or `nil` when it is fine.
    public static func problem(_ id: String) -> String? {
        if id.isEmpty { return "a retracted id is empty" }
        if id.utf8.count > AcademyLimits.maxTextBytes {
            return "a retracted id is longer than \(AcademyLimits.maxTextBytes) bytes"
        }
        if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a retracted id contains a control character"
        }
        return nil
    }
}
