import Foundation
import LianxiKit
import TestSupport
import Testing

@testable import Storage

/// Databases written by earlier releases open, migrate and keep every answer.
///
/// `Fixtures/first-release.sqlite` was written by the first released schema ("Create the study
/// schema"): the shipped decks, ana with 50 answers and bo with 32 (one card suspended, one
/// word buried).
@Suite struct OldDatabaseTests {
    static let answers = ["ana": 50, "bo": 32]

    /// A copy of the fixture in a fresh folder (opening migrates the file in place).
    static func copyOfFixture() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        try FileManager.default.copyItem(
            atPath: try Fixture.path("first-release.sqlite"), toPath: path)
        return (folder, path)
    }

    @Test func theFirstReleaseOpensAndKeepsEveryAnswer() throws {
        let (folder, path) = try Self.copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try StudyDatabase.open(at: path)
        #expect(try Rescheduling.replayPending(in: database) == ["ana", "bo"])
        #expect(try database.associatesAwaitingReplay().isEmpty)
        let checkup = try Checkup.examine(database)
        #expect(checkup.isHealthy, "\(checkup.problems)")
        #expect(checkup.answers == 82)
        for associate in try database.associates() {
            #expect(try database.reviewLog(for: associate.id).count == Self.answers[associate.name])
        }
        let bo = try #require(try database.associate(named: "bo"))
        let states = try database.progress(for: bo.id).values
        #expect(states.contains { $0.isSuspended })
        #expect(states.contains { $0.buriedUntil != nil })
    }

    @Test func theNextMigrationBacksItUpAndKeepsEveryAnswer() throws {
        let (folder, path) = try Self.copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        var nextRelease = StudyDatabase.migrator
        nextRelease.registerMigration("Test: a later release") { db in
            try db.execute(sql: "ALTER TABLE review_log ADD COLUMN test_device TEXT")
        }
        let migrated = try StudyDatabase.open(at: path, migrator: nextRelease)
        let backup = try #require(migrated.migrationBackup)
        try Rescheduling.replayPending(in: migrated)
        let copy = try StudyDatabase.open(at: backup)
        #expect(try copy.contentFingerprint() == Self.fingerprintOfFixture())
        for associate in try migrated.associates() {
            let log = try migrated.reviewLog(for: associate.id)
            #expect(log.count == Self.answers[associate.name])
            #expect(log == (try copy.reviewLog(for: associate.id)))
            #expect(try ReplayCheck.mismatches(in: migrated, for: associate).isEmpty)
        }
    }

    @Test func theTallyMigrationCountsWhatTheTriggersCount() throws {
        let (folder, path) = try Self.copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given the fixture migrated: the tally filled from the log by the migration's SQL
        let database = try StudyDatabase.open(at: path)
        let associates = try database.associates()
        let filled = try associates.map { try database.answerTally(of: $0.id) }
        #expect(
            filled.map { $0.reduce(0) { $0 + $1.answers } }
                == associates.map { Self.answers[$0.name] ?? -1 })
        // When every answer is taken out of the log, then put back one by one
        let emptied = try database.writer.write { db in
            try db.execute(
                sql: "CREATE TEMP TABLE kept AS SELECT * FROM review_log; DELETE FROM review_log")
            let left = try Int.fetchOne(db, sql: "SELECT count(*) FROM answer_tally")
            try db.execute(
                sql: "INSERT INTO review_log SELECT * FROM kept ORDER BY id; DROP TABLE kept")
            return left
        }
        // Then the triggers emptied the tally, and counted again what the migration counted
        #expect(emptied == 0)
        #expect(try associates.map { try database.answerTally(of: $0.id) } == filled)
    }

    static func fingerprintOfFixture() throws -> String {
        let (folder, path) = try copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try StudyDatabase.open(at: path).contentFingerprint()
    }
}
