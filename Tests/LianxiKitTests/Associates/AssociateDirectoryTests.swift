import ChineseText
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct AssociateDirectoryTests {
    @Test(arguments: [
        (
            AssociateSettings(rolloverHour: 24),
            "--rollover-hour must be an hour from 0 to 23, got 24."
        ),
        (
            AssociateSettings(rolloverHour: -1),
            "--rollover-hour must be an hour from 0 to 23, got -1."
        ),
        (
            AssociateSettings(desiredRetention: 0.69),
            "--retention must lie between 0.70 and 0.99, got 0.69."
        ),
        (
            AssociateSettings(desiredRetention: 0.995),
            "--retention must lie between 0.70 and 0.99, got 0.995."
        ),
        (AssociateSettings(newCardsPerDay: -1), "--new-per-day must be from 0 to 9999, got -1."),
        (
            AssociateSettings(newCardsPerDay: 10_000),
            "--new-per-day must be from 0 to 9999, got 10000."
        ),
        (
            AssociateSettings(maxReviewsPerDay: 100_000),
            "--reviews-per-day must be from 0 to 99999, got 100000."
        ),
        (
            AssociateSettings(timeZone: "Mars/Olympus_Mons"),
            "--time-zone \"Mars/Olympus_Mons\" is not an IANA time zone; use a name like "
                + "Asia/Shanghai, Europe/Lisbon or America/Sao_Paulo."
        ),
        (AssociateSettings(displayName: "  "), "--display-name cannot be empty."),
    ])
    func badValuesNameTheOptionAndTheRange(_ settings: AssociateSettings, message: String) {
        #expect(settings.problems.map(\.description) == [message])
    }

    @Test(arguments: [
        AssociateSettings(rolloverHour: 0), AssociateSettings(rolloverHour: 23),
        AssociateSettings(desiredRetention: 0.70), AssociateSettings(desiredRetention: 0.99),
        AssociateSettings(newCardsPerDay: 0), AssociateSettings(maxReviewsPerDay: 99_999),
        AssociateSettings(timeZone: "Asia/Shanghai"), AssociateSettings(timeZone: "UTC"),
        AssociateSettings(timeZone: "America/Sao_Paulo"),
        AssociateSettings(timeZone: "Asia/Kolkata"),
    ])
    func valuesAtTheEdgesAreAccepted(_ settings: AssociateSettings) {
        #expect(settings.problems.isEmpty)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let settings = AssociateSettings(
            timeZone: "Nowhere", rolloverHour: 30, desiredRetention: 1.5, newCardsPerDay: -2)
        #expect(settings.problems.count == 4)
    }

    @Test(arguments: [
        (0.70, true), (0.74, true), (0.75, false), (0.9, false), (0.97, false), (0.98, true),
        (0.99, true),
    ])
    func unusualRetentionIsAcceptedWithAWarning(_ retention: Double, warns: Bool) {
        let settings = AssociateSettings(desiredRetention: retention)
        #expect(settings.problems.isEmpty)
        #expect(settings.warnings.isEmpty == !warns)
    }

    @Test(arguments: [
        ("ana", true), ("mei.lin", true), ("王芳", true), ("", false), ("ana souza", false),
        ("-ana", false), ("tab\tname", false), (String(repeating: "a", count: 65), false),
    ])
    func namesAreOneWord(_ name: String, valid: Bool) {
        #expect(AssociateSettings.isValidName(name) == valid)
    }

    @Test func addingStoresEverySettingAndRefusesADuplicateName() throws {
        // Given an empty database
        let database = try StudyDatabase.inMemory()
        let settings = AssociateSettings(
            displayName: "Ana Souza", timeZone: "America/Sao_Paulo", rolloverHour: 5,
            desiredRetention: 0.85, newCardsPerDay: 12, maxReviewsPerDay: 150, scheduler: .sm2,
            tonePalette: .hanping, leechAction: .suspend, playsAudio: true, studiesListening: true)

        // When ana is added twice
        let first = try AssociateDirectory.add(
            "ana", settings: settings, defaultTimeZone: "UTC", into: database,
            at: .utc(2026, 11, 1))
        let second = try AssociateDirectory.add(
            "ana", settings: AssociateSettings(), defaultTimeZone: "UTC", into: database,
            at: .utc(2026, 11, 2))

        // Then the first is stored with every setting and the second changes nothing
        let stored = try #require(try database.associate(named: "ana"))
        #expect(first == stored)
        #expect(second == nil)
        #expect(AssociateSettings(of: stored) == settings)
        #expect(stored.createdAt == .utc(2026, 11, 1))
        #expect(try database.associates().count == 1)
    }

    @Test func theTableIsAligned() throws {
        let database = try StudyDatabase.inMemory()
        _ = try AssociateDirectory.add(
            "ana", settings: AssociateSettings(displayName: "安娜", timeZone: "Asia/Shanghai"),
            defaultTimeZone: "UTC", into: database, at: .utc(2026, 11, 1))
        _ = try AssociateDirectory.add(
            "tomas", settings: AssociateSettings(desiredRetention: 0.85, newCardsPerDay: 5),
            defaultTimeZone: "Europe/Lisbon", into: database, at: .utc(2026, 11, 1))

        let table = AssociateDirectory.table(try database.associates())

        #expect(
            table == """
                name   display name  time zone      day starts  retention  new/day  reviews/day  scheduler  palette  leeches  play audio  listening
                ana    安娜          Asia/Shanghai  04:00            0.90       20          200  fsrs       pleco    tag      off         off
                tomas  tomas         Europe/Lisbon  04:00            0.85        5          200  fsrs       pleco    tag      off         off

                """)
    }

    @Test func anEmptyListingIsAnEmptyJSONList() throws {
        #expect(try AssociateDirectory.json([]) == Data("[]".utf8))
    }

    @Test func theJSONListingIsByteStable() throws {
        let database = try StudyDatabase.inMemory()
        _ = try AssociateDirectory.add(
            "ana", settings: AssociateSettings(timeZone: "Asia/Shanghai"),
            defaultTimeZone: "UTC", into: database, at: .utc(2026, 11, 1, 8, 30))

        let json = String(
            decoding: try AssociateDirectory.json(try database.associates()), as: UTF8.self)

        #expect(
            json == """
                [
                  {
                    "created_at" : "2026-11-01T08:30:00.000Z",
                    "desired_retention" : 0.9,
                    "display_name" : "ana",
                    "fitted_parameters" : false,
                    "leech_action" : "tag",
                    "listening" : false,
                    "max_reviews_per_day" : 200,
                    "name" : "ana",
                    "new_cards_per_day" : 20,
                    "play_audio" : false,
                    "rollover_hour" : 4,
                    "scheduler" : "fsrs",
                    "time_zone" : "Asia/Shanghai",
                    "tone_palette" : "pleco"
                  }
                ]
                """)
    }

    @Test func changingRetentionReschedulesFromTheHistory() throws {
        // Given ana, who studied for a week
        let fixture = try StudyFixture.studiedForAWeek()
        let before = try fixture.database.progress(for: fixture.associate.id)

        // When her retention goes up
        let change = try #require(
            try AssociateDirectory.set(
                "ana", to: AssociateSettings(desiredRetention: 0.95), in: fixture.database))

        // Then the setting is saved, cards moved, and states equal the replay under it
        let saved = try #require(try fixture.database.associate(named: "ana"))
        let rebuild = try #require(change.rescheduled)
        #expect(saved.desiredRetention == 0.95)
        #expect(change.before.desiredRetention == 0.9)
        #expect(rebuild.cardsReplayed == before.count)
        #expect(rebuild.cardsMoved > 0)
        #expect(try fixture.database.progress(for: saved.id) != before)
        #expect(try ReplayCheck.mismatches(in: fixture.database, for: saved).isEmpty)
        #expect(
            AssociateDirectory.describe(change) == [
                "Changed ana: retention 0.90 → 0.95.",
                "Rescheduled \(rebuild.cardsReplayed) cards from the review history: "
                    + "\(rebuild.cardsChanged) cards changed, \(rebuild.cardsMoved) "
                    + "card\(rebuild.cardsMoved == 1 ? "" : "s") now due on another day.",
            ])
    }

    @Test func changingOnlyTheDisplayNameReschedulesNothing() throws {
        let fixture = try StudyFixture.studiedForAWeek()
        let before = try fixture.database.progress(for: fixture.associate.id)

        let change = try #require(
            try AssociateDirectory.set(
                "ana", to: AssociateSettings(displayName: "Ana Souza", tonePalette: .plain),
                in: fixture.database))

        #expect(change.rescheduled == nil)
        #expect(
            AssociateDirectory.describe(change) == [
                "Changed ana: display name ana → Ana Souza, palette pleco → plain."
            ])
        #expect(try fixture.database.associate(named: "ana")?.displayName == "Ana Souza")
        #expect(try fixture.database.associate(named: "ana")?.tonePalette == "plain")
        #expect(try fixture.database.progress(for: fixture.associate.id) == before)
    }

    @Test func settingAnUnknownAssociateChangesNothing() throws {
        let database = try StudyDatabase.inMemory()
        #expect(
            try AssociateDirectory.set(
                "nobody", to: AssociateSettings(rolloverHour: 3), in: database) == nil)
        #expect(try database.associates().isEmpty)
    }
}

extension StudyFixture {
    /// Ana (in Shanghai) after a week of sessions.
    static func studiedForAWeek(newCardsPerDay: Int = 6) throws -> StudyFixture {
        let fixture = try StudyFixture(newCardsPerDay: newCardsPerDay)
        try study(fixture.associate, in: fixture.database, days: 7, from: mondayMorning)
        return fixture
    }
}

/// Runs a session each day from `start` and answers every card shown: Good, Hard on every
/// fifth answer, Again on every seventh.
func study(_ associate: Associate, in database: StudyDatabase, days: Int, from start: Date)
    throws
{
    var answered = 0
    for day in 0..<days {
        var time = start + Double(day) * 86_400
        var review = try DailyReview(
            associate: associate, database: database, options: DailyReview.Options(), now: time)
        while review.session.card != nil {
            time += 15
            switch review.session.stage {
            case .question, .typing: try review.handle(.reveal, at: time)
            case .answer:
                answered += 1
                let rating: Rating =
                    answered % 7 == 0 ? .again : answered % 5 == 0 ? .hard : .good
                try review.handle(.grade(rating), at: time)
            case .waiting(let until):
                time = max(time, until)
                try review.handle(.tick, at: time)
            case .finished: break
            }
        }
    }
}
