import Foundation
import SpacedRepetition
import Storage

/// The imperative shell around ``ReviewSession``: builds today's queue from the database and
/// stores what each event decides before the next card shows.
///
/// On a database in a file, an answer is made durable in the answer journal beside it (one
/// block and its `fdatasync`) and stored in the database with the answers around it, a batch
/// at a time (``AnswerJournal``); any other write of the session stores the batch first, and
/// ``commitAnswers()`` stores it at the session's end.
public struct DailyReview {
    /// The database.
    public let database: StudyDatabase
    /// The journal answers go to, for a database in a file (`nil` in memory: each answer is
    /// its own transaction).
    private let journal: AnswerJournal?
    /// The session on screen.
    public private(set) var session: ReviewSession
    /// How many cards were due or new when the session started.
    public let plannedCards: Int

    /// The page cache a session's connection keeps (``StudyDatabase/limitPageCache(toMebibytes:)``).
    ///
    /// The start reads about 4 MiB of index pages on the largest collections measured (50,000
    /// cards, 1,000,000 answers), in order, the due cards' range twice (its count, the cards),
    /// and again, with the cards started, on the connection that reads the new cards (which
    /// keeps as much). Measured there, an 8 MiB cache that kept them made the first card no
    /// sooner (the system's cache serves the pages read again) and the session's peak 5 MiB
    /// larger. An answer changes a few dozen pages.
    public static let pageCacheMebibytes = 1

    /// Options narrowing the session.
    public struct Options: Sendable {
        /// Which decks and kinds of card.
        public var filter: StudyFilter
        /// At most this many cards in this session.
        public var limit: Int?
        /// New cards today, instead of the associate's daily setting.
        public var newCards: Int?

        /// Creates options; the defaults take everything the associate's limits allow.
        public init(filter: StudyFilter = .all, limit: Int? = nil, newCards: Int? = nil) {
            self.filter = filter
            self.limit = limit
            self.newCards = newCards
        }
    }

