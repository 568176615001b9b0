import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct ReschedulingTests {
    /// An associate who studied every card of the fixture over a week, good answers mostly.
    private func studiedFixture(scheduler: SchedulerKind = .fsrs) throws -> StudyFixture {
        let fixture = try StudyFixture(newCardsPerDay: 8, scheduler: scheduler)
        for day in 0..<7 {
            var time = StudyFixture.mondayMorning + Double(day) * 86_400
            var review = try fixture.review(at: time)
            var answered = 0
            while review.session.card != nil {
                time += 15
                switch review.session.stage {
                case .question, .typing: try review.handle(.reveal, at: time)
                case .answer:
                    answered += 1
                    try review.handle(.grade(answered % 5 == 0 ? .hard : .good), at: time)
                case .waiting: try review.handle(.tick, at: time + 600)
                case .finished: break
                }
            }
        }
        return fixture
    }

    @Test func higherRetentionBringsCardsSoonerAndStatesEqualTheReplay() throws {
        let fixture = try studiedFixture()
        let before = try fixture.database.progress(for: fixture.associate.id)
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        var stricter = fixture.associate
        stricter.desiredRetention = 0.97

        let rebuild = try Rescheduling.apply(stricter, in: fixture.database)

        let after = try fixture.database.progress(for: fixture.associate.id)
        let saved = try #require(try fixture.database.associate(named: "ana"))
        #expect(saved.desiredRetention == 0.97)
        #expect(rebuild.cardsReplayed == before.count)
        #expect(rebuild.cardsChanged > 0)
        #expect(rebuild.cardsMoved > 0)
        #expect(rebuild.cardsMoved <= rebuild.cardsChanged)
        for (cardId, old) in before where old.state.phase == .review {
            let new = try #require(after[cardId])
            #expect(try #require(new.state.due) <= (try #require(old.state.due)))
        }
        #expect(try fixture.database.reviewLog(for: fixture.associate.id) == log)
        #expect(try ReplayCheck.mismatches(in: fixture.database, for: saved).isEmpty)
    }

    @Test func switchingSchedulerReplaysWithTheOtherAlgorithm() throws {
        let fixture = try studiedFixture()
        var onSM2 = fixture.associate
        onSM2.scheduler = .sm2

        try Rescheduling.apply(onSM2, in: fixture.database)

        let states = try fixture.database.progress(for: fixture.associate.id).values.map(\.state)
        #expect(
            states.allSatisfy { state in
                if case .sm2? = state.memory { true } else { state.phase != .review }
            })
        #expect(try ReplayCheck.mismatches(in: fixture.database, for: onSM2).isEmpty)
    }

    @Test func unchangedSettingsChangeNothingAndKeepFlags() throws {
        let fixture = try studiedFixture()
        let cardId = try #require(
            try fixture.database.progress(for: fixture.associate.id).keys.min())
        var flagged = try #require(try fixture.database.progress(for: fixture.associate.id)[cardId])
        flagged.isSuspended = true
        flagged.isLeech = true
        try fixture.database.save(flagged, cardId: cardId, associateId: fixture.associate.id)

        let rebuild = try Rescheduling.apply(fixture.associate, in: fixture.database)

        #expect(rebuild.cardsChanged == 0)
        #expect(try fixture.database.progress(for: fixture.associate.id)[cardId] == flagged)
    }

    @Test func aTamperedStateIsRebuiltFromTheLog() throws {
        let fixture = try studiedFixture()
        let progress = try fixture.database.progress(for: fixture.associate.id)
        let (cardId, original) = try #require(progress.min { $0.key < $1.key })
        var tampered = original
        tampered.state = .new
        try fixture.database.save(tampered, cardId: cardId, associateId: fixture.associate.id)
        #expect(
            try ReplayCheck.mismatches(in: fixture.database, for: fixture.associate) == [cardId])

        let rebuild = try Rescheduling.apply(fixture.associate, in: fixture.database)

        #expect(rebuild.cardsChanged == 1)
        #expect(try fixture.database.progress(for: fixture.associate.id)[cardId] == original)
    }

    enum SettingChange: CaseIterable {
        case retention, scheduler, parameters, timeZone, rolloverHour
        case newCardsPerDay, maxReviewsPerDay, palette, displayName

        func apply(to associate: inout Associate) {
            switch self {
            case .retention: associate.desiredRetention = 0.85
            case .scheduler: associate.scheduler = .sm2
            case .parameters: associate.fsrsParameters = Parameters.default.values
            case .timeZone: associate.timeZone = "Europe/Berlin"
            case .rolloverHour: associate.rolloverHour = 2
            case .newCardsPerDay: associate.newCardsPerDay = 5
            case .maxReviewsPerDay: associate.maxReviewsPerDay = 50
            case .palette: associate.tonePalette = "plain"
            case .displayName: associate.displayName = "Ana S."
            }
        }

        var changesScheduling: Bool {
            switch self {
            case .retention, .scheduler, .parameters, .timeZone, .rolloverHour: true
            case .newCardsPerDay, .maxReviewsPerDay, .palette, .displayName: false
            }
        }
    }

    @Test(arguments: SettingChange.allCases)
    func onlySchedulingSettingsNeedARebuild(_ change: SettingChange) throws {
        let old = try StudyFixture().associate
        var new = old
        change.apply(to: &new)
        #expect(new != old)
        #expect(Rescheduling.isNeeded(from: old, to: new) == change.changesScheduling)
    }
}
