import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// A session keeps only the first new card of each note, and reads only its due cards' order,
/// without GRDB's rows: its queue is the one built, as before, from every candidate card, and
/// the one the plain algorithm builds from the stored progress.
@Suite struct NewCardsOfASessionTests {
    static let monday = StudyFixture.mondayMorning
    static let reviewsPerDay = 7

    /// A deck of 40 words and an associate who studied about half of their cards (seeded).
    ///
    /// Reviews due before, during and after today, many at the same moment and with the same
    /// memory; learning and relearning cards due at the same minutes, before and after now; and
    /// new cards suspended or buried. Also every card of the deck, as first offered.
    ///
    /// In memory, or in a file at `path` (where a session reads its new cards on a second
    /// connection, on another thread).
    /// With `studying` false, no card is studied (no card is due).
    static func collection(
        seed: UInt64, newPerDay: Int, path: String? = nil, studying: Bool = true
    ) throws -> (
        StudyDatabase, Associate, [QueueCard]
    ) {
        let database = try path.map(StudyDatabase.open(at:)) ?? StudyDatabase.inMemory()
        try database.importDeck(.numberedWords(40), at: monday)
        var associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: monday
        ).associate
        associate.newCardsPerDay = newPerDay
        associate.maxReviewsPerDay = reviewsPerDay
        try database.update(associate)

