import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct HistoryMergeTests {
    @Test func mergingTwiceAddsNothingAndStatesEqualTheReplay() throws {
        // Given an associate who studied two cards in a session
        let fixture = try StudyFixture(newCardsPerDay: 2)
        var review = try fixture.review(at: StudyFixture.mondayMorning)
        var time = StudyFixture.mondayMorning
        while review.session.card != nil {
            time += 20
            switch review.session.stage {
            case .question, .typing: try review.handle(.reveal, at: time)
            case .answer: try review.handle(.grade(.good), at: time)
            case .waiting, .finished: break
            }
        }
        let studied = try fixture.database.reviewLog(for: fixture.associate.id)
        let cardId = try #require(studied.first?.cardId)

        // When answers from another device come in, one of them earlier than the local ones
        let incoming = [
            PastReview(
                id: "laptop-1", cardId: cardId, reviewedAt: StudyFixture.mondayMorning - 3_600,
                rating: .again, duration: 4),
            PastReview(
                id: "laptop-2", cardId: cardId, reviewedAt: time + 3 * 86_400, rating: .good,
                duration: 6),
        ]
        let added = try HistoryMerge.merge(incoming, into: fixture.database, for: fixture.associate)
        let again = try HistoryMerge.merge(incoming, into: fixture.database, for: fixture.associate)

        // Then both are added once, the card is replayed in time order, nothing else changes
        #expect(added == 2)
        #expect(again == 0)
        let log = try fixture.database.history(of: cardId, for: fixture.associate.id)
        #expect(log.first?.id == "laptop-1")
        #expect(log.last?.id == "laptop-2")
        #expect(log.count == studied.filter { $0.cardId == cardId }.count + 2)
        #expect(log.first?.phaseBefore == "new")
        #expect(
            try fixture.database.reviewLog(for: fixture.associate.id).count == studied.count + 2)
        #expect(try ReplayCheck.mismatches(in: fixture.database, for: fixture.associate).isEmpty)
    }
}
