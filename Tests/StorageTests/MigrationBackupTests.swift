import Foundation
import GRDB
import TestSupport
import Testing

@testable import Storage

@Suite struct MigrationBackupTests {
    /// Today's schema history plus one more migration, as the next release would have.
    static var nextRelease: DatabaseMigrator {
        var migrator = StudyDatabase.migrator
        migrator.registerMigration("Test: add a note column") { db in
            try db.execute(sql: "ALTER TABLE note ADD COLUMN test_extra TEXT")
        }
        return migrator
    }

    /// How many migrations today's schema has: a backup is named after the version it keeps.
    static let today = StudyDatabase.migrator.migrations.count

    @Test func aFreshDatabaseOrAnUpToDateOneGetsNoBackup() throws {
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        // Given a new database, then the same one opened again
        let created = try StudyDatabase.open(at: path)
        try created.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        let reopened = try StudyDatabase.open(at: path)
        // Then no copy was made either time
        #expect(created.migrationBackup == nil)
        #expect(reopened.migrationBackup == nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!files.contains { $0.contains("backup") })
    }

    @Test func aPendingMigrationWritesABackupFirst() throws {
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        // Given a database of today's schema with a deck in it
        try StudyDatabase.open(at: path).importDeck(
            DeckImportTests.payments, at: DeckImportTests.monday)
        let fingerprint = try StudyDatabase.open(at: path).contentFingerprint()
        // When the next release opens it
        let migrated = try StudyDatabase.open(at: path, migrator: Self.nextRelease)
        // Then the old file was copied first, whole, and the database itself moved on
        let backup = try #require(migrated.migrationBackup)
        #expect(backup == path + ".backup-v\(Self.today)")
        let copy = try DatabaseQueue(path: backup)
        #expect(
            try copy.read { try $0.columns(in: "note").map(\.name).contains("test_extra") } == false
        )
        try copy.close()
        #expect(try StudyDatabase.open(at: backup).contentFingerprint() == fingerprint)
        #expect(
            try migrated.writer.read { try $0.columns(in: "note").map(\.name) }.last == "test_extra"
        )
        #expect(try migrated.decks().map(\.metadata.slug) == ["payments"])
        // And a second pending migration later does not overwrite that copy
        var later = Self.nextRelease
        later.registerMigration("Test: another column") { db in
            try db.execute(sql: "ALTER TABLE deck ADD COLUMN test_other TEXT")
        }
        #expect(
            try StudyDatabase.open(at: path, migrator: later).migrationBackup
                == path + ".backup-v\(Self.today + 1)"
        )
        #expect(FileManager.default.fileExists(atPath: backup))
    }

    @Test func theBackupNameNeverOverwritesAnEarlierCopy() throws {
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        _ = try StudyDatabase.open(at: path)
        let earlier = path + ".backup-v\(Self.today)"
        try Data("an older copy".utf8).write(to: URL(fileURLWithPath: earlier))
        let migrated = try StudyDatabase.open(at: path, migrator: Self.nextRelease)
        #expect(migrated.migrationBackup == earlier + "-2")
        #expect(try String(contentsOfFile: earlier, encoding: .utf8) == "an older copy")
    }
}
