import ChineseText
import CohortInsights
import Foundation
import SpacedRepetition
import Storage

/// One associate's settings and every answer they gave, in a file that another Lianxi database
/// can merge (docs/EXPORTS.md describes the format).
///
/// Cards are named portably, by deck slug, note key and card kind, because row ids differ from
/// one database to the next.
public struct ProgressBundle: Hashable, Sendable {
    /// The format's name, the first thing a reader checks.
    public static let formatName = "lianxi-progress-bundle"
    /// The version this Lianxi writes and reads.
    public static let currentVersion = 1
    /// The largest bundle file read: about 250,000 answers, years of daily study.
    ///
    /// Decoding holds the whole file, so this bounds the memory an import needs.
    public static let maximumFileSize = 64 * 1024 * 1024

    /// The associate's name and settings.
    public var associate: Settings
    /// When the bundle was written.
    public var exportedAt: Date
    /// Every answer, oldest first.
    public var reviews: [Review]

    /// An associate's settings as a bundle carries them.
    public struct Settings: Hashable, Sendable {
        /// The unique name.
        public var name: String
        /// The name shown on screen.
        public var displayName: String
        /// The IANA time zone.
        public var timeZone: String
        /// The local hour a study day starts.
        public var rolloverHour: Int
        /// FSRS's desired retention.
        public var desiredRetention: Double
        /// New cards per day.
        public var newCardsPerDay: Int
        /// Reviews per day at most.
        public var maxReviewsPerDay: Int
        /// The scheduling algorithm.
        public var scheduler: SchedulerKind
        /// Fitted FSRS parameters, if any.
        public var fsrsParameters: [Double]?
        /// The tone colour palette.
        public var tonePalette: String
        /// What happens to a leech.
        public var leechAction: LeechAction
        /// When the associate was registered.
        public var createdAt: Date
        /// Whether a word is played when its answer is shown (off in bundles written before
        /// the setting travelled).
        public var playsAudio = false
        /// Whether listening cards are studied (off in bundles written before the setting
        /// travelled).
        public var studiesListening = false
    }

    /// One answer.
    public struct Review: Hashable, Sendable {
        /// The answer's globally unique id.
        public var id: String
        /// The slug of the card's deck.
        public var deck: String
        /// The stable key of the card's note in that deck.
        public var note: String
        /// Which card of the note.
        public var card: CardKind
        /// When (UTC, to the millisecond).
        public var reviewedAt: Date
        /// The rating.
        public var rating: Rating
        /// Milliseconds spent, if measured.
        public var durationMs: Int64?
        /// The answer checker's verdict, on a typed pinyin card whose answer was checked.
        public var verdict: AnswerVerdict? = nil
    }
}

extension ProgressBundle.Settings {
    /// The settings of `associate`.
    public init(_ associate: Associate) {
        self.init(
            name: associate.name, displayName: associate.displayName,
            timeZone: associate.timeZone, rolloverHour: associate.rolloverHour,
            desiredRetention: associate.desiredRetention,
            newCardsPerDay: associate.newCardsPerDay,
            maxReviewsPerDay: associate.maxReviewsPerDay, scheduler: associate.scheduler,
            fsrsParameters: associate.fsrsParameters, tonePalette: associate.tonePalette,
            leechAction: associate.leechAction, createdAt: associate.createdAt,
            playsAudio: associate.playsAudio, studiesListening: associate.studiesListening)
    }

    /// Copies these settings onto `associate` (everything but the name and registration time).
    public func apply(to associate: inout Associate) {
        associate.displayName = displayName
        associate.timeZone = timeZone
        associate.rolloverHour = rolloverHour
        associate.desiredRetention = desiredRetention
        associate.newCardsPerDay = newCardsPerDay
        associate.maxReviewsPerDay = maxReviewsPerDay
        associate.scheduler = scheduler
        associate.fsrsParameters = fsrsParameters
        associate.tonePalette = tonePalette
        associate.leechAction = leechAction
        associate.playsAudio = playsAudio
        associate.studiesListening = studiesListening
    }
}

