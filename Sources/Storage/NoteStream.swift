import Foundation

/// A deck's checked notes, handed over in batches by the thread that reads its file to the one
/// that inserts them, while the rest of the file is read.
///
/// A bounded queue: ``send(_:)`` waits while ``capacity`` batches wait to be taken, so a reader
/// faster than the inserts holds no more than that. What is inserted does not depend on when a
/// batch arrives: the batches are the deck's first notes, in file order, and the import checks
/// the whole deck before it commits
/// (``StudyDatabase/importDeck(streaming:slug:at:dryRun:read:)``).
public final class NoteStream: @unchecked Sendable {
    /// The batches waiting at most.
    public let capacity: Int
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var batches: [[NoteContent]] = []
    private var isFinished = false
    private var isAbandoned = false

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
        defer { condition.unlock() }
        precondition(!isFinished, "A note stream takes no batch after its end.")
        while batches.count >= capacity && !isAbandoned { condition.wait() }
        if !isAbandoned { batches.append(notes) }
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
    func next() -> [NoteContent]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !isFinished { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }
}