    /// Builds today's session for `associate` at `now`.
    public init(
        associate: Associate, database: StudyDatabase, options: Options = Options(), now: Date
    ) throws {
        self.database = database
        journal = AnswerJournal(for: database)
        let scheduler = try associate.makeScheduler()
        let day = StudyDay(containing: now, counting: associate.dayCounting)
        let done = try database.counts(for: associate.id, since: day.start)
        let newLimit = options.newCards ?? associate.newCardsPerDay
        let newBudget = max(0, newLimit - done.newCardsStarted)
        // The new cards are read on a connection of their own, on the other core, while this
        // one reads the due cards: on a large collection the two reads are most of the start's
        // instructions. Siblings of a note studied today or due today wait for another day:
        // they are passed over in the database, so that they do not use up the candidates; the
        // notes due are handed over from this thread's read of the due cards once it has them
        // (the other reads the cards started and the path's notes meanwhile). The queue takes
        // the first new card of a note only: the others are not kept (tens of thousands of
        // cards with Anki's limits). Since every note the queue passes over is excluded there,
        // it takes the first `newBudget` candidates: the walk stops there.
        let notesDue = NoteHandover()
        let readNew: @Sendable (StudyDatabase) throws -> [QueueCard] = {
            [filter = options.filter, studied = done.notesStudied] reader in
            try reader.newCards(
                for: associate.id, at: now, limit: newBudget * 3 + 3, filter: filter,
                excludingNotes: studied, excludingNotesHandedOver: notesDue,
                firstOfEachNote: true, returningAtMost: newBudget)
        }
        let newCards = NewCardsRead()
        let group = DispatchGroup()
        // A database in memory has no second connection: the new cards are read after the due
        // ones, on this thread (the other would wait for the notes inside its read, which this
        // connection's read would wait for).
        let onOtherThread = database.isInFile
        if onOtherThread {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                newCards.result = Result {
                    try readNew(
                        database.separateReader(pageCacheMebibytes: Self.pageCacheMebibytes))
                }
            }
        }
        // Waited for on every way out: the other thread reads with `database`, and waits for
        // the notes due (none, if their read failed).
        defer {
            notesDue.hand(nil)
            group.wait()
        }
        // The due cards with only what orders them: the rest of a card's progress is read when
        // it comes up, as its note is.
        var due: [QueueCard]
        let dueNotes: [Int64]
        (due, dueNotes) = try database.dueOrder(
            for: associate.id, by: day.end, filter: options.filter)
        notesDue.hand(consume dueNotes)
        if !onOtherThread { newCards.result = Result { try readNew(database) } }
        // In place: a copy of tens of thousands of due cards was the start's largest allocation.
        due.removeAll { !Self.isDue($0, now: now, dayEnd: day.end) }
        // The learning cards and reviews are chosen before the new cards are taken, and the due
        // cards let go: they, the new cards and the queue were the start's peak of memory.
        let reviews = ReviewQueue.Reviews(
            due: consume due, reviewLimit: associate.maxReviewsPerDay, done: done, day: day,
            now: now,
            retrievability: { card in
                card.progress.recallBasis.map { scheduler.retrievability(of: $0, at: now) } ?? 0
            })
        group.wait()
        guard let newRead = newCards.result else {
            preconditionFailure("The new cards' read ended without a result.")
        }
        let new = try newRead.get()
        var queue = ReviewQueue(reviews, new: new, newLimit: newLimit)
        if let limit = options.limit { queue.limit(to: limit) }
        plannedCards = queue.learning.count + queue.main.count
        let cards = ReviewSession.CardReader(
            note: { noteId in try database.studyNote(noteId) },
            noteAndProgress: { noteId, cardId in
                try database.studyNote(noteId, withProgressOf: cardId, for: associate.id)
            })
        session = ReviewSession(
            associate: associate, scheduler: scheduler, queue: queue, day: day, cards: cards,
            latestAnswer: try database.latestAnswerTime(for: associate.id), now: now)
        if let unreadable = session.unreadableNote { throw unreadable }
    }

    /// The new cards of a session, read on another thread; `DispatchGroup.wait()` orders the
    /// write before the read.
    private final class NewCardsRead: @unchecked Sendable {
        var result: Result<[QueueCard], any Error>?
    }

    /// Learning cards count once due today; reviews once due by the end of today.
    private static func isDue(_ card: QueueCard, now: Date, dayEnd: Date) -> Bool {
        guard let due = card.progress.due else { return false }
        return due < dayEnd
    }

    /// Passes `event` to the session and stores its effects before the next card shows; throws
    /// ``ReviewSession/UnreadableNote`` (after storing them) when the next card's note could not
    /// be read.
    public mutating func handle(_ event: ReviewSession.Event, at now: Date) throws {
        for effect in session.handle(event, at: now) {
            if case .record(let answer, let progress) = effect {
                if let journal {
                    try journal.record(answer, progress: progress)
                } else {
                    try database.record(answer, progress: progress)
                }
                continue
            }
            // Other writes see, and follow, every answer before them.
            try commitAnswers()
            switch effect {
            case .record: break
            case .undo(let answer, let card):
                try database.undo(
                    answerId: answer.id, restoring: card.progress, cardId: card.id,
                    associateId: answer.associateId)
            case .buryNote(let noteId, let until):
                try database.buryNote(
                    noteId, until: until, associateId: session.associate.id,
                    kinds: session.associate.studiedKinds)
            case .save(let progress, let card):
                try database.save(progress, cardId: card.id, associateId: session.associate.id)
            }
        }
        // Reported once what the event decided is stored.
        if let unreadable = session.unreadableNote { throw unreadable }
    }

    /// Stores the answers the journal holds in the database (one transaction), so that what
    /// reads the database sees them: the session's summary, a card's history.
    public func commitAnswers() throws {
        try journal?.commit()
    }
}

extension ReviewQueue {
    /// Keeps at most `count` cards, learning cards first.
    mutating func limit(to count: Int) {
        let keptLearning = Array(learning.prefix(count))
        let keptMain = Array(main.prefix(max(0, count - keptLearning.count)))
        self = ReviewQueue(learning: keptLearning, main: keptMain)
    }
}
