import ChineseText
import Foundation
import Storage

/// Registering associates, changing their settings, and showing them: the work behind
/// `lianxi associate add | list | set`.
public enum AssociateDirectory {
    /// What `set` changed.
    public struct Change: Hashable, Sendable {
        /// The associate before.
        public let before: Associate
        /// The associate after.
        public let after: Associate
        /// What rescheduling the associate's cards changed (`nil` when no setting that
        /// schedules cards changed).
        public let rescheduled: CardStateRebuild?
    }

    /// This machine's time zone if it has an IANA name, else UTC.
    public static var machineTimeZone: String {
        let identifier = TimeZone.current.identifier
        return AssociateSettings.isTimeZone(identifier) ? identifier : "UTC"
    }

    /// Registers `name` with `settings` over the defaults, in one transaction.
    ///
    /// Returns `nil`, changing nothing, if the name is taken. The settings must have been
    /// checked (``AssociateSettings/problems``).
    public static func add(
        _ name: String, settings: AssociateSettings, defaultTimeZone: String,
        into database: StudyDatabase, at time: Date
    ) throws -> Associate? {
        try database.addAssociate(
            named: name, timeZone: settings.timeZone ?? defaultTimeZone, at: time
        ) { associate in
            associate = settings.applied(to: associate)
        }
    }

    /// Changes the settings of the associate called `name`, in one transaction.
    ///
    /// When scheduling changes (scheduler, retention, time zone, rollover hour) their cards are
    /// rescheduled from their review history in the same transaction. Returns `nil` if there is
    /// no such associate. The settings must have been checked (``AssociateSettings/problems``).
    public static func set(
        _ name: String, to settings: AssociateSettings, in database: StudyDatabase
    ) throws -> Change? {
        guard let before = try database.associate(named: name) else { return nil }
        let after = settings.applied(to: before)
        guard Rescheduling.isNeeded(from: before, to: after) else {
            try database.update(after)
            return Change(before: before, after: after, rescheduled: nil)
        }
        let rebuild = try Rescheduling.apply(after, in: database)
        return Change(before: before, after: after, rescheduled: rebuild)
    }

    /// An aligned table of the associates' settings, one line each, with a header; names are
    /// shown as a terminal shows them (``UntrustedText/shown(_:)``) and measured so.
    public static func table(_ associates: [Associate]) -> String {
        let rows = associates.map { cells($0).map(UntrustedText.shown) }
        let numeric: Set<Int> = [4, 5, 6]
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].terminalColumns }.max() ?? 0
        }
        return ([header] + rows).map { cells in
            let line = cells.indices.map { column in
                cells[column].padded(
                    to: widths[column], alignment: numeric.contains(column) ? .right : .left)
            }.joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
    }

    private static let header = [
        "name", "display name", "time zone", "day starts", "retention", "new/day",
        "reviews/day", "scheduler", "palette", "leeches", "play audio", "listening",
    ]

    private static func cells(_ associate: Associate) -> [String] {
        [
            associate.name, associate.displayName, associate.timeZone,
            hour(associate.rolloverHour), retention(associate.desiredRetention),
            String(associate.newCardsPerDay), String(associate.maxReviewsPerDay),
            associate.scheduler == .fsrs
                ? (associate.unreadableParameters != nil
                    ? "fsrs (parameters unreadable)"
                    : associate.fsrsParameters == nil ? "fsrs" : "fsrs (fitted)") : "sm2",
            associate.tonePalette, associate.leechAction.rawValue,
            associate.playsAudio ? "on" : "off", associate.studiesListening ? "on" : "off",
        ]
    }

    /// The associates as JSON: a list ordered by name, keys sorted, times in UTC ISO-8601.
    public static func json(_ associates: [Associate]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // An empty list as `[]`, not the encoder's "[\n\n]".
        guard !associates.isEmpty else { return Data("[]".utf8) }
        return try encoder.encode(associates.map(Listing.init))
    }

    /// The lines telling the person at the keyboard what `set` did.
    public static func describe(_ change: Change) -> [String] {
        let (before, after) = (cells(change.before), cells(change.after))
        let changed = header.indices.filter { before[$0] != after[$0] }.map {
            "\(header[$0]) \(before[$0]) → \(after[$0])"
        }
        var lines = [
            changed.isEmpty
                ? "\(change.after.name) already had these settings; nothing changed."
                : "Changed \(change.after.name): \(changed.joined(separator: ", "))."
        ]
        if let rebuild = change.rescheduled {
            let cards = { (count: Int) in "\(count) card\(count == 1 ? "" : "s")" }
            lines.append(
                "Rescheduled \(cards(rebuild.cardsReplayed)) from the review history: "
                    + "\(cards(rebuild.cardsChanged)) changed, \(cards(rebuild.cardsMoved)) "
                    + "now due on another day.")
        }
        return lines
    }

    private static func hour(_ hour: Int) -> String {
        hour < 10 ? "0\(hour):00" : "\(hour):00"
    }

    private static func retention(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "0." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    /// One associate in the JSON listing.
    private struct Listing: Encodable {
        let name: String
        let displayName: String
        let timeZone: String
        let rolloverHour: Int
        let desiredRetention: Double
        let newCardsPerDay: Int
        let maxReviewsPerDay: Int
        let scheduler: String
        let fittedParameters: Bool
        let tonePalette: String
        let leechAction: String
        let playAudio: Bool
        let listening: Bool
        let createdAt: String

        init(_ associate: Associate) {
            name = associate.name
            displayName = associate.displayName
            timeZone = associate.timeZone
            rolloverHour = associate.rolloverHour
            desiredRetention = associate.desiredRetention
            newCardsPerDay = associate.newCardsPerDay
            maxReviewsPerDay = associate.maxReviewsPerDay
            scheduler = associate.scheduler.rawValue
            fittedParameters = associate.fsrsParameters != nil
            tonePalette = associate.tonePalette
            leechAction = associate.leechAction.rawValue
            playAudio = associate.playsAudio
            listening = associate.studiesListening
            createdAt = UTCTime.string(from: associate.createdAt)
        }
    }
}
