import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct ReviewSessionTests {
    let monday = StudyFixture.mondayMorning

    @Test func newCardsComeOnePerNoteAndRespectTheDailyLimit() throws {
        let fixture = try StudyFixture(newCardsPerDay: 5)
        let review = try fixture.review(at: monday)
        let queued = review.session.queue.main
        #expect(queued.count == 5)
        #expect(Set(queued.map(\.noteId)).count == 5)
        #expect(queued.allSatisfy { $0.progress.phase == .new })
        #expect(review.session.card?.note.hanzi == "支付")
        #expect(review.session.stage == .question)
    }

    @Test func eachKeyHasItsEffect() throws {
        // Given a session with eight new cards
        let fixture = try StudyFixture()
        var review = try fixture.review(at: monday)
        let first = try #require(review.session.card)

        // When the answer is revealed, the four outcomes are previewed
        try review.handle(.reveal, at: monday.addingTimeInterval(5))
        #expect(review.session.stage == .answer)
        let previews = try #require(review.session.previews)
        #expect(previews.good.interval == .step(seconds: 600))

        // When graded Good, the answer is stored and the next note comes
        try review.handle(.grade(.good), at: monday.addingTimeInterval(6))
        #expect(try fixture.database.reviewLog(for: fixture.associate.id).count == 1)
        #expect(review.session.card?.noteId != first.noteId)
        #expect(review.session.queue.learning.map(\.id) == [first.id])

        // When undone, the log is empty again and the first card is back on screen
        try review.handle(.undo, at: monday.addingTimeInterval(7))
        #expect(try fixture.database.reviewLog(for: fixture.associate.id).isEmpty)
        #expect(try fixture.database.progress(for: fixture.associate.id).isEmpty)
        #expect(review.session.card?.id == first.id)
        #expect(review.session.queue.learning.isEmpty)

        // When buried, the note leaves today's queue and is stored as buried until tomorrow
        try review.handle(.bury, at: monday.addingTimeInterval(8))
        #expect(review.session.card?.noteId != first.noteId)
        let buried = try fixture.database.progress(for: fixture.associate.id)
        #expect(buried.count == 3)
        #expect(buried.values.allSatisfy { $0.buriedUntil == review.session.day.end })

        // When suspended, the card is stored as suspended and leaves the queue
        let suspended = try #require(review.session.card)
        try review.handle(.suspend, at: monday.addingTimeInterval(9))
        #expect(
            try fixture.database.progress(for: fixture.associate.id)[suspended.id]?.isSuspended
                == true)
        #expect(!review.session.queue.main.contains { $0.id == suspended.id })
    }

    @Test func learningCardsComeBackWhenTheirMinuteComes() throws {
        let fixture = try StudyFixture(newCardsPerDay: 1)
        var review = try fixture.review(at: monday)
        try review.handle(.reveal, at: monday)
        try review.handle(.grade(.again), at: monday)
        // Nothing else is left: the learning card is shown early (within 20 minutes).
        #expect(review.session.card?.progress.state.phase == .learning(step: 0))
        try review.handle(.reveal, at: monday.addingTimeInterval(61))
        try review.handle(.grade(.good), at: monday.addingTimeInterval(61))
        try review.handle(.reveal, at: monday.addingTimeInterval(62))
        try review.handle(.grade(.good), at: monday.addingTimeInterval(62))
        #expect(review.session.stage == .finished)
        #expect(try ReplayCheck.mismatches(in: fixture.database, for: fixture.associate).isEmpty)
    }

    @Test(arguments: [
        ("zhi1fu4", Rating.good), ("zhīfù", .good), ("zhi2fu4", .hard), ("zi1fu4", .again),
    ])
    func typedPinyinIsCheckedAndAGradeProposed(typed: String, proposal: Rating) throws {
        let fixture = try StudyFixture()
        var review = try fixture.review(
            at: monday, options: DailyReview.Options(filter: StudyFilter(kinds: [.pinyin])))
        #expect(review.session.stage == .typing)
        try review.handle(.typed(typed), at: monday)
        #expect(review.session.stage == .answer)
        #expect(review.session.proposal == proposal)
        try review.handle(.acceptProposal, at: monday)
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        #expect(log.first?.rating == proposal)
        #expect(log.first?.typedAnswer == typed)
    }

    @Test(arguments: [("支付", Rating.good), ("支 付", .good), ("支持", .again)])
    func typedHanziIsChecked(typed: String, proposal: Rating) throws {
        let fixture = try StudyFixture()
        var review = try fixture.review(
            at: monday, options: DailyReview.Options(filter: StudyFilter(kinds: [.production])))
        try review.handle(.typed(typed), at: monday)
        #expect(review.session.proposal == proposal)
    }

    @Test func theDayEndsAtTheRolloverHourInTheAssociatesTimeZone() throws {
        // 03:59 in Shanghai on Tuesday is still Monday's study day; 04:00 starts Tuesday.
        let fixture = try StudyFixture(newCardsPerDay: 2)
        var review = try fixture.review(at: monday)
        for _ in 0..<2 {
            try review.handle(.reveal, at: monday)
            try review.handle(.grade(.easy), at: monday)
        }
        #expect(review.session.stage == .finished)
        let lateMonday = Date.utc(2026, 11, 2, 19, 59)  // 03:59 Tuesday in Shanghai
        #expect(try fixture.review(at: lateMonday).session.stage == .finished)
        let tuesday = Date.utc(2026, 11, 2, 20, 0)  // 04:00 Tuesday in Shanghai
        let next = try fixture.review(at: tuesday)
        #expect(next.session.queue.main.count == 2)
        #expect(next.session.day.number == review.session.day.number + 1)
    }

    @Test func aSessionPastTheRolloverStops() throws {
        let fixture = try StudyFixture()
        var review = try fixture.review(at: Date.utc(2026, 11, 2, 19, 58))
        try review.handle(.reveal, at: Date.utc(2026, 11, 2, 19, 59))
        try review.handle(.grade(.good), at: Date.utc(2026, 11, 2, 20, 1))
        #expect(review.session.stage == .finished)
        #expect(try fixture.database.reviewLog(for: fixture.associate.id).count == 1)
    }

    @Test func aLongScriptedSessionKeepsStatesEqualToTheReplayOfTheLog() throws {
        var generator = SeededGenerator(seed: 2026)
        for scheduler in SchedulerKind.allCases {
            let fixture = try StudyFixture(scheduler: scheduler)
            var time = monday
            for _ in 0..<10 {
                var review = try fixture.review(at: time)
                var steps = 0
                while review.session.card != nil, steps < 200 {
                    steps += 1
                    time = time.addingTimeInterval(
                        Double(Int.random(in: 5...400, using: &generator)))
                    let roll = Int.random(in: 0..<100, using: &generator)
                    switch review.session.stage {
                    case .typing:
                        try review.handle(.typed(roll < 50 ? "zhi1fu4" : ""), at: time)
                    case .question:
                        try review.handle(roll < 5 ? .undo : .reveal, at: time)
                    case .answer:
                        let rating = Rating(rawValue: 1 + roll % 4) ?? .good
                        try review.handle(roll < 3 ? .bury : .grade(rating), at: time)
                    case .waiting, .finished:
                        break
                    }
                }
                time = time.addingTimeInterval(
                    86_400 * Double(Int.random(in: 1...4, using: &generator)))
            }
            #expect(try fixture.database.reviewLog(for: fixture.associate.id).count > 50)
            #expect(
                try ReplayCheck.mismatches(in: fixture.database, for: fixture.associate).isEmpty)
            #expect(try fixture.database.integrityProblems().isEmpty)
        }
    }

    @Test func answersGivenWithinOneMillisecondKeepTheOrderTheyWereGivenIn() throws {
        // Given a clock that does not move (a script piping grades answers that fast)
        let fixture = try StudyFixture(newCardsPerDay: 1)
        var review = try fixture.review(at: monday)
        // When one card is answered Again, Hard, Again, Hard … twelve times at that instant
        var given: [String] = []
        for rating in Array(repeating: [Rating.again, .hard], count: 6).joined() {
            try #require(review.session.card != nil)
            try review.handle(.reveal, at: monday)
            try review.handle(.grade(rating), at: monday)
            given.append(try #require(review.session.answered.last).answer.id)
        }
        // Then each answer is stamped a millisecond after the one before, the log keeps the
        // order they were given in, and the card's state is the replay of the log
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        #expect(log.map(\.id) == given)
        #expect(
            log.map(\.rating) == Array(Array(repeating: [Rating.again, .hard], count: 6).joined()))
        func milliseconds(_ date: Date) -> Int64 {
            Int64((date.timeIntervalSince1970 * 1000).rounded())
        }
        #expect(log.map { milliseconds($0.reviewedAt) - milliseconds(monday) } == Array(0..<12))
        #expect(try ReplayCheck.mismatches(in: fixture.database, for: fixture.associate).isEmpty)

        // And a later session stamps its answers after them, even with its clock set back
        var later = try fixture.review(at: monday - 60)
        try #require(later.session.card != nil)
        try later.handle(.reveal, at: monday - 60)
        try later.handle(.grade(.good), at: monday - 60)
        let last = try #require(try fixture.database.reviewLog(for: fixture.associate.id).last)
        #expect(milliseconds(last.reviewedAt) == milliseconds(monday) + 12)
    }
}
