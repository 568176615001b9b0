import Foundation
import GRDB

/// A row of `associate`.
struct AssociateRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "associate"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var name: String
    var displayName: String
    var timeZone: String
    var rolloverHour: Int
    var desiredRetention: Double
    var newCardsPerDay: Int
    var maxReviewsPerDay: Int
    var scheduler: String
    var fsrsParameters: String?
    var tonePalette: String
    var leechAction: String
    var createdAtMs: Int64
    var playAudio = false
    var listening = false

    init(name: String, displayName: String, timeZone: String, createdAt: Date) {
        self.name = name
        self.displayName = displayName
        self.timeZone = timeZone
        rolloverHour = 4
        desiredRetention = 0.9
        newCardsPerDay = 20
        maxReviewsPerDay = 200
        scheduler = SchedulerKind.fsrs.rawValue
        tonePalette = "pleco"
        leechAction = LeechAction.tag.rawValue
        createdAtMs = createdAt.milliseconds
    }

    /// Reads a row by column name, throwing (never trapping) on a missing or mistyped value;
    /// written out because `Codable`'s snake-case conversion cost a sync's first lookup more
    /// than a millisecond.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        displayName = try row.decode(forColumn: "display_name")
        timeZone = try row.decode(forColumn: "time_zone")
        rolloverHour = try row.decode(forColumn: "rollover_hour")
        desiredRetention = try row.decode(forColumn: "desired_retention")
        newCardsPerDay = try row.decode(forColumn: "new_cards_per_day")
        maxReviewsPerDay = try row.decode(forColumn: "max_reviews_per_day")
        scheduler = try row.decode(forColumn: "scheduler")
        fsrsParameters = try row.decode(forColumn: "fsrs_parameters")
        tonePalette = try row.decode(forColumn: "tone_palette")
        leechAction = try row.decode(forColumn: "leech_action")
        createdAtMs = try row.decode(forColumn: "created_at_ms")
        playAudio = try row.decode(forColumn: "play_audio")
        listening = try row.decode(forColumn: "listening")
    }

    var associate: Associate {
        var parameters: [Double]?
        var unreadable: String?
        if let fsrsParameters {
            // Text that is not a list of numbers is kept and reported, never taken as defaults.
            do {
                parameters = try JSONDecoder().decode(
                    [Double].self, from: Data(fsrsParameters.utf8))
            } catch {
                unreadable = fsrsParameters
            }
        }
        return Associate(
            id: id ?? 0, name: name, displayName: displayName, timeZone: timeZone,
            rolloverHour: rolloverHour, desiredRetention: desiredRetention,
            newCardsPerDay: newCardsPerDay, maxReviewsPerDay: maxReviewsPerDay,
            scheduler: SchedulerKind(rawValue: scheduler) ?? .fsrs,
            fsrsParameters: parameters, unreadableParameters: unreadable,
            tonePalette: tonePalette, leechAction: LeechAction(rawValue: leechAction) ?? .tag,
            playsAudio: playAudio, studiesListening: listening,
            createdAt: Date(milliseconds: createdAtMs))
    }

    /// Takes the settings of `associate`; throws if its FSRS parameters cannot be written as
    /// JSON (a number that is not finite).
    mutating func update(from associate: Associate) throws {
        name = associate.name
        displayName = associate.displayName
        timeZone = associate.timeZone
        rolloverHour = associate.rolloverHour
        desiredRetention = associate.desiredRetention
        newCardsPerDay = associate.newCardsPerDay
        maxReviewsPerDay = associate.maxReviewsPerDay
        scheduler = associate.scheduler.rawValue
        // Unreadable parameters stay as they were until new ones are chosen.
        fsrsParameters =
            try associate.fsrsParameters.map {
                String(decoding: try JSONEncoder().encode($0), as: UTF8.self)
            } ?? associate.unreadableParameters
        tonePalette = associate.tonePalette
        leechAction = associate.leechAction.rawValue
        playAudio = associate.playsAudio
        listening = associate.studiesListening
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
