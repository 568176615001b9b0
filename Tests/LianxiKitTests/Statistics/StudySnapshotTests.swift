import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct StudySnapshotTests {
    @Test func theSnapshotHoldsWhatASessionStored() throws {
        // Given an associate who answered three new cards Good, then Again, Good in a session
        let fixture = try StudyFixture(newCardsPerDay: 3)
        var review = try fixture.review(at: StudyFixture.mondayMorning)
        var time = StudyFixture.mondayMorning
        var grades: [Rating] = [.good, .again, .good]
        while review.session.card != nil, !grades.isEmpty {
            time += 30
            switch review.session.stage {
            case .question, .typing: try review.handle(.reveal, at: time)
            case .answer: try review.handle(.grade(grades.removeFirst()), at: time)
            case .waiting, .finished: break
            }
        }

        // When statistics read the database
        let snapshot = try fixture.database.studySnapshot(for: fixture.associate.id)
        let statistics = try StudyStatistics(
            snapshot: snapshot, associate: fixture.associate, now: time + 60)

        // Then the snapshot holds every card, the stored progress and the log, in time order
        #expect(snapshot.associates.map(\.name) == ["ana"])
        #expect(snapshot.cards.count == StudyFixture.words.count * CardKind.allCases.count)
        #expect(snapshot.deckTitles == ["test": "Test"])
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        let answers = snapshot.answers[fixture.associate.id] ?? []
        #expect(answers.map(\.cardId) == log.map(\.cardId))
        #expect(answers.map(\.rating) == [.good, .again, .good])
        #expect(answers.allSatisfy { $0.phaseBefore == .new })
        #expect(answers.map(\.reviewedAt) == log.map(\.reviewedAt))
        #expect(
            snapshot.progress[fixture.associate.id]
                == (try fixture.database.progress(for: fixture.associate.id)))
        // and the statistics count three new cards started today on one day studied
        #expect(statistics.reviewsPerDay.last?.answers == 3)
        #expect(statistics.newAvailable == 0)
        #expect(statistics.streak.current == 1)
        #expect(statistics.coverageByDeck.first?.started == 3)
    }
}
