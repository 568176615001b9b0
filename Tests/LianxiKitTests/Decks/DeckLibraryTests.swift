import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct DeckLibraryTests {
    static let monday = Date.utc(2026, 11, 2, 9)

    @Test func everyShippedDeckImportsAndExportsBackToTheSameFile() throws {
        // Given every deck of decks/, imported together into an empty database
        let database = try StudyDatabase.inMemory()
        let files = Fixture.shippedDecks.map { Fixture.decksFolder.appendingPathComponent($0).path }
        #expect(files.count == ShippedDecks.files.count)
        let imported = try DeckLibrary.importFiles(files, into: database, at: Self.monday)

        // Then every note is there with its three cards, no word twice across decks (a word
        // with two readings is two notes: 还 hái "still" and 还 huán "to give back")
        let notes = imported.reduce(0) { $0 + $1.summary.added.count }
        #expect(notes >= 800)
        #expect(try database.activeCardCount() == notes * 3)
        let hanzi = try database.decks().flatMap {
            try database.deck($0.metadata.slug)?.notes ?? []
        }
        .map { "\($0.hanzi) \($0.pinyin)" }
        #expect(Set(hanzi).count == hanzi.count)

        // And exporting each deck gives back its file byte for byte, so export -> import is
        // the identity
        for file in files {
            let slug = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let exported = try #require(try DeckLibrary.export(slug, from: database))
            #expect(Data(exported.utf8) == (try Data(contentsOf: URL(fileURLWithPath: file))))
        }
        // And the shipped decks built into the program are these same files
        let embedded = Dictionary(
            uniqueKeysWithValues: ShippedDecks.files.map { ($0.name, $0.text) })
        for name in Fixture.shippedDecks {
            let onDisk = try String(
                contentsOf: Fixture.decksFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(embedded[name] == onDisk)
        }
    }

    @Test func progressSurvivesADeckEditAndTheReportSaysWhatChanged() throws {
        // Given an associate who studied every card of a small deck
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try StudyDatabase.inMemory()
        let original = """
            hanzi,pinyin,english,id
            支付,zhi1fu4,to pay,w1
            发票,fa1piao4,invoise,w2
            退款,tui4kuan3,refund,w3

            """
        let file = folder.appendingPathComponent("money.csv")
        try Data(original.utf8).write(to: file)
        _ = try DeckLibrary.importFiles([file.path], into: database, at: Self.monday)
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "Europe/Berlin", at: Self.monday
        ).associate
        var review = try DailyReview(associate: associate, database: database, now: Self.monday)
        var time = Self.monday
        while review.session.card != nil {
            time += 30
            switch review.session.stage {
            case .typing: try review.handle(.typed(""), at: time)
            case .question: try review.handle(.reveal, at: time)
            case .answer: try review.handle(.grade(.easy), at: time)
            case .waiting, .finished: break
            }
        }
        let statesBefore = try database.progress(for: associate.id)
        let logBefore = try database.reviewLog(for: associate.id)
        #expect(statesBefore.count == 3)

        // When the trainer fixes a typo, adds a note and removes one
        let edited = """
            hanzi,pinyin,english,id
            支付,zhi1fu4,to pay,w1
            发票,fa1piao4,invoice,w2
            现金,xian4jin1,cash,w4

            """
        try Data(edited.utf8).write(to: file)
        let report = try DeckLibrary.importFiles([file.path], into: database, at: time + 60)

        // Then the report is right, and every review and card state is untouched
        let summary = try #require(report.first?.summary)
        #expect(summary.added == ["w4"])
        #expect(summary.changed == ["w2"])
        #expect(summary.retired == ["w3"])
        #expect(summary.unchanged == 1)
        #expect(
            DeckLibrary.describe(summary, file: "money.csv")
                == "money.csv → money: 1 added, 1 changed, 1 retired (their history is kept), 1 unchanged"
        )
        #expect(try database.progress(for: associate.id) == statesBefore)
        #expect(try database.reviewLog(for: associate.id) == logBefore)
        #expect(try database.deck("money")?.notes.map(\.english) == ["to pay", "invoice", "cash"])
        // The retired note leaves the queue; the new one comes as a new card.
        let next = try DailyReview(
            associate: associate, database: database, now: time + 7 * 86_400)
        let queued = next.session.queue.learning + next.session.queue.main
        let keys = try queued.map { try #require(try database.studyNote($0.noteId)).content.key }
        #expect(!keys.contains("w3"))
        #expect(keys.contains("w4"))
    }

    @Test(arguments: [
        "bad-rows.csv", "binary.csv", "empty.csv", "latin1.csv", "no-hanzi-column.csv",
        "not-a-zip.apkg", "not-anki.apkg", "anki21b-only.apkg", "lianxi-bad.tsv",
    ])
    func aBadFileLeavesTheDatabaseByteForByteUnchanged(fixture: String) throws {
        // Given a database on disk with decks and an associate
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let good = Fixture.decksFolder.appendingPathComponent("payments.tsv").path
        _ = try DeckLibrary.importFiles(
            [good], into: try StudyDatabase.open(at: path), at: Self.monday)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        // When a good file and a bad one are imported together
        #expect {
            try DeckLibrary.importFiles(
                [
                    Fixture.decksFolder.appendingPathComponent("starter.tsv").path,
                    try Fixture.path(fixture),
                ],
                into: try StudyDatabase.open(at: path), at: Self.monday)
        } throws: { error in
            // Then every problem names the file (and its line where there is one)
            guard let problems = error as? DeckProblems else { return false }
            return !problems.problems.isEmpty
                && problems.problems.allSatisfy { $0.description.contains(fixture) }
        }
        // And nothing at all was written: not even the good file
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try StudyDatabase.open(at: path).decks().map(\.metadata.slug) == ["payments"])
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-decks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