extension ProgressBundle {
    /// The bundle of the associate called `name` in `database`, written at `time`; `nil` if
    /// there is no such associate.
    public static func make(for name: String, from database: StudyDatabase, at time: Date)
        throws -> ProgressBundle?
    {
        guard let associate = try database.associate(named: name) else { return nil }
        let reviews = try database.reviewsForExport(associate: name).map { review in
            Review(
                id: review.entry.id, deck: review.deck, note: review.noteKey, card: review.kind,
                reviewedAt: review.entry.reviewedAt, rating: review.entry.rating,
                durationMs: review.entry.duration.map { Int64(($0 * 1000).rounded()) },
                verdict: review.kind == .pinyin ? review.entry.verdict : nil)
        }
        return ProgressBundle(
            associate: Settings(associate), exportedAt: time, reviews: reviews)
    }

    /// The file's bytes: JSON with sorted keys and UTC ISO-8601 times, so the same history
    /// always gives the same file.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(self)) + Data("\n".utf8)
    }

    /// Reads a bundle on a machine whose clock says `now`, checking every field's type and
    /// range (``BundleLimits``); throws ``BundleProblem`` naming `file` and every problem found.
    public static func decode(_ data: Data, file: String, readAt now: Date)
        throws(BundleProblem) -> ProgressBundle
    {
        let raw: File
        do {
            // Format and version first: another file, or a newer bundle, gets a plain answer
            // instead of a list of fields it lacks.
            let header = try JSONDecoder().decode(Header.self, from: data)
            guard header.format == formatName else {
                throw BundleProblem(
                    file: file,
                    problems: [
                        "not a progress bundle (its \"format\" is not \"\(formatName)\")"
                    ])
            }
            guard let version = header.version, (1...currentVersion).contains(version) else {
                throw BundleProblem(
                    file: file,
                    problems: [
                        "written in bundle version \(header.version.map(String.init) ?? "?"), "
                            + "which this Lianxi cannot read (it reads version "
                            + "\(currentVersion)); update Lianxi"
                    ])
            }
            raw = try JSONDecoder().decode(File.self, from: data)
        } catch let problem as BundleProblem {
            throw problem
        } catch let error as DecodingError {
            throw BundleProblem(file: file, problems: [Self.describe(error)])
        } catch {
            throw BundleProblem(file: file, problems: ["not a progress bundle: \(error)"])
        }
        var problems: [String] = []
        let limits = BundleLimits(readAt: now)
        let settings = raw.associate.settings(limits: limits, problems: &problems)
        let exportedAt = limits.time(raw.exportedAt, field: "exported_at", problems: &problems)
        var seen: Set<String> = []
        var reviews: [Review] = []
        for (index, review) in raw.reviews.enumerated() {
            if let checked = review.review(at: index, limits: limits, problems: &problems) {
                if !seen.insert(checked.id).inserted {
                    problems.append("reviews[\(index)]: the id \(checked.id) appears twice")
                }
                reviews.append(checked)
            }
        }
        guard problems.isEmpty, let settings, let exportedAt else {
            throw BundleProblem(file: file, problems: problems)
        }
        return ProgressBundle(
            associate: settings, exportedAt: exportedAt,
            reviews: reviews.sorted {
                AnswerOrder.precedes($0.reviewedAt, $0.id, $1.reviewedAt, $1.id)
            })
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { key in
                key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)"
            }.joined()
            return path.isEmpty ? "" : String(path.drop { $0 == "." }) + ": "
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not a progress bundle (not valid JSON)"
        case .dataCorrupted(let context):
            return "\(path(context))\(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context))\"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context))expected \(Self.name(of: type))"
        case .valueNotFound(let type, let context):
            return "\(path(context))expected \(Self.name(of: type)), found null"
        @unknown default:
            return "not a progress bundle: \(error)"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}

/// Problems found in one bundle file, each for the person at the keyboard.
public struct BundleProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public let file: String
    /// What is wrong, one line each.
    public let problems: [String]

    /// Creates the problems of a file.
    public init(file: String, problems: [String]) {
        self.file = file
        self.problems = problems
    }

    /// `file: problem` lines.
    public var description: String {
        problems.map { "\(file): \($0)" }.joined(separator: "\n")
    }
}

// MARK: - The file's shape

extension ProgressBundle {
    /// What a reader checks before anything else.
    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// The JSON as written: plain values, checked when turned into a bundle.
    private struct File: Codable {
        var format: String
        var version: Int
        var exportedAt: String
        var associate: FileSettings
        var reviews: [FileReview]

        enum CodingKeys: String, CodingKey {
            case format, version, associate, reviews
            case exportedAt = "exported_at"
        }

