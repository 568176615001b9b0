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

    var associate: Associate {
        Associate(
            id: id ?? 0, name: name, displayName: displayName, timeZone: timeZone,
            rolloverHour: rolloverHour, desiredRetention: desiredRetention,
            newCardsPerDay: newCardsPerDay, maxReviewsPerDay: maxReviewsPerDay,
            scheduler: SchedulerKind(rawValue: scheduler) ?? .fsrs,
            fsrsParameters: fsrsParameters.flatMap {
                try? JSONDecoder().decode([Double].self, from: Data($0.utf8))
            },
            tonePalette: tonePalette, leechAction: LeechAction(rawValue: leechAction) ?? .tag,
            createdAt: Date(milliseconds: createdAtMs))
    }

    mutating func update(from associate: Associate) {
        name = associate.name
        displayName = associate.displayName
        timeZone = associate.timeZone
        rolloverHour = associate.rolloverHour
        desiredRetention = associate.desiredRetention
        newCardsPerDay = associate.newCardsPerDay
        maxReviewsPerDay = associate.maxReviewsPerDay
        scheduler = associate.scheduler.rawValue
        fsrsParameters = associate.fsrsParameters.flatMap {
            (try? JSONEncoder().encode($0)).map { String(decoding: $0, as: UTF8.self) }
        }
        tonePalette = associate.tonePalette
        leechAction = associate.leechAction.rawValue
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
