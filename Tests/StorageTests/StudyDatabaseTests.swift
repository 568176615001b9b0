import Foundation
import GRDB
import TestSupport
import Testing

@testable import Storage

@Suite struct StudyDatabaseTests {
    /// A fresh folder under the system's temporary directory.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func openingCreatesTheFolderAndMigrates() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/deeper/lianxi.sqlite").path
        let database = try StudyDatabase.open(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let migrations = try database.appliedMigrations()
        #expect(
            migrations.prefix(4) == [
                "Create the study schema", "Index active notes in deck order",
                "Number each card after its note", "Remember what the academy server holds",
            ])
        for later in [
            "Keep audio recordings and listening cards",
            "Keep the answer checker's verdict with each answer",
            "Remember answers taken back and settings changed",
        ] {
            #expect(migrations.contains(later))
        }
        #expect(try database.integrityProblems().isEmpty)
        #expect(try SQLiteShell.value(path, "PRAGMA journal_mode") == "wal")
        // Opening again finds the same database, already migrated.
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        #expect(try StudyDatabase.open(at: path).decks().count == 1)
    }

    /// What a new file can hold when the power goes while it is made: the schema's commit is
    /// not synced on its own (``StudyDatabase/createNewSchema(in:migrator:)``), and the first
    /// page is written without a rollback journal.
    enum HalfMadeFile: String, CaseIterable {
        /// The first write never reached the disk.
        case empty
        /// The first page (the switch to WAL) reached it, the schema did not.
        case firstPageOnly
        /// The first page's header reached it, the rest of the page did not.
        case tornFirstPage
    }

    @Test(arguments: HalfMadeFile.allCases)
    func aNewFileLeftHalfMadeIsMadeAgain(_ state: HalfMadeFile) throws {
        // Given: a file in the state a power cut can leave a new database in
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        var bytes = Data()
        if state != .empty {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.close()
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.count == 4096)
            #expect(bytes[18] == 2 && bytes[19] == 2)  // the file says WAL
        }
        if state == .tornFirstPage {
            bytes = bytes.prefix(512)
        }
        try bytes.write(to: URL(fileURLWithPath: path))

        // When: it is opened and a deck imported
        let database = try StudyDatabase.open(at: path)
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)

        // Then: it has the whole schema, in WAL mode, and the deck
        #expect(try database.appliedMigrations() == StudyDatabase.migrator.migrations)
        #expect(try database.integrityProblems().isEmpty)
        #expect(try StudyDatabase.open(at: path).decks().count == 1)
        #expect(try SQLiteShell.value(path, "PRAGMA journal_mode") == "wal")
    }

    @Test func aSessionCanKeepFewerPagesInMemory() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try StudyDatabase.open(at: folder.appendingPathComponent("l.sqlite").path)
        let cacheSize = {
            try database.writer.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        }
        #expect(try cacheSize() == -65_536)
        try database.limitPageCache(toMebibytes: 8)
        #expect(try cacheSize() == -8_192)
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        #expect(try database.decks().count == 1)
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.sqlite").path
        let text = Data(String(repeating: "my shopping list\n", count: 200).utf8)
        try text.write(to: URL(fileURLWithPath: path))
        #expect {
            try StudyDatabase.open(at: path)
        } throws: { error in
            (error as? StorageError) == .notADatabase(path)
                && "\(error)".contains("is not a Lianxi database")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test func aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        _ = try StudyDatabase.open(at: path)
        try SQLiteShell.run(
            path, "INSERT INTO grdb_migrations (identifier) VALUES ('A migration from the future')")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StorageError.newerSchema(path)) { try StudyDatabase.open(at: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFolderThatCannotBeCreatedGetsAClearMessage() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        #expect {
            try StudyDatabase.open(at: blocker.appendingPathComponent("db/lianxi.sqlite").path)
        } throws: { error in
            "\(error)".contains("Cannot create the folder") && "\(error)".contains("--db")
        }
    }
}
