import CohortReporting
import Foundation
import LianxiKit
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// Issue #15: errors that were swallowed (a note that cannot be read, parameters that do not
/// decode, a pinyin that cannot be parsed, an unknown time zone) are said, not papered over.
@Suite struct NothingSwallowedTests {
    let monday = StudyFixture.mondayMorning

    /// Runs `sql` on the fixture's database as a hand edit (or damage) would.
    private func tamper(_ fixture: StudyFixture, _ sql: String) throws {
        try fixture.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: sql)
        }
    }

    @Test func aNoteThatCannotBeReadStopsTheSessionAfterStoringTheAnswer() throws {
        // Given a session showing its first card
        let fixture = try StudyFixture()
        var review = try fixture.review(at: monday)
        try #require(review.session.card != nil)
        // When the notes cannot be read any more (the table is gone) and the card is answered
        try tamper(fixture, "DROP TABLE note")
        try review.handle(.reveal, at: monday + 5)
        let error = #expect(throws: ReviewSession.UnreadableNote.self) {
            try review.handle(.grade(.good), at: monday + 6)
        }
        // Then the answer is stored, the session stops and says why, not dropping the card
        #expect(try fixture.database.reviewLog(for: fixture.associate.id).count == 1)
        #expect(review.session.stage == .finished)
        let message = "\(try #require(error))"
        #expect(message.contains("Could not read the word of the next card"))
        #expect(message.contains("no such table"))
        #expect(message.contains("Every answer so far is saved"))
    }

    @Test func aPinyinThatCannotBeParsedIsNotGradedGood() throws {
        // Given a word whose stored pinyin is not pinyin
        let fixture = try StudyFixture()
        try tamper(fixture, "UPDATE note SET pinyin = 'zh!fu 9' WHERE key = 't-001'")
        var review = try fixture.review(
            at: monday, options: DailyReview.Options(filter: StudyFilter(kinds: [.pinyin])))
        #expect(review.session.card?.note.hanzi == "支付")
        // When an answer is typed
        try review.handle(.typed("zhi1fu4"), at: monday + 5)
        // Then nothing is proposed, the associate is told, and Enter alone does not grade
        #expect(review.session.proposal == nil)
        #expect(review.session.isUnchecked)
        #expect(review.session.notice?.contains("cannot be read") == true)
        try review.handle(.acceptProposal, at: monday + 6)
        #expect(try fixture.database.reviewLog(for: fixture.associate.id).isEmpty)
        #expect(review.session.notice?.contains("grade it yourself") == true)
        // and a grade the associate gives is stored
        try review.handle(.grade(.hard), at: monday + 7)
        #expect(try fixture.database.reviewLog(for: fixture.associate.id).map(\.rating) == [.hard])
    }

    @Test func storedParametersThatDoNotDecodeAreReportedNotReplacedByDefaults() throws {
        // Given an associate whose stored FSRS parameters are not a list of numbers
        let fixture = try StudyFixture()
        try tamper(fixture, "UPDATE associate SET fsrs_parameters = '[0.4, \"x\"'")
        let associate = try #require(try fixture.database.associate(named: "ana"))
        #expect(associate.fsrsParameters == nil)
        #expect(associate.unreadableParameters == "[0.4, \"x\"")

        // Then studying refuses, saying what to do, and the doctor reports it
        #expect(throws: UnreadableParameters.self) { try associate.makeScheduler() }
        #expect(throws: UnreadableParameters.self) {
            try DailyReview(associate: associate, database: fixture.database, now: monday)
        }
        let checkup = try Checkup.examine(fixture.database)
        #expect(!checkup.isHealthy)
        let problem = try #require(checkup.problems.first)
        #expect("\(problem)".contains("The FSRS parameters stored for ana cannot be read"))
        #expect("\(problem)".contains("--default-parameters"))

        // A change of another setting keeps the stored text; it is never overwritten by NULL
        _ = try AssociateDirectory.set(
            "ana", to: AssociateSettings(displayName: "Ana"), in: fixture.database)
        #expect(
            try fixture.database.associate(named: "ana")?.unreadableParameters
                == "[0.4, \"x\"")
        // Choosing the defaults again is the way out
        _ = try AssociateDirectory.set(
            "ana", to: AssociateSettings(defaultParameters: true), in: fixture.database)
        let fixed = try #require(try fixture.database.associate(named: "ana"))
        #expect(fixed.unreadableParameters == nil && fixed.fsrsParameters == nil)
        #expect(try Checkup.examine(fixture.database).isHealthy)
    }

    @Test func anUnknownTimeZoneIsReportedByTheDoctorAndCountedAsUTCEverywhere() throws {
        let fixture = try StudyFixture()
        try tamper(fixture, "UPDATE associate SET time_zone = 'Mars/Olympus_Mons'")
        let associate = try #require(try fixture.database.associate(named: "ana"))
        #expect(!associate.hasKnownTimeZone)
        #expect(associate.calendarTimeZone == TimeZone.gmt)
        #expect(associate.dayCounting == .calendarDays(timeZone: .gmt, rolloverHour: 4))
        let checkup = try Checkup.examine(fixture.database)
        #expect(
            checkup.problems == [.unknownTimeZone(associate: "ana", zone: "Mars/Olympus_Mons")])
        #expect(checkup.lines.contains { $0.contains("--time-zone") })
        // Setting one is refused when this machine does not know it
        #expect(!AssociateSettings(timeZone: "Mars/Olympus_Mons").problems.isEmpty)
    }

    @Test func exportSinceADayMeansTheAssociatesStudyDayAsTheReportCountsIt() throws {
        // Given answers at 03:00 and 05:00 on 2 November in Shanghai (day starts at 4 am):
        // the first belongs to the study day of 1 November, the second to 2 November
        let fixture = try StudyFixture()
        for time in [Date.utc(2026, 11, 1, 19), Date.utc(2026, 11, 1, 21)] {
            var review = try fixture.review(at: time)
            try review.handle(.reveal, at: time)
            try review.handle(.grade(.good), at: time)
        }
        let since = try #require(ExportStart(parsing: "2026-11-02"))
        #expect(since.start(for: fixture.associate) == Date.utc(2026, 11, 1, 20))
        // Then the export from 2 November holds the second answer only, as the report counts
        let exported = try ReviewExport.reviews(in: fixture.database, since: since)
        #expect(exported.map(\.entry.reviewedAt) == [Date.utc(2026, 11, 1, 21)])
        let report = CohortReport(
            snapshot: try fixture.database.studySnapshot(), now: Date.utc(2026, 11, 2, 2),
            since: CalendarDate(parsing: "2026-11-02"))
        #expect(report.associates.first?.reviews == exported.count)
        // and a moment is exact
        let moment = try #require(ExportStart(parsing: "2026-11-01T20:30:00Z"))
        #expect(try ReviewExport.reviews(in: fixture.database, since: moment).count == 1)
        #expect(ExportStart(parsing: "2026-11-31") == nil)
    }
}
