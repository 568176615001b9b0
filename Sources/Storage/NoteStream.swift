import Foundation

/// A deck's checked notes, handed over in batches by the thread that reads its file to the one
/// that inserts them, while the rest of the file is read.
///
/// A bounded queue: ``send(_:)`` waits while ``capacity`` batches wait to be taken, so a reader
/// faster than the inserts holds no more than that. What is inserted does not depend on when a
/// batch arrives: the batches are the deck's first notes, in file order, and the import checks
/// the whole deck before it commits
/// (``StudyDatabase/importDeck(streaming:slug:at:dryRun:read:)``).
///
/// The sender also binds a batch's rows for the insert (about a tenth of the inserting
/// thread's work) when batches wait to be taken: the taker is then the longer of the two
/// threads. When none waits, the taker is the one waiting, and it binds the rows itself.
public final class NoteStream: @unchecked Sendable {
    /// A batch of notes, and their rows if the sender bound them.
    struct Batch {
        /// The notes, in file order.
        let notes: [NoteContent]
        /// Their rows, a statement's worth in each but the last; none if the sender did not
        /// bind them.
        let rows: [RawInsert.Rows]
    }

    /// The batches waiting at most.
    public let capacity: Int
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var batches: [Batch] = []
    private var isFinished = false
    private var isAbandoned = false
    /// The notes sent so far; only the sender reads and writes it.
    private var sentNotes = 0

    /// An empty stream holding at most `capacity` batches.
    public init(capacity: Int = 4) {
        precondition(capacity > 0, "A note stream holds at least one batch.")
        self.capacity = capacity
    }

    /// Hands `notes` over, the next notes of the deck in file order.
    ///
    /// Waits while the stream is full; the notes are dropped if the taker has abandoned it.
    public func send(_ notes: [NoteContent]) {
        condition.lock()
        let binds = !isAbandoned && !batches.isEmpty
        condition.unlock()
        // Bound outside the lock, so that the taker is never kept waiting by it.
        let rows = binds ? StudyDatabase.noteRows(notes, from: sentNotes) : []
        sentNotes += notes.count
        condition.lock()
        defer { condition.unlock() }
        precondition(!isFinished, "A note stream takes no batch after its end.")
        while batches.count >= capacity && !isAbandoned { condition.wait() }
        if !isAbandoned { batches.append(Batch(notes: notes, rows: rows)) }
        condition.broadcast()
    }

    /// Says that no more batches come (the file is read, or it failed).
    public func finish() {
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Says that the taker takes no more batches: ``send(_:)`` no longer waits.
    public func abandon() {
        condition.lock()
        isAbandoned = true
        batches = []
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for it; `nil` once the stream is finished and empty.
    func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !isFinished { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }
}
