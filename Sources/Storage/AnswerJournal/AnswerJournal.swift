import Foundation
import GRDB
import SpacedRepetition

/// A session's answers made durable one 4 KiB block at a time, and stored in the database a
/// batch at a time.
///
/// Committing an answer to SQLite writes about nine pages to its WAL and syncs them, which
/// costs about 200 µs on an ordinary disk before any other work (docs/BENCHMARKS.md, session
/// 9). The journal writes the answer's two rows (``JournalRecord``) into one block of a file
/// beside the database (`lianxi.sqlite-answers`) with one `pwrite`, then `fdatasync`: once
/// that returns, the answer survives a kill and a power cut, and the next card may show. The
/// answers are then stored in the database, exactly as ``StudyDatabase/record(_:progress:)``
/// stores them, in one transaction per batch (``commit()``): when the journal is full, before
/// any other write of the session, and at its end. After that commit the journal moves to a
/// new generation (one header block rewritten), and its blocks are written over.
///
/// Whoever opens the database next (``StudyDatabase/open(at:)``) stores the answers of the
/// current generation that `review_log` does not hold yet, in one transaction, before anything
/// else: after a kill or a power cut no acknowledged answer is lost, and none is stored twice
/// (an answer's id is unique). A live session holds the journal's lock: another process
/// leaves its answers alone and sees the database as of the session's last batch.
///
/// File layout: block 0 and block 1 are header slots (``JournalBlock/header(generation:capacity:)``,
/// generation `g` in slot `g % 2`), blocks 2… hold the answers of the current generation in
/// order. The file is written in full (zeros) when it is created, at a session's first answer,
/// and kept between sessions.
public final class AnswerJournal {
    /// The answers a journal holds before they are stored in the database.
    ///
    /// Measured on the large collection (500 answers, `strace -c`): a batch of 64 writes about
    /// 4.5 WAL frames an answer, against 9.3 for an answer's own commit; a batch of 256 wrote
    /// 5.5-8, since its pages outgrow a session's 1 MiB page cache and spill (3.7 with a
    /// 16 MiB cache, and 2 MiB more at the peak). The file is 264 KiB, and others reading the
    /// database during a session are at most 63 answers behind.
    public static let defaultCapacity = 64

    /// The journal's file beside the database at `databasePath`.
    public static func path(besideDatabase databasePath: String) -> String {
        databasePath + "-answers"
    }

    private let database: StudyDatabase
    private let path: String
    private let newCapacity: Int
    /// The file, once this session owns it (open and locked).
    private var file: JournalFile?
    private var capacity = 0
    private var generation: UInt64 = 0
    /// The answers of the generation, written to the file but not yet stored in the database.
    private var pending: [JournalRecord] = []

    /// The journal of a database opened by ``StudyDatabase/open(at:)``.
    ///
    /// It holds up to `capacity` answers when it creates the file; `nil` for a database in
    /// memory, which has no file to put it beside. Nothing is read or written until the first
    /// answer.
    public init?(for database: StudyDatabase, capacity: Int = AnswerJournal.defaultCapacity) {
        guard let databasePath = database.filePath else { return nil }
        self.database = database
        path = Self.path(besideDatabase: databasePath)
        newCapacity = max(1, capacity)
    }

    /// How many answers are durable in the journal and not yet stored in the database.
    public var pendingCount: Int { pending.count }

    /// Whether this session owns the journal (another live session may hold it: then answers
    /// are committed to the database one by one, as without a journal).
    public var isOwned: Bool { file != nil }

    /// Makes the answer durable before returning: in the journal when this session owns it
    /// (taking it at the first answer), else committed to the database.
    public func record(_ answer: Answer, progress: CardProgress) throws {
        if file == nil { try take() }
        let record = JournalRecord(
            answer: ReviewLogRecord(answer),
            state: CardStateRecord(
                associateId: answer.associateId, cardId: answer.cardId, progress: progress))
        let sequence = UInt64(pending.count + 1)
        guard let file,
            let bytes = JournalBlock.answer(record, generation: generation, sequence: sequence)
                .encoded()
        else {
            // Held by another session, or too long for a block (thousands of typed
            // characters): the database's own commit, after the answers before it.
            try commit()
            try database.record(answer, progress: progress)
            return
        }
        try file.write(bytes, at: 1 + Int(sequence))
        pending.append(record)
        if pending.count == capacity { try commit() }
    }

