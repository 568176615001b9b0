import Foundation
import GRDB
import SpacedRepetition

/// A card in today's queue: which card, its note, and the associate's progress on it.
///
/// The queue holds these (tens of thousands on a large collection); the note's text is read
/// only when the card comes up (``StudyCard``), and so is the rest of a due card's progress
/// (``QueuedProgress/ordered(_:)``).
public struct QueueCard: Hashable, Sendable {
    // The kind (one byte) last, in the progress's padding.

    /// The card's id.
    public let id: Int64
    /// The note's id (cards of one note are siblings).
    public let noteId: Int64
    /// The associate's progress on the card: whole, or as far as the queue's order needs it.
    public var progress: QueuedProgress
    /// How the note is studied on this card.
    public let kind: CardKind

    /// A queued card with its whole progress (a new card, or one answered in this session).
    public init(id: Int64, kind: CardKind, noteId: Int64, progress: CardProgress) {
        self.id = id
        self.kind = kind
        self.noteId = noteId
        self.progress = .read(progress)
    }

    /// A studied card queued by its order alone (``StudyDatabase/dueOrder(for:by:filter:)``).
    public init(id: Int64, kind: CardKind, noteId: Int64, order: DueOrder) {
        self.id = id
        self.kind = kind
        self.noteId = noteId
        progress = .ordered(order)
    }
}

/// A queued card's progress: all of it, or only what puts the card in today's order.
public enum QueuedProgress: Hashable, Sendable {
    /// The whole progress: a new card's, or that of a card answered in this session.
    case read(CardProgress)
    /// What orders a studied card, as a session's start reads its due cards; the whole
    /// progress is read when the card comes up
    /// (``StudyDatabase/studyNote(_:withProgressOf:for:)``).
    case ordered(DueOrder)

    /// Where the card stands.
    public var phase: Phase {
        switch self {
        case .read(let progress): progress.state.phase
        case .ordered(let order): order.phase
        }
    }

    /// When the card is next due; `nil` while new.
    public var due: Date? {
        switch self {
        case .read(let progress): progress.state.due
        case .ordered(let order): order.due
        }
    }

    /// What the card's chance of recall depends on; `nil` while new.
    public var recallBasis: RecallBasis? {
        switch self {
        case .read(let progress): progress.state.recallBasis
        case .ordered(let order): order.recallBasis
        }
    }

    /// The whole progress, if it was read (`nil` for a card queued by its order alone).
    public var whole: CardProgress? {
        if case .read(let progress) = self { progress } else { nil }
    }
}

/// What puts a studied card in today's order: its phase, when it is due, and what its chance of
/// recall depends on (the session's start reads only these of tens of thousands of due cards).
public struct DueOrder: Hashable, Sendable {
    /// Where the card stands (never new: a new card has no due time).
    public let phase: Phase
    /// When the card is due.
    public let due: Date
    /// What the card's chance of recall depends on.
    public let recallBasis: RecallBasis

    /// Creates the order of a studied card.
    public init(phase: Phase, due: Date, recallBasis: RecallBasis) {
        self.phase = phase
        self.due = due
        self.recallBasis = recallBasis
    }

    /// The order of a stored progress, or `nil` for a new card.
    public init?(_ progress: CardProgress) {
        guard let due = progress.state.due, let basis = progress.state.recallBasis else {
            return nil
        }
        self.init(phase: progress.state.phase, due: due, recallBasis: basis)
    }
}

/// The text of a note as a study session shows it, with the deck it belongs to.
public struct StudyNote: Hashable, Sendable {
    /// The slug of the note's deck.
    public let deck: String
    /// The word, its reading, meaning and example.
    public let content: NoteContent

    /// Creates a note to study.
    public init(deck: String, content: NoteContent) {
        self.deck = deck
        self.content = content
    }
}

/// A card on screen: the card with its whole progress and its note's text.
public struct StudyCard: Hashable, Sendable {
    /// The card's id.
    public let id: Int64
    /// The note's id.
    public let noteId: Int64
    /// How the note is studied on this card.
    public let kind: CardKind
    /// The associate's progress on the card.
    public var progress: CardProgress
    /// The slug of the note's deck.
    public let deck: String
    /// The word, its reading, meaning and example.
    public let note: NoteContent

    /// The card as the queue holds it, with its whole progress.
    public var queued: QueueCard {
        QueueCard(id: id, kind: kind, noteId: noteId, progress: progress)
    }

