import Foundation
import GRDB
import TestSupport
import Testing

@testable import Storage

/// A full disk and files that cannot be written, met while the database is in use.
///
/// A file that cannot be written is tested on the built program, for every user including root
/// (`PermissionFaultTests`); conditions that need root (a read-only mount, a tiny tmpfs) are
/// exercised by `Scripts/reliability/faults.sh`.
@Suite struct DiskFaultTests {
    /// A deck big enough to need many pages.
    static let bigDeck = DeckContent(
        metadata: DeckMetadata(slug: "big", title: "Big", source: "big.tsv"),
        notes: (1...400).map { index in
            DeckImportTests.note(
                "big-\(index)", "订单\(index)", "dìngdān",
                "order number \(index) "
                    + String(repeating: "with a long gloss ", count: 8))
        })

    @Test func aFullDiskMidwayIsExplainedAndChangesNothing() throws {
        let folder = try StudyDatabaseTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        // Given a database whose file may grow by only a few pages (SQLite's max_page_count
        // makes the disk "full" for this connection)
        let database = try StudyDatabase.open(at: path)
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        let before = try database.contentFingerprint()
        try database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
        }
        // When a big import needs more room
        let error = #expect(throws: DatabaseError.self) {
            try database.importDeck(Self.bigDeck, at: DeckImportTests.monday)
        }
        // Then the person reads what to do, and the database is as it was
        let explained = try #require(
            error.flatMap { StorageError(explaining: $0, databaseAt: path) })
        #expect(explained == .diskFull(path))
        #expect("\(explained)".contains("is full") && "\(explained)".contains("nothing was lost"))
        #expect(try database.contentFingerprint() == before)
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func errorsThatAreNotAboutStorageAreLeftAlone() {
        struct Unrelated: Error {}
        #expect(StorageError(explaining: Unrelated(), databaseAt: "x") == nil)
        #expect(
            StorageError(explaining: StorageError.readOnly("y"), databaseAt: "x") == .readOnly("y"))
    }
}
