import CohortInsights
import Foundation
import GRDB
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// The answer journal (``AnswerJournal``): its blocks as values, and its file beside a real
/// database, written, torn, killed and recovered.
@Suite struct AnswerJournalTests {
    // MARK: - Blocks

    /// Answers as a session makes them: FSRS and SM-2, first and later, typed or not.
    static func answers() throws -> [(String, Answer)] {
        var generator = SplitMix64(seed: 17)
        let time = DeckImportTests.monday
        let first = try FSRSScheduler().review(.new, rating: .good, at: time, using: &generator)
        let later = try FSRSScheduler().review(
            first.card, rating: .again, at: time + 86_400 * 3, using: &generator)
        let sm2 = SM2Scheduler().review(.new, rating: .easy, at: time, using: &generator)
        return [
            (
                "a first answer, FSRS",
                Answer(
                    associateId: 1, cardId: 9, phaseBefore: .new, outcome: first, duration: 3.25,
                    typedAnswer: nil)
            ),
            (
                "a lapse, typed, with a verdict",
                Answer(
                    associateId: 2, cardId: 10, phaseBefore: first.card.phase, outcome: later,
                    duration: nil, typedAnswer: "zhi1 fu4 支付 🙂", verdict: .tonesOnly)
            ),
            (
                "SM-2",
                Answer(
                    associateId: 1, cardId: 4, phaseBefore: .new, outcome: sm2, duration: 0.001,
                    typedAnswer: "", verdict: .correct)
            ),
        ]
    }

    static func record(_ answer: Answer, suspended: Bool = false) -> JournalRecord {
        JournalRecord(
            answer: ReviewLogRecord(answer),
            state: CardStateRecord(
                associateId: answer.associateId, cardId: answer.cardId,
                progress: CardProgress(
                    state: answer.outcome.card, isSuspended: suspended,
                    buriedUntil: suspended ? DeckImportTests.monday : nil, isLeech: suspended)))
    }

    @Test(arguments: ["a first answer, FSRS", "a lapse, typed, with a verdict", "SM-2"])
    func anAnswerBlockDecodesToWhatWasEncoded(_ name: String) throws {
        let answer = try #require(try Self.answers().first { $0.0 == name }?.1)
        for suspended in [false, true] {
            let block = JournalBlock.answer(
                Self.record(answer, suspended: suspended), generation: 7, sequence: 3)
            let bytes = try #require(block.encoded())
            #expect(bytes.count == JournalBlock.size)
            #expect(JournalBlock(decoding: bytes) == block)
        }
        let header = JournalBlock.header(generation: 12, capacity: 256)
        #expect(JournalBlock(decoding: try #require(header.encoded())) == header)
    }

    /// A typed answer whose block's payload spans a few of the disk's 512-byte sectors.
    static func longTyped() throws -> Answer {
        let base = try #require(try Self.answers().first?.1)
        return Answer(
            associateId: 1, cardId: 9, phaseBefore: .new, outcome: base.outcome, duration: nil,
            typedAnswer: String(repeating: "zhi1fu4 ", count: 150))
    }

    @Test func anAnswerTooLongForABlockHasNoBlock() throws {
        let base = try #require(try Self.answers().first?.1)
        let long = Answer(
            associateId: 1, cardId: 9, phaseBefore: .new, outcome: base.outcome, duration: nil,
            typedAnswer: String(repeating: "字", count: 1_400))
        #expect(JournalBlock.answer(Self.record(long), generation: 1, sequence: 1).encoded() == nil)
    }

    /// Ways a block is damaged: what a power cut mid-write, or another file's bytes, leave.
    static let damages: [(String, @Sendable ([UInt8]) -> [UInt8])] = [
        ("zeros, never written", { _ in [UInt8](repeating: 0, count: JournalBlock.size) }),
        (
            "torn after 512 bytes, the payload longer (the new block's first sector over zeros)",
            {
                Array($0.prefix(512)) + [UInt8](repeating: 0, count: JournalBlock.size - 512)
            }
        ),
        (
            "torn after 100 bytes",
            {
                Array($0.prefix(100)) + [UInt8](repeating: 0, count: JournalBlock.size - 100)
            }
        ),
        (
            "one payload byte changed",
            { block in
                var block = block
                block[JournalBlock.headerSize + 10] ^= 0x20
                return block
            }
        ),
        (
            "the generation changed",
            { block in
                var block = block
                block[8] ^= 1
                return block
            }
        ),
        (
            "the payload's length changed",
            { block in
                var block = block
                block[6] &+= 1
                return block
            }
        ),
        (
            "another format",
            { block in
                var block = block
                block[4] = 2
                return block
            }
        ),
        ("shorter than a block", { Array($0.prefix(JournalBlock.size - 1)) }),
    ]

