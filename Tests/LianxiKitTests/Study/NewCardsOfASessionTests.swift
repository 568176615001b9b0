import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// A session keeps only the first new card of each note, and reads its due cards without
/// GRDB's rows: its queue is the one built, as before, from every candidate card, and the one
/// the plain algorithm builds from the stored progress.
@Suite struct NewCardsOfASessionTests {
    static let monday = StudyFixture.mondayMorning
    static let reviewsPerDay = 7

    /// A deck of 40 words and an associate who studied about half of their cards (seeded).
    ///
    /// Reviews due before, during and after today, many at the same moment and with the same
    /// memory; learning and relearning cards due at the same minutes, before and after now; and
    /// new cards suspended or buried. Also every card of the deck, as first offered.
    static func collection(seed: UInt64, newPerDay: Int) throws -> (
        StudyDatabase, Associate, [QueueCard]
    ) {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(.numberedWords(40), at: monday)
        var associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: monday
        ).associate
        associate.newCardsPerDay = newPerDay
        associate.maxReviewsPerDay = reviewsPerDay
        try database.update(associate)

        var generator = SeededGenerator(seed: seed)
        let cards = try database.newCards(for: associate.id, at: monday, limit: 120)
        for card in cards {
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
        // Given a seeded collection
        let (database, associate, cards) = try Self.collection(seed: seed, newPerDay: newPerDay)
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
        let eager = ReviewQueue(
            due: due.filter { $0.progress.state.due.map { $0 < day.end } ?? false },
            new: candidates, newLimit: newPerDay, reviewLimit: Self.reviewsPerDay, done: done,
            day: day, now: now,
            retrievability: { scheduler.retrievability(of: $0.progress.state, at: now) })
        #expect(review.session.queue == eager)

        // And the one the plain algorithm builds from every stored progress
        let stored = try database.progress(for: associate.id)
        let plainDue = cards.compactMap { card -> QueueCard? in
            guard let progress = stored[card.id], let due = progress.state.due,
                due <= day.end, !progress.isSuspended, (progress.buriedUntil ?? due) <= day.end
            else { return nil }
            return QueueCard(id: card.id, kind: card.kind, noteId: card.noteId, progress: progress)
        }.sorted { ($0.progress.state.due ?? now, $0.id) < ($1.progress.state.due ?? now, $1.id) }
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
            due: plainDue.filter { $0.progress.state.due.map { $0 < day.end } ?? false },
            new: candidates, newLimit: newPerDay, reviewLimit: Self.reviewsPerDay, done: done,
            day: day, now: now,
            retrievability: { scheduler.retrievability(of: $0.progress.state, at: now) })
        #expect(Array(review.session.queue.learning) == plain.learning)
        #expect(Array(review.session.queue.main) == plain.main)
        #expect(plain.learning.count > 1 && eager.counts.review > 1)
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
            switch card.progress.state.phase {
            case .learning, .relearning: true
            case .new, .review: false
            }
        }.sorted { ($0.progress.state.due ?? now) < ($1.progress.state.due ?? now) }
        for card in learning { seenNotes.insert(card.noteId) }
        let reviews = due.filter {
            $0.progress.state.phase == .review && ($0.progress.state.due ?? now) < day.end
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