    /// A card with its whole progress and its note.
    public init(id: Int64, kind: CardKind, noteId: Int64, progress: CardProgress, note: StudyNote) {
        self.id = id
        self.kind = kind
        self.noteId = noteId
        self.progress = progress
        deck = note.deck
        self.note = note.content
    }
}

/// Which cards a study session draws from.
public struct StudyFilter: Hashable, Sendable {
    /// Only these decks (slugs), or every deck when `nil`.
    public var decks: [String]?
    /// Only these kinds of card.
    public var kinds: Set<CardKind>

    /// Creates a filter; the default takes every deck and the usual kinds (``CardKind/usual``:
    /// listening cards only for those who turned them on).
    public init(decks: [String]? = nil, kinds: Set<CardKind> = CardKind.usual) {
        self.decks = decks
        self.kinds = kinds
    }

    /// Every deck, the usual kinds.
    public static let all = StudyFilter()
}

/// What an associate has done since a moment (the start of their study day).
public struct StudyCounts: Hashable, Sendable {
    /// New cards answered for the first time.
    public let newCardsStarted: Int
    /// Answers to cards that were in review.
    public let reviewsDone: Int
    /// All answers.
    public let answers: Int
    /// Notes with at least one answered card (their siblings wait for another day).
    public let notesStudied: Set<Int64>
}

extension StudyDatabase {
    /// Cards already studied that are due by `time` and not suspended or buried, soonest first,
    /// with their whole progress.
    public func dueCards(
        for associateId: Int64, by time: Date, filter: StudyFilter = .all
    ) throws -> [QueueCard] {
        try writer.read { db in
            try Self.dueQueueCards(
                db, associateId: associateId, filter: filter, time: time, whole: true
            ).cards
        }
    }

    /// The cards of ``dueCards(for:by:filter:)`` in the same order, with only what orders them
    /// (``DueOrder``), and their notes (one a card): a session's start reads tens of thousands,
    /// and the rest of a card's progress is read when it comes up.
    public func dueOrder(
        for associateId: Int64, by time: Date, filter: StudyFilter = .all
    ) throws -> (cards: [QueueCard], notes: [Int64]) {
        try writer.read { db in
            try Self.dueQueueCards(
                db, associateId: associateId, filter: filter, time: time, whole: false)
        }
    }