    @Test(arguments: damages.map(\.0))
    func aDamagedBlockIsIgnored(_ name: String) throws {
        let damage = try #require(Self.damages.first { $0.0 == name }?.1)
        let answer = try Self.longTyped()
        let bytes = try #require(
            JournalBlock.answer(Self.record(answer), generation: 5, sequence: 1).encoded())
        #expect(bytes[1_000...].contains { $0 != 0 })
        #expect(JournalBlock(decoding: bytes) != nil)
        #expect(JournalBlock(decoding: damage(bytes)) == nil)
    }

    /// Record blocks as recovery finds them, by the generations written in each.
    static let layouts:
        [(name: String, headers: [UInt64?], blocks: [UInt64?], generation: UInt64, read: Int)] = [
            ("three answers of the current generation", [4, 3], [4, 4, 4], 4, 3),
            ("stale answers after the current ones", [6, 5], [6, 6, 5, 5, 5], 6, 2),
            ("a new generation, nothing written yet", [6, 7], [6, 6, 6], 7, 0),
            ("a torn block ends the generation", [2, nil], [2, 2, nil, 2], 2, 2),
            ("the newer header torn by a power cut: the older holds", [8, nil], [8, 8], 8, 2),
            ("no header: the first block's generation", [nil, nil], [3, 3, 2], 3, 2),
            ("no header and no answer", [nil, nil], [nil], 0, 0),
        ]

    @Test(arguments: layouts.map(\.name))
    func recoveryReadsTheCurrentGenerationUpToItsFirstGap(_ name: String) throws {
        let layout = try #require(Self.layouts.first { $0.name == name })
        let answer = try #require(try Self.answers().first?.1)
        let headers = layout.headers.map { generation in
            generation.map { JournalBlock.header(generation: $0, capacity: 8) }
        }
        let blocks = layout.blocks.enumerated().map { index, generation in
            generation.map {
                JournalBlock.answer(
                    Self.record(answer), generation: $0, sequence: UInt64(index + 1))
            }
        }
        let contents = JournalContents.read(headers: (headers[0], headers[1])) { index in
            index < blocks.count ? blocks[index] : nil
        }
        #expect(contents.generation == layout.generation)
        #expect(contents.records.count == layout.read)
    }

    // MARK: - The file beside a database

    /// A database in a temporary folder with the payments deck (cards 4-14) and ana, and a
    /// maker of answers that chains each card's progress.
    final class Collection {
        let folder: URL
        let path: String
        let associateId: Int64
        private var progress: [Int64: CardProgress] = [:]
        private var generator = SplitMix64(seed: 3)
        private var time = DeckImportTests.monday

        init() throws {
            folder = try StudyDatabaseTests.temporaryFolder()
            path = folder.appendingPathComponent("lianxi.sqlite").path
            let database = try StudyDatabase.open(at: path)
            try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
            associateId = try database.registerAssociate(
                named: "ana", timeZone: "UTC", at: DeckImportTests.monday
            ).associate.id
        }

        deinit {
            try? FileManager.default.removeItem(at: folder)
        }

        var journalPath: String { AnswerJournal.path(besideDatabase: path) }

        /// The next answer to `card` (one of 4, 5, 6, 8, 9, 10, 12, 13, 14) and its progress.
        func answer(_ card: Int64, typed: String? = nil) throws -> (Answer, CardProgress) {
            let before = progress[card] ?? .new
            time += 60
            let outcome = try FSRSScheduler().review(
                before.state, rating: .good, at: time, using: &generator)
            let after = CardProgress(
                state: outcome.card, isSuspended: false, buriedUntil: nil, isLeech: false)
            progress[card] = after
            return (
                Answer(
                    associateId: associateId, cardId: card, phaseBefore: before.state.phase,
                    outcome: outcome, duration: 2, typedAnswer: typed),
                after
            )
        }

        /// The ids in review_log and the card states, read on a fresh connection.
        func stored(_ database: StudyDatabase) throws -> (
            ids: [String], states: [Int64: CardProgress]
        ) {
            let ids = try database.reviewLog(for: associateId).map(\.id)
            return (ids, try database.progress(for: associateId))
        }

        /// What the answers should have left: every id once, each card's latest progress.
        var expectedStates: [Int64: CardProgress] { progress }
    }

    @Test func answersAreStoredAtTheJournalsCommitAndNotBefore() throws {
        let collection = try Collection()
        let database = try StudyDatabase.open(at: collection.path)
        let journal = try #require(AnswerJournal(for: database, capacity: 8))
        var ids: [String] = []
        for card: Int64 in [4, 8, 4] {
            let (answer, progress) = try collection.answer(card)
            try journal.record(answer, progress: progress)
            ids.append(answer.id)
        }
        #expect(journal.isOwned)
        #expect(journal.pendingCount == 3)
        #expect(try collection.stored(database).ids.isEmpty)

        try journal.commit()
        #expect(journal.pendingCount == 0)
        let stored = try collection.stored(database)
        #expect(Set(stored.ids) == Set(ids) && stored.ids.count == 3)
        #expect(stored.states == collection.expectedStates)
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func aKilledSessionsAnswersAreStoredOnceByTheNextOpening() throws {
        let collection = try Collection()
        var ids: [String] = []
        do {
            let database = try StudyDatabase.open(at: collection.path)
            let journal = try #require(AnswerJournal(for: database, capacity: 8))
            for card: Int64 in [5, 9, 5, 12] {
                let (answer, progress) = try collection.answer(card)
                try journal.record(answer, progress: progress)
                ids.append(answer.id)
            }
            // Killed: the journal goes (its lock with it) and nothing is committed.
        }
        // Opened twice: the second finds a new generation and stores nothing again.
        for _ in 0..<2 {
            let database = try StudyDatabase.open(at: collection.path)
            let stored = try collection.stored(database)
            #expect(stored.ids.sorted() == ids.sorted())
            #expect(stored.states == collection.expectedStates)
        }
    }

    @Test(arguments: [0, 2, 4])
    func aBatchStoredBeforeACrashCutTheResetShortIsNotStoredTwice(storedBefore: Int) throws {
        let collection = try Collection()
        var ids: [String] = []
        do {
            let database = try StudyDatabase.open(at: collection.path)
            let journal = try #require(AnswerJournal(for: database, capacity: 8))
            for card: Int64 in [6, 10, 6, 13] {
                let (answer, progress) = try collection.answer(card)
                try journal.record(answer, progress: progress)
                ids.append(answer.id)
            }
            // The batch's transaction committed (all of it, or an earlier recovery's part),
            // then the process died before the header moved to the next generation.
            let file = try #require(try JournalFile.open(collection.journalPath, create: false))
            let contents = try AnswerJournal.contents(of: file)
            #expect(contents.records.count == 4)
            try database.storeJournaled(Array(contents.records.prefix(storedBefore)))
        }
        let database = try StudyDatabase.open(at: collection.path)
        let stored = try collection.stored(database)
        #expect(stored.ids.sorted() == ids.sorted())
        #expect(stored.states == collection.expectedStates)
    }

    @Test func aFullJournalIsStoredAndStartsAgainMidSession() throws {
        let collection = try Collection()
        var ids: [String] = []
        do {
            let database = try StudyDatabase.open(at: collection.path)
            let journal = try #require(AnswerJournal(for: database, capacity: 4))
            for index in 0..<10 {
                let (answer, progress) = try collection.answer([4, 5, 6, 8, 9][index % 5])
                try journal.record(answer, progress: progress)
                ids.append(answer.id)
                #expect(journal.pendingCount == (index + 1) % 4)
                #expect(try collection.stored(database).ids.count == (index + 1) / 4 * 4)
            }
            // The file holds its header slots and four blocks, however many answers went by.
            let size = try FileManager.default.attributesOfItem(
                atPath: collection.journalPath)[.size]
            #expect((size as? NSNumber)?.intValue == 6 * JournalBlock.size)
            // Killed with two answers in the journal's third generation.
        }
        let reopened = try StudyDatabase.open(at: collection.path)
        let stored = try collection.stored(reopened)
        #expect(stored.ids.sorted() == ids.sorted())
        #expect(stored.states == collection.expectedStates)
    }

    @Test func aJournalHeldByALiveSessionIsLeftToIt() throws {
        // flock belongs to an open file: two journals in one process contend as two processes'.
        let collection = try Collection()
        let database = try StudyDatabase.open(at: collection.path)
        let live = try #require(AnswerJournal(for: database, capacity: 8))
        let (first, firstProgress) = try collection.answer(4)
        try live.record(first, progress: firstProgress)
        #expect(live.isOwned)

        // Another session meanwhile commits its answers itself.
        let other = try #require(AnswerJournal(for: try StudyDatabase.open(at: collection.path)))
        let (second, secondProgress) = try collection.answer(8)
        try other.record(second, progress: secondProgress)
        #expect(!other.isOwned)
        // And another command sees the database as of the live session's last batch.
        let meanwhile = try StudyDatabase.open(at: collection.path)
        #expect(try collection.stored(meanwhile).ids == [second.id])

        try live.commit()
        #expect(Set(try collection.stored(meanwhile).ids) == [first.id, second.id])
        #expect(try collection.stored(meanwhile).states == collection.expectedStates)
    }

    @Test func aJournalOfAnotherDatabaseIsRefusedWithNothingChanged() throws {
        let collection = try Collection()
        do {
            let database = try StudyDatabase.open(at: collection.path)
            let journal = try #require(AnswerJournal(for: database, capacity: 8))
            let (answer, progress) = try collection.answer(4)
            try journal.record(answer, progress: progress)
            // Killed; then a database without ana or the deck is copied over this one.
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: collection.path + suffix)
        }
        _ = try StudyDatabase.open(at: collection.folder.appendingPathComponent("other").path)
        try FileManager.default.copyItem(
            atPath: collection.folder.appendingPathComponent("other").path,
            toPath: collection.path)
        let journal = try Data(contentsOf: URL(fileURLWithPath: collection.journalPath))

        do {
            _ = try StudyDatabase.open(at: collection.path)
            Issue.record("the database opened with another database's journal beside it")
        } catch {
            #expect(error as? StorageError == .journalOfAnotherDatabase(collection.journalPath))
            #expect(String(describing: error).contains("move \(collection.journalPath) aside"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: collection.journalPath)) == journal)

        // Moved aside: the database opens as it is, its journal a new one.
        try FileManager.default.moveItem(
            atPath: collection.journalPath, toPath: collection.journalPath + ".aside")
        let database = try StudyDatabase.open(at: collection.path)
        #expect(try database.associates().isEmpty)
    }

    @Test func anAnswerTooLongForABlockIsCommittedAfterThoseBeforeIt() throws {
        let collection = try Collection()
        let database = try StudyDatabase.open(at: collection.path)
        let journal = try #require(AnswerJournal(for: database, capacity: 8))
        let (short, shortProgress) = try collection.answer(9)
        try journal.record(short, progress: shortProgress)
        let (long, longProgress) = try collection.answer(
            9, typed: String(repeating: "支付", count: 1_000))
        try journal.record(long, progress: longProgress)
        #expect(journal.pendingCount == 0)
        let stored = try collection.stored(database)
        #expect(stored.ids == [short.id, long.id])
        #expect(stored.states == collection.expectedStates)
    }

    @Test func aTornBlockAtTheEndIsIgnoredAndTheAnswersBeforeItKept() throws {
        // A power cut during the fourth answer's write: its block is part old, part new.
        let collection = try Collection()
        var ids: [String] = []
        do {
            let database = try StudyDatabase.open(at: collection.path)
            let journal = try #require(AnswerJournal(for: database, capacity: 8))
            for card: Int64 in [12, 13, 14] {
                let (answer, progress) = try collection.answer(card)
                try journal.record(answer, progress: progress)
                ids.append(answer.id)
            }
            // (A block whose payload fits in the sector written is whole, and may be stored:
            // an answer not acknowledged may be there or not, never half there.)
            let (lost, _) = try collection.answer(
                4, typed: String(repeating: "kuai4di4 ", count: 100))
            let bytes = try #require(
                JournalBlock.answer(
                    AnswerJournalTests.record(lost), generation: 1, sequence: 4
                ).encoded())
            let handle = try #require(FileHandle(forWritingAtPath: collection.journalPath))
            try handle.seek(toOffset: UInt64(5 * JournalBlock.size))
            try handle.write(contentsOf: bytes.prefix(512))
            try handle.close()
        }
        let database = try StudyDatabase.open(at: collection.path)
        #expect(try collection.stored(database).ids.sorted() == ids.sorted())
        #expect(try database.integrityProblems().isEmpty)
    }
}