        var generator = SeededGenerator(seed: seed)
        let cards = try database.newCards(for: associate.id, at: monday, limit: 120)
        for card in cards where studying {
            let memory = Memory.fsrs(
                MemoryState(
                    stability: [2.0, 10, 40].randomElement(using: &generator) ?? 10,
                    difficulty: 5))
            let state: CardState?
            var progress = CardProgress.new
            switch Int.random(in: 0..<8, using: &generator) {
            case 0, 1, 2:
                // Whole days: reviews share their due moment and their recall.
                state = CardState(
                    restoring: .review, memory: memory,
                    lastReview: monday - Double(Int.random(in: 1...30, using: &generator)) * 86_400,
                    due: monday + Double(Int.random(in: -4...2, using: &generator)) * 86_400,
                    reps: 2, lapses: 0)
            case 3:
                // Ten-minute steps around now: learning cards share their due minute.
                let step = Int.random(in: 0...1, using: &generator)
                let relearning = Bool.random(using: &generator)
                state = CardState(
                    restoring: relearning ? .relearning(step: step) : .learning(step: step),
                    memory: memory, lastReview: monday - 3_600,
                    due: monday + Double(Int.random(in: -3...3, using: &generator)) * 600,
                    reps: relearning ? 4 : 1, lapses: relearning ? 1 : 0)
            case 4:
                progress.isSuspended = Bool.random(using: &generator)
                progress.buriedUntil = progress.isSuspended ? nil : monday + 3_600
                state = .new
            default:
                continue
            }
            progress.state = try #require(state)
            progress.isLeech = Int.random(in: 0..<5, using: &generator) == 0
            try database.save(progress, cardId: card.id, associateId: associate.id)
        }
        return (database, associate, cards)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5], [0, 1, 4, 30])
    func theQueueIsTheOneBuiltFromEveryCandidate(seed: UInt64, newPerDay: Int) throws {
        try theQueueIsTheOneBuiltFromEveryCandidate(seed: seed, newPerDay: newPerDay, path: nil)
    }

    /// Nothing studied yet, so nothing due: new cards only, or nothing at all, in memory and
    /// in a file.
    @Test(arguments: [0, 1, 30], [false, true])
    func withoutDueCardsTheQueueIsTheOneBuiltFromEveryCandidate(newPerDay: Int, inFile: Bool)
        throws
    {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try theQueueIsTheOneBuiltFromEveryCandidate(
            seed: 1, newPerDay: newPerDay,
            path: inFile ? folder.appendingPathComponent("lianxi.sqlite").path : nil,
            studying: false)
    }

    /// In a file, the session reads its new cards on a connection of its own while it reads
    /// the due cards: the same queue.
    @Test(arguments: [UInt64(1), 2, 3], [0, 1, 30])
    func theQueueReadOnTwoConnectionsIsTheSame(seed: UInt64, newPerDay: Int) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try theQueueIsTheOneBuiltFromEveryCandidate(
            seed: seed, newPerDay: newPerDay,
            path: folder.appendingPathComponent("lianxi.sqlite").path)
    }

    /// The notes handed to the new cards' walk (as a session hands over its due cards' notes,
    /// from another thread, while the walk reads on) are passed over as those listed at the
    /// start: for every filter, limit and time, handed before the walk or while it walks.
    @Test(
        arguments: [UInt64(1), 2, 3, 4],
        [
            StudyFilter.all, StudyFilter(kinds: [.production]),
            StudyFilter(kinds: [.recognition, .pinyin]), StudyFilter(decks: ["words"]),
            StudyFilter(decks: ["words"], kinds: [.production, .listening]),
            StudyFilter(decks: ["elsewhere"]), StudyFilter(kinds: []),
        ])
    func notesHandedOverArePassedOverAsThoseListed(seed: UInt64, filter: StudyFilter) throws {
        // Given a seeded collection, and notes studied today
        let (database, associate, cards) = try Self.collection(seed: seed, newPerDay: 20)
        let studied = Set(cards.map(\.noteId).filter { $0 % 5 == 0 })
        let day = StudyDay(containing: Self.monday, counting: associate.dayCounting)
        var dueNotesMattered = false
        for (time, dueTime) in [
            (Self.monday, day.end), (Self.monday + 2 * 3_600, day.end), (Self.monday, Self.monday),
            (day.end + 3 * 86_400, day.end + 3 * 86_400),
        ] {
            // The due cards' notes, from their order's read (the whole read's cards too)
            let order = try database.dueOrder(for: associate.id, by: dueTime, filter: filter)
            let due = try database.dueCards(for: associate.id, by: dueTime, filter: filter)
            #expect(order.cards.map(\.id) == due.map(\.id))
            #expect(order.notes.sorted() == due.map(\.noteId).sorted())
            for (limit, firstOfEachNote, maximum) in [
                (120, false, Int.max), (9, true, 3), (1, true, 1),
            ] {
                // When the new cards pass over the notes handed over, before the walk and from
                // another thread while it walks
                let before = NoteHandover()
                before.hand(order.notes)
                let handedBefore = try database.newCards(
                    for: associate.id, at: time, limit: limit, filter: filter,
                    excludingNotes: studied, excludingNotesHandedOver: before,
                    firstOfEachNote: firstOfEachNote, returningAtMost: maximum)
                let meanwhile = NoteHandover()
                DispatchQueue.global().async { [notes = order.notes] in meanwhile.hand(notes) }
                let handedMeanwhile = try database.newCards(
                    for: associate.id, at: time, limit: limit, filter: filter,
                    excludingNotes: studied, excludingNotesHandedOver: meanwhile,
                    firstOfEachNote: firstOfEachNote, returningAtMost: maximum)

                // Then they are the cards passed over for the same notes listed at the start
                let listed = try database.newCards(
                    for: associate.id, at: time, limit: limit, filter: filter,
                    excludingNotes: studied.union(order.notes),
                    firstOfEachNote: firstOfEachNote, returningAtMost: maximum)
                #expect(handedBefore == listed)
                #expect(handedMeanwhile == listed)
                // And notes that will not come stop the walk, if there is one
                let never = NoteHandover()
                never.hand(nil)
                let withoutThem = {
                    try database.newCards(
                        for: associate.id, at: time, limit: limit, filter: filter,
                        excludingNotes: studied, excludingNotesHandedOver: never,
                        firstOfEachNote: firstOfEachNote, returningAtMost: maximum)
                }
                if filter.kinds.isEmpty {
                    #expect(try withoutThem().isEmpty)
                } else {
                    #expect(throws: CancellationError.self) { try withoutThem() }
                }
                let studiedOnly = try database.newCards(
                    for: associate.id, at: time, limit: limit, filter: filter,
                    excludingNotes: studied, firstOfEachNote: firstOfEachNote,
                    returningAtMost: maximum)
                if studiedOnly != listed { dueNotesMattered = true }
            }
        }
        // (With every deck and kind, some notes with a new card have a card due.)
        if filter == .all { #expect(dueNotesMattered) }
    }

    private func theQueueIsTheOneBuiltFromEveryCandidate(
        seed: UInt64, newPerDay: Int, path: String?, studying: Bool = true
    ) throws {
        // Given a seeded collection
        let (database, associate, cards) = try Self.collection(
            seed: seed, newPerDay: newPerDay, path: path, studying: studying)
        let now = Self.monday

        // When a session starts
        let review = try DailyReview(associate: associate, database: database, now: now)

        // Then its queue is the one built from every new candidate, siblings included
        let scheduler = try associate.makeScheduler()
        let day = StudyDay(containing: now, counting: associate.dayCounting)
        let done = try database.counts(for: associate.id, since: day.start)
        let due = try database.dueCards(for: associate.id, by: day.end)
        let candidates = try database.newCards(
            for: associate.id, at: now, limit: max(0, newPerDay - done.newCardsStarted) * 3 + 3,
            excludingNotes: done.notesStudied.union(due.map(\.noteId)))
        // The due cards' order: the whole read's cards, in the same order, with their order
        // alone
        let order = try database.dueOrder(for: associate.id, by: day.end)
        let expectedOrder = try due.map { card in
            QueueCard(
                id: card.id, kind: card.kind, noteId: card.noteId,
                order: try #require(card.progress.whole.flatMap(DueOrder.init)))
        }
        #expect(order.cards == expectedOrder)
        #expect(order.notes.sorted() == due.map(\.noteId).sorted())
        let eager = ReviewQueue(
            due: order.cards.filter { $0.progress.due.map { $0 < day.end } ?? false },
            new: candidates, newLimit: newPerDay, reviewLimit: Self.reviewsPerDay, done: done,
            day: day, now: now,
            retrievability: { card in
                card.progress.recallBasis.map { scheduler.retrievability(of: $0, at: now) } ?? 0
            })
        #expect(review.session.queue == eager)

        // And the one the plain algorithm builds from every stored progress
        let stored = try database.progress(for: associate.id)
        let plainDue = cards.compactMap { card -> QueueCard? in
            guard let progress = stored[card.id], let due = progress.state.due,
                due <= day.end, !progress.isSuspended, (progress.buriedUntil ?? due) <= day.end
            else { return nil }
            return QueueCard(id: card.id, kind: card.kind, noteId: card.noteId, progress: progress)
        }.sorted { ($0.stored.state.due ?? now, $0.id) < ($1.stored.state.due ?? now, $1.id) }
        #expect(due == plainDue)
        // Its new candidates too, now and once the buried cards are back: the cards without a
        // due time, in deck order, not suspended or buried, their notes not passed over (which
        // cards are started is read off the primary key, less the new cards with a state row)
        let passedOver = done.notesStudied.union(plainDue.map(\.noteId))
        let candidateLimit = max(0, newPerDay - done.newCardsStarted) * 3 + 3
        for time in [now, now + 2 * 3_600] {
            let plainCandidates = cards.compactMap { card -> QueueCard? in
                let progress = stored[card.id] ?? .new
                guard progress.state.due == nil, !progress.isSuspended,
                    (progress.buriedUntil ?? time) <= time, !passedOver.contains(card.noteId)
                else { return nil }
                return QueueCard(
                    id: card.id, kind: card.kind, noteId: card.noteId, progress: progress)
            }.prefix(candidateLimit)
            #expect(
                try database.newCards(
                    for: associate.id, at: time, limit: candidateLimit, excludingNotes: passedOver)
                    == Array(plainCandidates))
        }
        let plain = PlainQueue(
            due: plainDue.filter { $0.stored.state.due.map { $0 < day.end } ?? false },
            new: candidates, newLimit: newPerDay, reviewLimit: Self.reviewsPerDay, done: done,
            day: day, now: now,
            retrievability: { scheduler.retrievability(of: $0.stored.state, at: now) })
        #expect(review.session.queue.learning.map(\.id) == plain.learning.map(\.id))
        #expect(review.session.queue.main.map(\.id) == plain.main.map(\.id))
        // (The session's cards shown with their whole progress: that of the plain queue.)
        let dueBy = { (card: QueueCard, time: Date) in (card.progress.due ?? now) <= time }
        let plainFirst =
            plain.learning.first.flatMap { dueBy($0, now) ? $0 : nil } ?? plain.main.first
            ?? plain.learning.first.flatMap { dueBy($0, now + ReviewQueue.learnAhead) ? $0 : nil }
        #expect(review.session.card?.id == plainFirst?.id)
        #expect(review.session.card?.progress == plainFirst?.progress.whole)
        if studying {
            #expect(plain.learning.count > 1 && eager.counts.review > 1)
        } else {
            #expect(order.cards.isEmpty && eager.counts.review == 0 && eager.learning.isEmpty)
        }
        if newPerDay > 0 { #expect(eager.counts.new > 0) }
    }
}

/// Today's queue as the plain algorithm builds it, copying cards as it goes (as
/// ``ReviewQueue`` did before it kept positions): learning cards by due time, then reviews most
/// at risk first and new cards in deck order, one card per note, spread evenly.
private struct PlainQueue {
    var learning: [QueueCard]
    var main: [QueueCard]

    init(
        due: [QueueCard], new: [QueueCard], newLimit: Int, reviewLimit: Int,
        done: StudyCounts, day: StudyDay, now: Date, retrievability: (QueueCard) -> Double
    ) {
        var seenNotes = done.notesStudied
        learning = due.filter { card in
            switch card.stored.state.phase {
            case .learning, .relearning: true
            case .new, .review: false
            }
        }.sorted { ($0.stored.state.due ?? now) < ($1.stored.state.due ?? now) }
        for card in learning { seenNotes.insert(card.noteId) }
        let reviews = due.filter {
            $0.stored.state.phase == .review && ($0.stored.state.due ?? now) < day.end
        }.sorted { (retrievability($0), $0.id) < (retrievability($1), $1.id) }
        var taken: [QueueCard] = []
        for card in reviews where taken.count < max(0, reviewLimit - done.reviewsDone) {
            if seenNotes.insert(card.noteId).inserted { taken.append(card) }
        }
        var fresh: [QueueCard] = []
        for card in new where fresh.count < max(0, newLimit - done.newCardsStarted) {
            if seenNotes.insert(card.noteId).inserted { fresh.append(card) }
        }
        main = []
        guard !fresh.isEmpty, !taken.isEmpty else {
            main = taken + fresh
            return
        }
        let gap = Double(taken.count + fresh.count) / Double(fresh.count)
        var nextNew = gap / 2
        var (reviewIndex, freshIndex) = (0, 0)
        for position in 0..<(taken.count + fresh.count) {
            if freshIndex < fresh.count,
                Double(position) >= nextNew.rounded(.down) || reviewIndex == taken.count
            {
                main.append(fresh[freshIndex])
                freshIndex += 1
                nextNew += gap
            } else {
                main.append(taken[reviewIndex])
                reviewIndex += 1
            }
        }
    }
}

extension QueueCard {
    /// The whole progress of a card the plain algorithm queues (every one is read whole; a card
    /// queued by its order alone reads as new, which no comparison here would take for it).
    fileprivate var stored: CardProgress { progress.whole ?? .new }
}
