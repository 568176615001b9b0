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

    static func fingerprintOfFixture() throws -> String {
        let (folder, path) = try copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try StudyDatabase.open(at: path).contentFingerprint()
    }
}