    /// Cards never studied, not suspended or buried, at most `limit`: deck by deck along the
    /// beginner's path (``DeckPath``), each deck's notes in file order.
    ///
    /// Cards of the notes in `excludedNotes` (studied today, or with a card due: their siblings
    /// wait for another day) are passed over, so they do not use up the limit.
    ///
    /// With `firstOfEachNote`, only the first of a note's cards is returned (a session takes one
    /// card of a note a day); its siblings still count towards `limit`, so the cards returned
    /// are the first of each note among those returned without it.
    ///
    /// At most `maximum` cards are returned, the first of those returned without it: the walk
    /// along the path stops there (a session takes no more than its new cards for the day).
    ///
    /// With `handover`, the notes handed over are passed over too, as if listed in
    /// `excludedNotes`, so that a session can read its new cards on another connection while it
    /// reads the due ones, and hand their notes over when it has them: until they come, the
    /// walk reads on along the path and keeps the notes it meets (throwing if they will not
    /// come).
    public func newCards(
        for associateId: Int64, at time: Date, limit: Int, filter: StudyFilter = .all,
        excludingNotes excludedNotes: Set<Int64> = [],
        excludingNotesHandedOver handover: NoteHandover? = nil,
        firstOfEachNote: Bool = false, returningAtMost maximum: Int = .max
    ) throws -> [QueueCard] {
        let kinds = CardKind.allCases.filter(filter.kinds.contains)
        guard limit > 0, maximum > 0, !kinds.isEmpty, filter.decks?.isEmpty != true else {
            return []
        }
        return try writer.read { db in
            // The few new cards with a state row (suspended or buried before their first
            // answer), then which cards the associate has started: read once, so the candidates
            // need no lookup each (a large collection has tens of thousands).
            var flagged: [Int64: CardProgress] = [:]
            let flaggedRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT cs.card_id, \(CardStateRecord.progressColumns) FROM card_state cs
                    WHERE cs.associate_id = ? AND cs.due_ms IS NULL AND cs.phase = 'new'
                    """, arguments: [associateId])
            while let row = try flaggedRows.next() {
                flagged[row[0]] = CardStateRecord.progress(row: row, startingAt: 1)
            }
            let started = IdSet(
                try Self.startedCards(db, associateId: associateId, besides: flagged.keys))
            let excluded = IdSet(excludedNotes)

            // The decks in the order of the beginner's path, whatever order they were imported
            // in: a new associate starts at the path's beginning. Their ids and slugs only:
            // decoding whole deck records was 2 % of a session's start.
            var decks: [(id: Int64, path: DeckPath)] = []
            try db.forEachRawRow(sql: "SELECT id, slug FROM deck", arguments: []) { row in
                let slug = row.text(1)
                if filter.decks?.contains(slug) ?? true {
                    decks.append((row.int64(0), DeckPath(slug: slug)))
                }
            }
            var cards: [QueueCard] = []
            // A session asks for its new cards of the day: room for them at once.
            if maximum < limit { cards.reserveCapacity(maximum) }
            // Cards counted towards the limit (more than `cards` holds with `firstOfEachNote`).
            var counted = 0
            // A note's cards in the order of their kinds (recognition, production, pinyin).
            func walk(_ noteId: Int64) {
                var keptOfNote = false
                for kind in kinds where counted < limit && cards.count < maximum {
                    let id = CardNumbering.cardId(note: noteId, kind: kind)
                    // (Usually no card is flagged: an empty dictionary still hashes.)
                    let progress = flagged.isEmpty ? .new : flagged[id] ?? .new
                    guard !started.contains(id), !progress.isSuspended,
                        (progress.buriedUntil ?? time) <= time
                    else { continue }
                    counted += 1
                    if firstOfEachNote, keptOfNote { continue }
                    keptOfNote = true
                    cards.append(QueueCard(id: id, kind: kind, noteId: noteId, progress: progress))
                }
            }
            // The notes handed over, once they came; until then the notes met wait, in order
            // (reading the path's notes is most of the walk: it goes on meanwhile).
            var handed: IdSet? = handover == nil ? IdSet([Int64]()) : nil
            var waiting: [Int64] = []
            func receive(_ notes: [Int64]) {
                let received = IdSet(notes)
                handed = received
                for noteId in waiting where counted < limit && cards.count < maximum {
                    if !received.contains(noteId) { walk(noteId) }
                }
                waiting = []
            }
            var metSinceAsked = 0
            for deck in decks.sorted(by: { $0.path < $1.path })
            where counted < limit && cards.count < maximum {
                // The deck's notes in file order from an index; their cards' ids follow from
                // the note's id: no note text, no card row and no card_state row is read.
                // One statement for every deck (tens of them), prepared once.
                let notes = try Int64.fetchCursor(
                    db.cachedStatement(
                        sql: """
                            SELECT id FROM note INDEXED BY active_note_in_deck_order
                            WHERE deck_id = ? AND retired_at_ms IS NULL
                            ORDER BY position
                            """), arguments: [deck.id])
                while counted < limit, cards.count < maximum, let noteId = try notes.next() {
                    guard !excluded.contains(noteId) else { continue }
                    if let handed {
                        if !handed.contains(noteId) { walk(noteId) }
                        continue
                    }
                    waiting.append(noteId)
                    // Asked every few notes: asking costs more than a note.
                    metSinceAsked += 1
                    if metSinceAsked == 64, let handover {
                        metSinceAsked = 0
                        if let notes = try handover.ifHanded() { receive(notes) }
                    }
                }
            }
            if handed == nil, let handover { receive(try handover.wait()) }
            return cards
        }
    }

    /// The cards the associate has answered: every card with a state row but `unanswered`
    /// (the rows without a due time, which a card has once answered, and only then: a CHECK
    /// constraint).
    ///
    /// In id order, from the primary key: its second column is the card's id, where the due
    /// index holds it after 14 others, which SQLite reads past on every row (the scan of a
    /// large collection's 50,000 rows took a quarter fewer instructions).
    private static func startedCards(
        _ db: Database, associateId: Int64, besides unanswered: some Collection<Int64>
    ) throws -> [Int64] {
        var ids: [Int64] = []
        let unanswered = Set(unanswered)
        try db.forEachRawRow(
            sql: "SELECT card_id FROM card_state WHERE associate_id = ? ORDER BY card_id",
            arguments: [associateId]
        ) { row in
            let id = row.int64(0)
            if unanswered.isEmpty || !unanswered.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// The conditions on a card's state (`cs`) for a card of one of `kinds` due by a time,
    /// bound after the associate's id, twice.
    ///
    /// The associate's, of one of the kinds, due by then, not suspended, not buried past it.
    ///
    /// The kinds are a mask of bits, one per kind's number: SQLite tests an `IN` list of three
    /// or more by a lookup in a table it builds, on every row of the range (tens of thousands
    /// due; 5 % of each read's instructions). A negative id's remainder shifts the bit out.
    private static func dueConditions(kinds: [CardKind]) -> String {
        let mask = kinds.reduce(Int64(0)) { $0 | 1 << $1.number }
        return """
            cs.associate_id = ? AND cs.due_ms <= ? AND cs.suspended = 0
                AND (cs.buried_until_ms IS NULL OR cs.buried_until_ms <= ?)
                AND ((1 << \(CardNumbering.kindNumberSQL("cs.card_id"))) & \(mask)) <> 0
            """
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// What the associate did from `start` on.
    public func counts(for associateId: Int64, since start: Date) throws -> StudyCounts {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.phase_before, \(CardNumbering.noteIdSQL("r.card_id")) FROM review_log r
                    WHERE r.associate_id = ? AND r.reviewed_at_ms >= ?
                    """, arguments: [associateId, start.milliseconds])
            let phases = rows.map { $0[0] as String }
            return StudyCounts(
                newCardsStarted: phases.filter { $0 == "new" }.count,
                reviewsDone: phases.filter { $0 == "review" }.count, answers: rows.count,
                notesStudied: Set(rows.map { $0[1] as Int64 }))
        }
    }

    // MARK: - Writes, one transaction each

    /// Stores an answer: the card's new progress and the review-log entry, together.
    public func record(_ answer: Answer, progress: CardProgress) throws {
        try writer.write { db in
            // A card answered before has a state row, which its card row backs (a foreign key):
            // only a first answer may need to write the card row.
            if answer.phaseBefore == .new {
                try CardNumbering.ensureRows([answer.cardId], in: db)
            }
            try ReviewLogRecord(answer).insertQuickly(db)
            try CardStateRecord(
                associateId: answer.associateId, cardId: answer.cardId, progress: progress
            ).saveQuickly(db)
        }
    }

    /// Takes back an answer: removes its log entry and puts the card back as it was.
    ///
    /// The id is remembered as retracted (`sync_retraction`): `lianxi sync` tells the server,
    /// whose copy, if it has one, goes too, and the answer never comes back.
    public func undo(
        answerId: String, restoring previous: CardProgress, cardId: Int64,
        associateId: Int64
    ) throws {
        try writer.write { db in
            _ = try ReviewLogRecord.deleteOne(db, key: answerId)
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO sync_retraction (review_id, associate_id) VALUES (?, ?)
                    """, arguments: [answerId, associateId])
            let record = CardStateRecord(
                associateId: associateId, cardId: cardId, progress: previous)
            if previous == .new {
                _ = try CardStateRecord.deleteOne(
                    db, key: ["associate_id": associateId, "card_id": cardId])
            } else {
                try record.save(db)
            }
        }
    }

    /// Saves a card's progress without an answer (bury, suspend, leech flag).
    public func save(_ progress: CardProgress, cardId: Int64, associateId: Int64) throws {
        try writer.write { db in
            try CardNumbering.ensureRows([cardId], in: db)
            try CardStateRecord(associateId: associateId, cardId: cardId, progress: progress)
                .save(db)
        }
    }

    /// Buries every card of a note until `time`, for the associate: the cards of `kinds` (the
    /// kinds they study; a listening card gets no state for one who never studies them).
    public func buryNote(
        _ noteId: Int64, until time: Date, associateId: Int64,
        kinds: Set<CardKind> = CardKind.usual
    ) throws {
        try writer.write { db in
            let cards = CardKind.allCases.filter(kinds.contains).map {
                CardNumbering.cardId(note: noteId, kind: $0)
            }
            try CardNumbering.ensureRows(cards, in: db)
            for cardId in cards {
                var record =
                    try CardStateRecord.fetchOne(
                        db, key: ["associate_id": associateId, "card_id": cardId])
                    ?? CardStateRecord(associateId: associateId, cardId: cardId, progress: .new)
                var progress = record.progress
                progress.buriedUntil = time
                record.progress = progress
                try record.save(db)
            }
        }
    }

    /// The associate's answers to a card, oldest first.
    public func history(of cardId: Int64, for associateId: Int64) throws -> [ReviewLogEntry] {
        try writer.read { db in
            try ReviewLogRecord
                .filter(Column("associate_id") == associateId && Column("card_id") == cardId)
                .order(Column("reviewed_at_ms"), Column("id"))
                .fetchAll(db).map(\.entry)
        }
    }

    /// Every answer of the associate, oldest first.
    public func reviewLog(for associateId: Int64) throws -> [ReviewLogEntry] {
        try writer.read { db in
            try ReviewLogRecord.filter(Column("associate_id") == associateId)
                .order(Column("reviewed_at_ms"), Column("id"))
                .fetchAll(db).map(\.entry)
        }
    }

    /// The time of the associate's latest answer, or `nil` before their first (see
    /// ``AnswerOrder``).
    public func latestAnswerTime(for associateId: Int64) throws -> Date? {
        try writer.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT max(reviewed_at_ms) FROM review_log WHERE associate_id = ?",
                arguments: [associateId]
            ).map(Date.init(milliseconds:))
        }
    }

    /// Every stored progress of the associate, by card id.
    public func progress(for associateId: Int64) throws -> [Int64: CardProgress] {
        try writer.read { db in
            let records = try CardStateRecord.filter(Column("associate_id") == associateId)
                .fetchAll(db)
            return Dictionary(uniqueKeysWithValues: records.map { ($0.cardId, $0.progress) })
        }
    }

    // MARK: - Query

    /// The text of the note `noteId` and its deck's slug, or `nil` if there is no such note.
    public func studyNote(_ noteId: Int64) throws -> StudyNote? {
        // One SELECT is consistent on its own: no read transaction around it (it runs before
        // every card a session shows).
        try writer.unsafeRead { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT d.slug, \(NoteRecord.contentColumns)
                    FROM note n JOIN deck d ON d.id = n.deck_id WHERE n.id = ?
                    """)
            guard let row = try Row.fetchOne(statement, arguments: [noteId]) else { return nil }
            return StudyNote(deck: row[0], content: NoteRecord.content(row: row, startingAt: 1))
        }
    }

    /// The text of the note `noteId` with its deck's slug, and the associate's stored progress
    /// on its card `cardId` (new without a row), or `nil` if there is no such note: what a
    /// session reads of a card queued by its order alone when it comes up.
    public func studyNote(
        _ noteId: Int64, withProgressOf cardId: Int64, for associateId: Int64
    ) throws -> (note: StudyNote, progress: CardProgress)? {
        // One SELECT, consistent on its own, as in ``studyNote(_:)``.
        try writer.unsafeRead { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(CardStateRecord.progressColumns), d.slug, \(NoteRecord.contentColumns)
                    FROM note n JOIN deck d ON d.id = n.deck_id
                    LEFT JOIN card_state cs ON cs.associate_id = ? AND cs.card_id = ?
                    WHERE n.id = ?
                    """)
            guard let row = try Row.fetchOne(statement, arguments: [associateId, cardId, noteId])
            else { return nil }
            let slug = CardStateRecord.progressColumnCount
            let note = StudyNote(
                deck: row[slug], content: NoteRecord.content(row: row, startingAt: slug + 1))
            return (note, CardStateRecord.progress(row: row, startingAt: 0))
        }
    }

    /// Studied cards due by `time`, from the associate's states in due order, with their whole
    /// progress or only their order (``DueOrder``), and the notes of those cards: the due
    /// index holds every column read, and a card's note and kind follow from its id, so neither
    /// a state row nor a card row is looked up (a large collection has tens of thousands due).
    private static func dueQueueCards(
        _ db: Database, associateId: Int64, filter: StudyFilter, time: Date, whole: Bool
    ) throws -> (cards: [QueueCard], notes: [Int64]) {
        let kinds = CardKind.allCases.filter(filter.kinds.contains)
        if kinds.isEmpty || filter.decks?.isEmpty == true { return ([], []) }
        var arguments: [(any DatabaseValueConvertible)?] = [
            associateId, time.milliseconds, time.milliseconds,
        ]
        // Without decks, the retired notes (usually none, from their own index) are passed over
        // here: the same condition in SQL (`NOT IN` a subquery) was a lookup on every row of the
        // range, 10 % of the read's instructions.
        var retired: Set<Int64> = []
        var notes = ""
        if let decks = filter.decks {
            notes = """
                AND \(CardNumbering.noteIdSQL("cs.card_id")) IN (SELECT id FROM note
                    WHERE retired_at_ms IS NULL
                    AND deck_id IN (SELECT id FROM deck WHERE slug IN (\(placeholders(decks.count)))))
                """
            arguments += decks
        } else {
            try db.forEachRawRow(
                sql: "SELECT id FROM note INDEXED BY retired_note WHERE retired_at_ms IS NOT NULL",
                arguments: []
            ) { retired.insert($0.int64(0)) }
        }
        // Room for them at once, from the count of the index's range before the filters: a
        // large collection has tens of thousands, and an array grown by doubling would hold
        // room for up to twice as many (it was the start's largest allocation). The count is a
        // second pass over the range (9 M instructions on the largest collection measured),
        // but without it the copies as the array grew took 700 more page faults, 1 MiB more
        // at the peak and more CPU time than the count.
        let count =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM card_state INDEXED BY card_state_due_queue
                    WHERE associate_id = ? AND due_ms <= ?
                    """, arguments: [associateId, time.milliseconds]) ?? 0
        var cards: [QueueCard] = []
        cards.reserveCapacity(count)
        var cardNotes: [Int64] = []
        cardNotes.reserveCapacity(count)
        // In the index's order, so SQLite sorts nothing; raw rows, since there are tens of
        // thousands. (A new card has no due time: `due_ms <= ?` leaves it out.) The order's
        // columns alone are half of the whole progress's: SQLite copies fewer values a row, and
        // fewer are decoded.
        try db.forEachRawRow(
            sql: """
                SELECT cs.card_id, \(whole ? CardStateRecord.progressColumns : CardStateRecord.orderColumns)
                FROM card_state cs INDEXED BY card_state_due_queue
                WHERE \(dueConditions(kinds: kinds)) \(notes)
                ORDER BY cs.due_ms
                """, arguments: StatementArguments(arguments)
        ) { row in
            let id = row.int64(0)
            guard let kind = CardNumbering.kind(ofCard: id) else { return }
            let noteId = CardNumbering.noteId(ofCard: id)
            if !retired.isEmpty, retired.contains(noteId) { return }
            if whole {
                cards.append(
                    QueueCard(
                        id: id, kind: kind, noteId: noteId,
                        progress: CardStateRecord.progress(row, startingAt: 1)))
            } else {
                // (A row the CHECK constraints would refuse has no order: the whole read's
                // progress of such a row is new, which is never due.)
                guard let order = CardStateRecord.dueOrder(row, startingAt: 1) else { return }
                cards.append(QueueCard(id: id, kind: kind, noteId: noteId, order: order))
            }
            cardNotes.append(noteId)
        }
        // Cards due at the same moment come in the order of the index's other columns: they
        // go in the order of their ids, as the session has always taken them.
        var start = cards.startIndex
        while start < cards.endIndex {
            let due = cards[start].progress.due
            var end = start + 1
            while end < cards.endIndex, cards[end].progress.due == due { end += 1 }
            if end - start > 1 { cards[start..<end].sort { $0.id < $1.id } }
            start = end
        }
        return (cards, cardNotes)
    }
}