        init(_ bundle: ProgressBundle) {
            format = ProgressBundle.formatName
            version = ProgressBundle.currentVersion
            exportedAt = UTCTime.string(from: bundle.exportedAt)
            associate = FileSettings(bundle.associate)
            reviews = bundle.reviews.map(FileReview.init)
        }
    }

    private struct FileSettings: Codable {
        var name: String
        var displayName: String
        var timeZone: String
        var rolloverHour: JSONNumber
        var desiredRetention: JSONNumber
        var newCardsPerDay: JSONNumber
        var maxReviewsPerDay: JSONNumber
        var scheduler: String
        var fsrsParameters: [JSONNumber]?
        var tonePalette: String
        var leechAction: String
        var createdAt: String
        /// Absent in bundles written before these settings travelled: off.
        var playAudio: Bool?
        var listening: Bool?

        enum CodingKeys: String, CodingKey {
            case name, scheduler, listening
            case displayName = "display_name"
            case timeZone = "time_zone"
            case rolloverHour = "rollover_hour"
            case desiredRetention = "desired_retention"
            case newCardsPerDay = "new_cards_per_day"
            case maxReviewsPerDay = "max_reviews_per_day"
            case fsrsParameters = "fsrs_parameters"
            case tonePalette = "tone_palette"
            case leechAction = "leech_action"
            case createdAt = "created_at"
            case playAudio = "play_audio"
        }

        init(_ settings: Settings) {
            name = settings.name
            displayName = settings.displayName
            timeZone = settings.timeZone
            rolloverHour = .whole(Int64(settings.rolloverHour))
            desiredRetention = .fraction(settings.desiredRetention)
            newCardsPerDay = .whole(Int64(settings.newCardsPerDay))
            maxReviewsPerDay = .whole(Int64(settings.maxReviewsPerDay))
            scheduler = settings.scheduler.rawValue
            fsrsParameters = settings.fsrsParameters?.map(JSONNumber.fraction)
            tonePalette = settings.tonePalette
            leechAction = settings.leechAction.rawValue
            createdAt = UTCTime.string(from: settings.createdAt)
            playAudio = settings.playsAudio
            listening = settings.studiesListening
        }

        func settings(limits: BundleLimits, problems: inout [String]) -> Settings? {
            let count = problems.count
            if !AssociateSettings.isValidName(name) {
                problems.append(
                    "associate.name \"\(name)\" is not a name (one word, at most 64 characters)")
            }
            let rolloverHour = limits.whole(
                self.rolloverHour, field: "associate.rollover_hour", problems: &problems)
            let desiredRetention = limits.number(
                self.desiredRetention, field: "associate.desired_retention", problems: &problems)
            let newCardsPerDay = limits.whole(
                self.newCardsPerDay, field: "associate.new_cards_per_day", problems: &problems)
            let maxReviewsPerDay = limits.whole(
                self.maxReviewsPerDay, field: "associate.max_reviews_per_day", problems: &problems)
            let checked = AssociateSettings(
                displayName: displayName, timeZone: timeZone, rolloverHour: rolloverHour,
                desiredRetention: desiredRetention, newCardsPerDay: newCardsPerDay,
                maxReviewsPerDay: maxReviewsPerDay)
            problems += checked.problems.map { "associate: \(Self.bundleWording($0))" }
            let scheduler = SchedulerKind(rawValue: self.scheduler)
            if scheduler == nil {
                problems.append("associate.scheduler \"\(self.scheduler)\" is not fsrs or sm2")
            }
            if TonePalette(rawValue: tonePalette) == nil {
                problems.append(
                    "associate.tone_palette \"\(tonePalette)\" is not pleco, dummitt, hanping "
                        + "or plain")
            }
            let leechAction = LeechAction(rawValue: self.leechAction)
            if leechAction == nil {
                problems.append(
                    "associate.leech_action \"\(self.leechAction)\" is not tag or suspend")
            }
            var fsrsParameters: [Double]?
            if let found = self.fsrsParameters {
                let numbers = found.enumerated().compactMap { index, value in
                    limits.number(
                        value, field: "associate.fsrs_parameters[\(index)]", problems: &problems)
                }
                do {
                    if numbers.count == found.count { _ = try Parameters(numbers) }
                    fsrsParameters = numbers
                } catch {
                    problems.append("associate.fsrs_parameters: \(error)")
                }
            }
            let createdAt = limits.time(
                self.createdAt, field: "associate.created_at", problems: &problems)
            guard problems.count == count, let scheduler, let leechAction, let createdAt,
                let rolloverHour, let desiredRetention, let newCardsPerDay, let maxReviewsPerDay
            else {
                return nil
            }
            return Settings(
                name: name, displayName: displayName, timeZone: timeZone,
                rolloverHour: rolloverHour, desiredRetention: desiredRetention,
                newCardsPerDay: newCardsPerDay, maxReviewsPerDay: maxReviewsPerDay,
                scheduler: scheduler, fsrsParameters: fsrsParameters, tonePalette: tonePalette,
                leechAction: leechAction, createdAt: createdAt, playsAudio: playAudio ?? false,
                studiesListening: listening ?? false)
        }

