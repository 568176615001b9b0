import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// A session keeps only the first new card of each note: its queue is the one built, as
/// before, from every candidate card.
@Suite struct NewCardsOfASessionTests {
    static let monday = StudyFixture.mondayMorning
    static let reviewsPerDay = 7

    /// A deck of 40 words and an associate who studied about a third of their cards (seeded):
    /// reviews due before, during and after today, and new cards suspended or buried.
    static func collection(seed: UInt64, newPerDay: Int) throws -> (StudyDatabase, Associate) {
        let database = try StudyDatabase.inMemory()
        let notes = (1...40).map {
            NoteContent(
                key: "w-\($0)", hanzi: "词\($0)", pinyin: "cí", english: "word \($0)",
                partOfSpeech: "noun")
        }
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "words", title: "Words", source: "words.tsv"),
                notes: notes),
            at: monday)
        var associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: monday
        ).associate
        associate.newCardsPerDay = newPerDay
        associate.maxReviewsPerDay = reviewsPerDay
        try database.update(associate)

        var generator = SeededGenerator(seed: seed)
        for card in try database.newCards(for: associate.id, at: monday, limit: 120) {
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1:
                let lastReview = monday - Double.random(in: 1...30, using: &generator) * 86_400
                let state = try #require(
                    CardState(
                        restoring: .review,
                        memory: .fsrs(
                            MemoryState(
                                stability: Double.random(in: 1...40, using: &generator),
                                difficulty: 5)),
                        lastReview: lastReview,
                        due: monday + Double.random(in: -4...2, using: &generator) * 86_400,
                        reps: 2, lapses: 0))
                try database.save(
                    CardProgress(
                        state: state, isSuspended: false, buriedUntil: nil, isLeech: false),
                    cardId: card.id, associateId: associate.id)
            case 2:
                var progress = CardProgress.new
                progress.isSuspended = Bool.random(using: &generator)
                progress.buriedUntil = progress.isSuspended ? nil : monday + 3_600
                try database.save(progress, cardId: card.id, associateId: associate.id)
            default:
                continue
            }
        }
        return (database, associate)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5], [0, 1, 4, 30])
    func theQueueIsTheOneBuiltFromEveryCandidate(seed: UInt64, newPerDay: Int) throws {
        // Given a seeded collection
        let (database, associate) = try Self.collection(seed: seed, newPerDay: newPerDay)
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
        #expect(eager.counts.review > 0)
        if newPerDay > 0 { #expect(eager.counts.new > 0) }
    }
}
