import Foundation
import GRDB
import Testing

@testable import Storage

/// A database made in memory and written to its place whole (``NewDatabaseFile``).
@Suite struct NewDatabaseFileTests {
    /// A deck of 2,000 notes: its table and indexes span many pages.
    static let words = DeckContent(
        metadata: DeckMetadata(
            slug: "words", title: "Words", description: "", version: nil, source: "words.tsv"),
        notes: (0..<2000).map { index in
            DeckImportTests.note("w-\(index)", "字\(index)", "zì", "character \(index)")
        })
    /// What a file holds that the import writes or the next opening reads: its schema and
    /// version, its decks' and notes' rows, and the pragmas kept in the file.
    static func contents(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var lines = try NewSchemaTests.schema(db).map(\.description)
            lines += try NewSchemaTests.version(db)
            for table in ["deck", "note", "card"] {
                lines += try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id")
                    .map { "\(table) \($0)" }
            }
            for pragma in [
                "journal_mode", "page_size", "auto_vacuum", "encoding", "freelist_count",
                "integrity_check", "foreign_key_check",
            ] {
                lines += try String.fetchAll(db, sql: "PRAGMA \(pragma)").map { "\(pragma) \($0)" }
            }
            return lines
        }
    }

    /// The files in `folder`, by name.
    static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aNewFileAppearsOnlyWholeAndHoldsWhatOpeningWouldHaveMade() throws {
        // Given: a new file made in memory, and one opened as usual, each given the same decks
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.sqlite").path
        let usualPath = folder.appendingPathComponent("usual.sqlite").path
        let draft = try #require(try NewDatabaseFile(at: path))
        let usual = try StudyDatabase.open(at: usualPath)
        for database in [draft.database, usual] {
            try database.importDecks(
                [DeckImportTests.payments, Self.words], at: DeckImportTests.monday
            )
        }

        // Then: nothing is at its path until it is placed
        #expect(
            try Self.files(in: folder) == ["usual.sqlite", "usual.sqlite-shm", "usual.sqlite-wal"])

        // When: it is placed, and the usual one closed
        #expect(try draft.place())
        try usual.writer.close()

        // Then: it is alone at its path, in WAL mode, and holds what the usual file holds
        #expect(try Self.files(in: folder) == ["new.sqlite", "usual.sqlite"])
        let contents = try Self.contents(path)
        #expect(contents.contains("journal_mode wal"))
        #expect(contents.contains("integrity_check ok"))
        #expect(contents.filter { $0.hasPrefix("note ") }.count == 2003)
        #expect(contents == (try Self.contents(usualPath)))
        #expect(
            try StudyDatabase.open(at: path).decks()
                == (try StudyDatabase.open(at: usualPath).decks()))
    }

    @Test func aFileThatAppearedMeanwhileIsLeftAsItIs() throws {
        // Given: a new file made in memory with a deck, and another process's database made
        // at its path meanwhile, with another
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let draft = try #require(try NewDatabaseFile(at: path))
        try draft.database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        let other = try StudyDatabase.open(at: path)
        try other.importDeck(Self.words, at: DeckImportTests.monday)
        try other.writer.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        // When: it is placed
        let placed = try draft.place()

        // Then: it is not; the other file is untouched, and nothing else was left
        #expect(!placed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Self.files(in: folder) == ["lianxi.sqlite"])
        #expect(
            try StudyDatabase.open(at: path).decks().map(\.metadata.slug)
                == [Self.words.metadata.slug])
    }

    /// What can be at a database's path, that its opening deals with as it always has.
    enum Occupant: String, CaseIterable {
        case file = ""
        case writeAheadLog = "-wal"
        case sharedMemory = "-shm"
        case rollbackJournal = "-journal"
        case answerJournal = "-answers"
        case link = "link"
        case noFolder = "no folder"
    }

    @Test(arguments: Occupant.allCases)
    func aPathWithAnythingThereIsOpenedAsUsual(_ occupant: Occupant) throws {
        // Given: a path with something there (or no folder)
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var path = folder.appendingPathComponent("lianxi.sqlite").path
        switch occupant {
        case .link:
            try FileManager.default.createSymbolicLink(
                atPath: path, withDestinationPath: folder.appendingPathComponent("gone").path)
        case .noFolder:
            path = folder.appendingPathComponent("missing/lianxi.sqlite").path
        default:
            try Data().write(to: URL(fileURLWithPath: path + occupant.rawValue))
        }

        // Then: no new file is made for it, and nothing is written
        let before = try Self.files(in: folder)
        #expect(try NewDatabaseFile(at: path) == nil)
        #expect(try Self.files(in: folder) == before)
    }

    @Test func anEmptyFolderTakesANewFile() throws {
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let draft = try #require(try NewDatabaseFile(at: path))
        #expect(try draft.place())
        #expect(
            try StudyDatabase.open(at: path).appliedMigrations()
                == StudyDatabase.migrator.migrations)
        #expect(try SQLiteShell.value(path, "PRAGMA journal_mode") == "wal")
    }
}