        /// The command-line message, with the bundle's field names instead of options.
        private static func bundleWording(_ problem: AssociateSettingProblem) -> String {
            let replacements = [
                ("--display-name", "display_name"), ("--time-zone", "time_zone"),
                ("--rollover-hour", "rollover_hour"), ("--retention", "desired_retention"),
                ("--new-per-day", "new_cards_per_day"),
                ("--reviews-per-day", "max_reviews_per_day"),
            ]
            var text = problem.description
            for (option, field) in replacements {
                text = text.replacingOccurrences(of: option, with: field)
            }
            return text.hasSuffix(".") ? String(text.dropLast()) : text
        }
    }

    private struct FileReview: Codable {
        var id: String
        var deck: String
        var note: String
        var card: String
        var reviewedAt: String
        var rating: JSONNumber
        var durationMs: JSONNumber?
        var verdict: String?

        enum CodingKeys: String, CodingKey {
            case id, deck, note, card, rating, verdict
            case reviewedAt = "reviewed_at"
            case durationMs = "duration_ms"
        }

        init(_ review: Review) {
            id = review.id
            deck = review.deck
            note = review.note
            card = review.card.rawValue
            reviewedAt = UTCTime.string(from: review.reviewedAt)
            rating = .whole(Int64(review.rating.rawValue))
            durationMs = review.durationMs.map(JSONNumber.whole)
            verdict = review.verdict?.rawValue
        }

        func review(at index: Int, limits: BundleLimits, problems: inout [String]) -> Review? {
            let count = problems.count
            let place = "reviews[\(index)]"
            if id.isEmpty { problems.append("\(place).id is empty") }
            if deck.isEmpty { problems.append("\(place).deck is empty") }
            if note.isEmpty { problems.append("\(place).note is empty") }
            for (field, text) in [("id", id), ("deck", deck), ("note", note)] {
                if let scalar = UntrustedText.unshowableCharacter(in: text) {
                    problems.append(
                        "\(place).\(field) holds \(UntrustedText.describe(scalar)), which a "
                            + "terminal would obey rather than show")
                }
            }
            let kind = CardKind(rawValue: card)
            if kind == nil {
                problems.append(
                    "\(place).card \"\(card)\" is not recognition, production, pinyin or listening")
            }
            let time = limits.time(reviewedAt, field: "\(place).reviewed_at", problems: &problems)
            let number = limits.whole(self.rating, field: "\(place).rating", problems: &problems)
            let rating = number.flatMap(Rating.init(rawValue:))
            if let number, rating == nil {
                problems.append("\(place).rating must be 1, 2, 3 or 4, got \(number)")
            }
            var durationMs: Int64?
            if let found = self.durationMs {
                durationMs = limits.whole(
                    found, field: "\(place).duration_ms", problems: &problems
                ).map(Int64.init)
                if let durationMs {
                    limits.check(
                        durationMs: durationMs, field: "\(place).duration_ms", problems: &problems)
                }
            }
            var checked: AnswerVerdict?
            if let verdict {
                checked = AnswerVerdict(rawValue: verdict)
                if checked == nil {
                    problems.append("\(place).verdict must be correct, tones-only or wrong")
                } else if kind != nil && kind != .pinyin {
                    problems.append(
                        "\(place).verdict is only given to typed pinyin cards, not to a \(card) card"
                    )
                }
            }
            guard problems.count == count, let kind, let time, let rating else { return nil }
            return Review(
                id: id, deck: deck, note: note, card: kind, reviewedAt: time, rating: rating,
                durationMs: durationMs, verdict: checked)
        }
    }
}