extension StudyDatabase {
    /// Moments, to the quarter hour, at which the associate answered, in time order (for
    /// streaks and heatmaps in any time zone, including those offset by 30 or 45 minutes).
    ///
    /// Read from the answers' tally (a row per quarter hour with answers, kept by triggers),
    /// not from the answers: a session's summary on a million answers took about 200 ms to
    /// gather them.
    public func answerQuarterHours(for associateId: Int64) throws -> [Date] {
        try writer.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT quarter_hour FROM answer_tally
                    WHERE associate_id = ? ORDER BY quarter_hour
                    """, arguments: [associateId]
            ).map { Date(timeIntervalSince1970: Double($0) * 900) }
        }
    }

    /// How many studied cards of the associate are due before `time` (not suspended).
    public func dueCount(for associateId: Int64, before time: Date) throws -> Int {
        // The due index alone, with the few retired notes from theirs: every state's note
        // exists (foreign keys), and joining it would read a note row per card (a session's
        // summary counts tens of thousands).
        try writer.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM card_state cs INDEXED BY card_state_due_queue
                    WHERE cs.associate_id = ? AND cs.due_ms < ? AND cs.phase <> 'new'
                      AND cs.suspended = 0
                      AND \(CardNumbering.noteIdSQL("cs.card_id")) NOT IN
                        (SELECT id FROM note WHERE retired_at_ms IS NOT NULL)
                    """, arguments: [associateId, time.milliseconds]) ?? 0
        }
    }
}
