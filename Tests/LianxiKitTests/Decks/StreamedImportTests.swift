import Foundation
import TestSupport
import Testing

@testable import LianxiKit
@testable import Storage

/// A single file's notes are inserted in batches while the rest of it is read
/// (``DeckLibrary/importFiles(_:openingDatabase:at:options:dryRun:)``): the outcome must be the
/// one of reading the whole file first, whatever a later line holds.
@Suite struct StreamedImportTests {
    static let monday = Date.utc(2026, 11, 2, 9)

    /// Fifty characters with a reading each: their pairs give 2,500 different words.
    static let characters: [(hanzi: String, pinyin: String)] = [
        ("一", "yi1"), ("二", "er4"), ("三", "san1"), ("四", "si4"), ("五", "wu3"),
        ("六", "liu4"), ("七", "qi1"), ("八", "ba1"), ("九", "jiu3"), ("十", "shi2"),
        ("大", "da4"), ("小", "xiao3"), ("人", "ren2"), ("口", "kou3"), ("手", "shou3"),
        ("山", "shan1"), ("水", "shui3"), ("火", "huo3"), ("木", "mu4"), ("土", "tu3"),
        ("日", "ri4"), ("月", "yue4"), ("天", "tian1"), ("地", "di4"), ("上", "shang4"),
        ("下", "xia4"), ("中", "zhong1"), ("国", "guo2"), ("学", "xue2"), ("生", "sheng1"),
        ("电", "dian4"), ("话", "hua4"), ("书", "shu1"), ("车", "che1"), ("马", "ma3"),
        ("鱼", "yu2"), ("米", "mi3"), ("饭", "fan4"), ("茶", "cha2"), ("花", "hua1"),
        ("风", "feng1"), ("雨", "yu3"), ("雪", "xue3"), ("云", "yun2"), ("石", "shi2"),
        ("田", "tian2"), ("门", "men2"), ("心", "xin1"), ("白", "bai2"), ("红", "hong2"),
    ]

    /// The Pleco card lines of words `range` (each word once, in a fixed order).
    static func lines(_ range: Range<Int>) -> [String] {
        range.map { index in
            let (first, second) = (characters[index / 50], characters[index % 50])
            return "\(first.hanzi)\(second.hanzi)\t\(first.pinyin)\(second.pinyin)\tword \(index)"
        }
    }

    /// What goes wrong, and where, in a file of 2,500 notes (2 and a half batches).
    enum Flaw: String, CaseIterable, CustomTestStringConvertible {
        case badPinyinOnTheLastLine, badPinyinInTheFirstBatch, noTabOnALateLine
        case lastLineRepeatsTheFirstWord, problemsInBothHalves
        /// A headword of two forms makes the file's lines all split before any is checked.
        case noTabOnALateLineAfterTwoForms

        var testDescription: String { rawValue }

        func apply(to lines: inout [String]) {
            switch self {
            case .badPinyinOnTheLastLine: lines[2499] = "红红\thong9hong2\tbad"
            case .badPinyinInTheFirstBatch: lines[1] = "一二\tyi1xx\tbad"
            case .noTabOnALateLine: lines[2100] = "no tab here"
            case .lastLineRepeatsTheFirstWord: lines[2499] = lines[0]
            case .problemsInBothHalves:
                lines[10] = "一大\tyi1xx\tbad"
                lines[2200] = "no tab here"
            case .noTabOnALateLineAfterTwoForms:
                lines[0] = "一一[一一]\tyi1yi1\tword 0"
                lines[2100] = "no tab here"
            }
        }

        /// The lines with a problem.
        var lines: [Int] {
            switch self {
            case .badPinyinOnTheLastLine, .lastLineRepeatsTheFirstWord: [2500]
            case .badPinyinInTheFirstBatch: [2]
            case .noTabOnALateLine, .noTabOnALateLineAfterTwoForms: [2101]
            case .problemsInBothHalves: [11, 2201]
            }
        }
    }

    @Test(arguments: Flaw.allCases)
    func aFlawAnywhereLeavesTheDatabaseUnchangedWithTheProblemsOfReadingIt(flaw: Flaw) throws {
        // Given a database on disk with a deck, and a large Pleco file with one flaw
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let good = Fixture.decksFolder.appendingPathComponent("payments.tsv").path
        _ = try DeckLibrary.importFiles(
            [good], into: try StudyDatabase.open(at: path), at: Self.monday)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var lines = Self.lines(0..<2500)
        flaw.apply(to: &lines)
        let file = try write(lines, to: folder, named: "words.txt")

        // When it is imported, its notes streamed to the database while it is read
        let expected = DeckLibrary.read(files: [file]).problems
        #expect(
            throws: DeckProblems(expected),
            performing: {
                try DeckLibrary.importFiles(
                    [file], openingDatabase: { try StudyDatabase.open(at: path) },
                    at: Self.monday)
            })

