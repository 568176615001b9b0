import Dispatch

/// Note ids handed from one thread to another, once: a session's notes due, from the thread
/// that reads its due cards to the one that walks its new cards
/// (``StudyDatabase/newCards(for:at:limit:filter:excludingNotes:excludingNotesHandedOver:firstOfEachNote:returningAtMost:)``),
/// which reads on along the path until they come.
///
/// One thread hands over, another takes; the semaphore orders the write before the read.
public final class NoteHandover: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var notes: [Int64]?
    /// Whether the notes were handed over (the giving thread's alone).
    private var handed = false

    /// A handover not made yet.
    public init() {}

    /// Hands `notes` over, or, with `nil`, says that they will not come (their read failed).
    ///
    /// Only the first call counts. Called by the giving thread.
    public func hand(_ notes: consuming [Int64]?) {
        guard !handed else { return }
        handed = true
        self.notes = notes
        ready.signal()
    }

    /// The notes if they were handed over, else `nil` at once.
    ///
    /// Throws if they will not come. Called by the taking thread, until it has them.
    func ifHanded() throws -> [Int64]? {
        guard ready.wait(timeout: .now()) == .success else { return nil }
        return try take()
    }

    /// The notes, once handed over.
    ///
    /// Throws if they will not come. Called by the taking thread, once, instead of
    /// ``ifHanded()``'s last call.
    func wait() throws -> [Int64] {
        ready.wait()
        return try take()
    }

    /// The notes, let go of here (the taker keeps what it needs).
    private func take() throws -> [Int64] {
        guard let taken = notes else { throw CancellationError() }
        notes = nil
        return taken
    }
}