    /// Stores the pending answers in the database in one transaction (durable).
    ///
    /// Then starts a new generation. Does nothing when none is pending.
    public func commit() throws {
        guard let file, !pending.isEmpty else { return }
        try database.storeJournaled(pending)
        try reset(file)
        pending.removeAll(keepingCapacity: true)
    }

    /// Takes the journal for this session, if no one holds it.
    ///
    /// Opens the file (creating it if there is none), takes its lock, stores what an earlier
    /// session left in it, and makes it ready for this session's answers. Leaves `file` empty
    /// when another process holds the lock.
    private func take() throws {
        guard let file = try JournalFile.open(path, create: true), try file.lock() else { return }
        let contents = try Self.contents(of: file)
        if !contents.records.isEmpty {
            try database.storeJournaled(contents.records)
        }
        generation = contents.generation
        let blocks = try file.blockCount()
        if contents.hasHeader, blocks > 2 {
            capacity = blocks - 2
            if !contents.records.isEmpty { try reset(file) }
        } else {
            // New, or left unfinished by a process killed while creating it.
            capacity = newCapacity
            generation += 1
            try file.initialise(
                blocks: 2 + capacity,
                header: .header(generation: generation, capacity: capacity),
                slot: JournalContents.slot(of: generation))
        }
        self.file = file
    }

    /// Moves to the next generation: the blocks of the one before are now stale.
    private func reset(_ file: JournalFile) throws {
        try Self.start(generation: generation + 1, capacity: capacity, in: file)
        generation += 1
    }

    /// Writes the header of `generation` in its slot, synced: from then on the answer blocks
    /// of the generations before it are stale.
    private static func start(generation: UInt64, capacity: Int, in file: JournalFile) throws {
        guard let header = JournalBlock.header(generation: generation, capacity: capacity).encoded()
        else { return }
        try file.write(header, at: JournalContents.slot(of: generation))
    }

    /// The current generation and its answers, read block by block up to the first that does
    /// not follow.
    static func contents(of file: JournalFile) throws -> JournalContents {
        var buffer = [UInt8](repeating: 0, count: JournalBlock.size)
        let headers = (
            try file.block(at: 0, buffer: &buffer), try file.block(at: 1, buffer: &buffer)
        )
        var failure: (any Error)?
        let contents = JournalContents.read(headers: headers) { index in
            do {
                return try file.block(at: 2 + index, buffer: &buffer)
            } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw failure }
        return contents
    }

    /// Stores in `database` the answers that the journal beside it holds and `review_log`
    /// does not, then starts the journal's next generation; nothing when there is no journal,
    /// or when a live session holds it (its answers are its own to store).
    static func recover(into database: StudyDatabase) throws {
        guard let databasePath = database.filePath else { return }
        let file: JournalFile?
        do {
            file = try JournalFile.open(path(besideDatabase: databasePath), create: false)
        } catch StorageError.readOnly {
            // A journal this process may not write (a read-only mount, another user's file):
            // its answers wait for one that may; reading the database stays possible.
            return
        }
        guard let file, try file.lock() else { return }
        let contents = try contents(of: file)
        guard !contents.records.isEmpty else { return }
        try database.storeJournaled(contents.records)
        try start(
            generation: contents.generation + 1, capacity: max(1, try file.blockCount() - 2),
            in: file)
    }
}

extension StudyDatabase {
    /// Stores journaled answers that `review_log` does not hold yet, as ``record(_:progress:)``
    /// would have, in one transaction (an answer already stored, by a batch committed before a
    /// crash cut the journal's reset short, is passed over with its card's state).
    func storeJournaled(_ records: [JournalRecord]) throws {
        try writer.write { db in
            let stored = try db.cachedStatement(sql: "SELECT 1 FROM review_log WHERE id = ?")
            for record in records {
                guard try Bool.fetchOne(stored, arguments: [record.id]) == nil else { continue }
                if record.answer.phaseBefore == Phase.new.name {
                    try CardNumbering.ensureRows([record.answer.cardId], in: db)
                }
                try record.answer.insertQuickly(db)
                try record.state.saveQuickly(db)
            }
        }
    }
}
