import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// A session's start reads its due cards' order only; a card's whole progress is read when it
/// comes up, as it is then, whatever another process did to it meanwhile.
@Suite struct DueCardsShownTests {
    static let monday = StudyFixture.mondayMorning

    /// A review of `stability` days, last answered ten days ago and due yesterday.
    static func review(stability: Double) throws -> CardProgress {
        try progress(
            .review, stability: stability, lastReview: monday - 10 * 86_400,
            due: monday - 86_400, reps: 3)
    }

    static func progress(
        _ phase: Phase, stability: Double, lastReview: Date, due: Date, reps: Int, lapses: Int = 0
    ) throws -> CardProgress {
        let state = try #require(
            CardState(
                restoring: phase, memory: .fsrs(MemoryState(stability: stability, difficulty: 5)),
                lastReview: lastReview, due: due, reps: reps, lapses: lapses))
        return CardProgress(state: state, isSuspended: false, buriedUntil: nil, isLeech: false)
    }

    /// What another process does to the second card after the session started.
    enum Change: String, CaseIterable, Sendable {
        case nothing, leechFlagged, reviewedThere, relearningThere, suspendedThere, buriedThere
        case resetToNew

        /// The card's stored progress after the change, from `saved`; `nil` for no write.
        func applied(to saved: CardProgress, dayEnd: Date) throws -> CardProgress? {
            var changed = saved
            switch self {
            case .nothing: return nil
            case .leechFlagged: changed.isLeech = true
            case .reviewedThere:
                changed = try DueCardsShownTests.progress(
                    .review, stability: 50, lastReview: monday - 60, due: monday + 20 * 86_400,
                    reps: 4)
            case .relearningThere:
                changed = try DueCardsShownTests.progress(
                    .relearning(step: 0), stability: 5, lastReview: monday - 60,
                    due: monday + 2 * 3_600, reps: 4, lapses: 1)
            case .suspendedThere: changed.isSuspended = true
            case .buriedThere: changed.buriedUntil = dayEnd
            case .resetToNew: changed = .new
            }
            return changed
        }

        /// Whether the card still comes up today, and when.
        var comesUp: (today: Bool, later: Bool) {
            switch self {
            case .nothing, .leechFlagged: (true, false)
            case .relearningThere: (true, true)
            case .reviewedThere, .suspendedThere, .buriedThere, .resetToNew: (false, false)
            }
        }
    }

    @Test(arguments: Change.allCases, [false, true])
    func aCardChangedElsewhereComesUpAsItIsStored(change: Change, inFile: Bool) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given two reviews due, the first more at risk, and no new cards
        let fixture = try StudyFixture(
            newCardsPerDay: 0,
            path: inFile ? folder.appendingPathComponent("lianxi.sqlite").path : nil)
        let ids = try fixture.database.cardIds(inDeck: "test")
        let first = try #require(ids["t-001"]?[.recognition])
        let second = try #require(ids["t-002"]?[.recognition])
        let saved = try Self.review(stability: 40)
        try fixture.database.save(
            try Self.review(stability: 2), cardId: first, associateId: fixture.associate.id)
        try fixture.database.save(saved, cardId: second, associateId: fixture.associate.id)
        var review = try fixture.review(at: Self.monday)
        #expect(review.session.card?.id == first)
        #expect(review.session.queue.main.map(\.id) == [first, second])

        // When another process changes the second card (a sync, another session), then the
        // first is answered
        let elsewhere =
            try inFile ? StudyDatabase.open(at: try #require(fixture.path)) : fixture.database
        let dayEnd = review.session.day.end
        let changed = try change.applied(to: saved, dayEnd: dayEnd)
        if let changed {
            try elsewhere.save(changed, cardId: second, associateId: fixture.associate.id)
        }
        try review.handle(.reveal, at: Self.monday + 10)
        try review.handle(.grade(.good), at: Self.monday + 10)

        // Then the second card comes up with its progress as stored, or not today
        let stored = changed ?? saved
        switch change.comesUp {
        case (true, false):
            #expect(review.session.card?.id == second)
            #expect(review.session.card?.progress == stored)
        case (true, true):
            #expect(review.session.card == nil)
            #expect(review.session.stage == .waiting(until: Self.monday + 2 * 3_600))
            try review.handle(.tick, at: Self.monday + 2 * 3_600)
            #expect(review.session.card?.id == second)
            #expect(review.session.card?.progress == stored)
        case (false, _):
            #expect(review.session.card == nil)
            #expect(review.session.stage == .finished)
        }
        try review.commitAnswers()
        #expect(try fixture.database.progress(for: fixture.associate.id)[second] == stored)
    }

    @Test(arguments: [Rating.again, .good], [false, true])
    func aDueCardAnsweredThenUndoneComesBackAsItWas(rating: Rating, inFile: Bool) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given a review due and a session showing it
        let fixture = try StudyFixture(
            newCardsPerDay: 0,
            path: inFile ? folder.appendingPathComponent("lianxi.sqlite").path : nil)
        let card = try #require(try fixture.database.cardIds(inDeck: "test")["t-003"]?[.production])
        let saved = try Self.review(stability: 8)
        try fixture.database.save(saved, cardId: card, associateId: fixture.associate.id)
        var review = try fixture.review(at: Self.monday)
        #expect(review.session.card?.progress == saved)

        // When it is answered, then the answer is taken back
        try review.handle(.reveal, at: Self.monday + 5)
        try review.handle(.grade(rating), at: Self.monday + 5)
        #expect(review.session.card?.progress != saved)
        try review.handle(.undo, at: Self.monday + 6)

        // Then it is on screen as it was, and stored so
        #expect(review.session.card?.id == card)
        #expect(review.session.card?.progress == saved)
        #expect(try fixture.database.progress(for: fixture.associate.id)[card] == saved)
        #expect(try fixture.database.reviewLog(for: fixture.associate.id).isEmpty)

        // And answered again, it is stored from there
        try review.handle(.reveal, at: Self.monday + 7)
        try review.handle(.grade(.good), at: Self.monday + 7)
        try review.commitAnswers()
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        #expect(log.count == 1)
        #expect(try fixture.database.progress(for: fixture.associate.id)[card]?.state.reps == 4)
    }
}