        // Then the problems are those of reading the file, at the flaw's line
        #expect(expected.map(\.line) == flaw.lines)
        // And nothing at all was written
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try StudyDatabase.open(at: path).decks().map(\.metadata.slug) == ["payments"])
    }

    /// Imports in turn, each a list of files, each file the words of a range.
    struct Imports: CustomTestStringConvertible, Sendable {
        let name: String
        let steps: [[Range<Int>]]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Imports(name: "a new deck", steps: [[0..<2500]]),
        Imports(name: "a new deck of one batch and a note", steps: [[0..<1001]]),
        Imports(
            name: "a re-import that retires and adds notes", steps: [[0..<2400], [600..<2500]]),
        Imports(
            name: "a deck mostly retired, then restored",
            steps: [[0..<1500], [2400..<2401], [0..<1500]]),
        Imports(name: "several files at once", steps: [[0..<1250, 1250..<2500]]),
    ])
    func streamedImportsStoreWhatReadingFirstStores(imports: Imports) throws {
        // Given two new databases
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let streamed = try StudyDatabase.open(at: folder.appendingPathComponent("s.sqlite").path)
        let usual = try StudyDatabase.open(at: folder.appendingPathComponent("u.sqlite").path)
        for (step, ranges) in imports.steps.enumerated() {
            let files = try ranges.enumerated().map { index, range in
                try write(Self.lines(range), to: folder, named: "deck-\(index).txt")
            }
            let time = Self.monday + Double(step) * 86_400

            // When the files are imported by the library (streamed when one file), and read
            // whole and then imported into the other
            let summaries = try DeckLibrary.importFiles(files, into: streamed, at: time)
            let read = DeckLibrary.read(files: files)
            #expect(read.problems.isEmpty)
            let expected = try usual.importDecks(read.decks.map(\.deck), at: time)

            // Then both say the same, and both databases hold the same decks and notes
            #expect(summaries.map(\.summary) == expected)
            #expect(try streamed.decks() == usual.decks())
            for deck in try usual.decks() {
                #expect(
                    try streamed.deck(deck.metadata.slug) == usual.deck(deck.metadata.slug))
            }
        }
    }

    @Test(arguments: [(2500, [1000, 1000, 500]), (999, [999]), (2000, [1000, 1000])])
    func aPlecoFileSendsItsNotesInBatchesOfAThousand(count: Int, batches: [Int]) throws {
        // Given a Pleco file of `count` words, read with a stream that holds every batch
        let text = Self.lines(0..<count).joined(separator: "\n")
        let stream = NoteStream(capacity: 3)
        let deck = try PlecoFile.read(text, file: "words.txt", notesTo: stream)
        stream.finish()

        // Then the batches are its notes in file order
        var sent: [[NoteContent]] = []
        while let batch = stream.next() { sent.append(batch.notes) }
        #expect(sent.map(\.count) == batches)
        #expect(Array(sent.joined()) == deck.notes)
    }

    /// The content hash kept for a streamed deck is the hash of the deck as read, whatever its
    /// title and however its lines were read (as they come, or all split first when a headword
    /// has two forms).
    @Test(arguments: [nil, "Words of two characters"], [false, true])
    func aStreamedDeckKeepsTheHashOfTheDeckRead(title: String?, hasTwoForms: Bool) throws {
        // Given a new database and a Pleco file of 2,500 words
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try StudyDatabase.open(at: folder.appendingPathComponent("s.sqlite").path)
        var lines = Self.lines(0..<2500)
        if hasTwoForms { lines[1200] = "上一[上壹]\tshang4yi1\tword 1200" }
        let file = try write(lines, to: folder, named: "words.txt")
        let options = DeckReadOptions(title: title)

        // When it is imported, streamed
        _ = try DeckLibrary.importFiles([file], into: database, at: Self.monday, options: options)

        // Then the deck keeps the hash of the deck read whole
        let read = DeckLibrary.read(files: [file], options: options)
        let hash = try #require(read.decks.first).deck.contentHash
        #expect(try database.decks().map(\.contentHash) == [hash])
        #expect(try database.decks().map(\.metadata.title) == [title ?? "words"])
    }

    @Test func aPlecoFileStopsSendingAtItsFirstProblem() throws {
        // Given a Pleco file whose line 2,100 has a problem
        var lines = Self.lines(0..<2500)
        lines[2099] = "红红\thong9hong2\tbad"
        let stream = NoteStream(capacity: 3)
        #expect(throws: DeckProblems.self) {
            try PlecoFile.read(lines.joined(separator: "\n"), file: "w.txt", notesTo: stream)
        }
        stream.finish()

        // Then only the batches checked before it were sent
        var sent: [Int] = []
        while let batch = stream.next() { sent.append(batch.notes.count) }
        #expect(sent == [1000, 1000])
    }

    @Test func aDryRunOfAStreamedImportWritesNothing() throws {
        // Given a new database on disk
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let database = try StudyDatabase.open(at: path)
        let file = try write(Self.lines(0..<2500), to: folder, named: "words.txt")

        // When a large file is imported as a dry run
        let summaries = try DeckLibrary.importFiles(
            [file], into: database, at: Self.monday, dryRun: true)

        // Then it says what it would add, and adds nothing
        #expect(summaries.map(\.summary.added.count) == [2500])
        #expect(try database.decks().isEmpty)
    }

    @Test(arguments: [1, 2])
    func aNewDatabaseIsMadeInMemoryAndPlacedWhole(fileCount: Int) throws {
        // Given a path with no database, and one or two files of 1,250 words each
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let files = try (0..<fileCount).map { index in
            try write(
                Self.lines(index * 1250..<(index + 1) * 1250), to: folder, named: "w\(index).txt")
        }

        // When they are imported into a new file there
        let summaries = try DeckLibrary.importFiles(
            files, openingDatabase: { throw StorageError.readOnly(path) },
            newFile: { try NewDatabaseFile(at: path) }, at: Self.monday)

        // Then the file holds what an import into a database opened as usual holds
        let usual = try StudyDatabase.open(at: folder.appendingPathComponent("u.sqlite").path)
        let expected = try usual.importDecks(
            DeckLibrary.read(files: files).decks.map(\.deck), at: Self.monday)
        #expect(summaries.map(\.summary) == expected)
        let made = try StudyDatabase.open(at: path)
        #expect(try made.decks() == usual.decks())
        for deck in try usual.decks() {
            #expect(try made.deck(deck.metadata.slug) == usual.deck(deck.metadata.slug))
        }
    }

    @Test func aRefusedImportIntoANewDatabaseLeavesNoFile() throws {
        // Given a path with no database, and a file with a bad syllable
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        var lines = Self.lines(0..<2500)
        lines[2300] = "红红\thong9hong2\tbad"
        let file = try write(lines, to: folder, named: "words.txt")

        // When it is imported into a new file there, it is refused with the file's problems
        #expect(
            throws: DeckProblems(DeckLibrary.read(files: [file]).problems),
            performing: {
                try DeckLibrary.importFiles(
                    [file], openingDatabase: { try StudyDatabase.open(at: path) },
                    newFile: { try NewDatabaseFile(at: path) }, at: Self.monday)
            })

        // And no database was made
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aDatabaseMadeMeanwhileTakesTheImportInstead() throws {
        // Given a new file in memory, and a database made at its path meanwhile (by another
        // process) that holds the first 1,000 of the file's words
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let earlier = folder.appendingPathComponent("earlier")
        try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
        let first = try write(Self.lines(0..<1000), to: earlier, named: "words.txt")
        let newFile: () throws -> NewDatabaseFile? = {
            let draft = try NewDatabaseFile(at: path)
            _ = try DeckLibrary.importFiles(
                [first], into: try StudyDatabase.open(at: path), at: Self.monday)
            return draft
        }
        let file = try write(Self.lines(0..<2500), to: folder, named: "words.txt")

        // When the whole file is imported
        let summaries = try DeckLibrary.importFiles(
            [file], openingDatabase: { try StudyDatabase.open(at: path) }, newFile: newFile,
            at: Self.monday)

        // Then the import went into that database, as if there had been no new file
        #expect(summaries.map(\.summary.added.count) == [1500])
        #expect(summaries.map(\.summary.unchanged) == [1000])
        let database = try StudyDatabase.open(at: path)
        #expect(try database.decks().map(\.activeNotes) == [2500])
    }

    private func write(_ lines: [String], to folder: URL, named name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-streamed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
