import Foundation
import LianxiKit
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

@Suite struct CheckupTests {
    /// The fixture after two days of study: every card answered a few times.
    private func studiedFixture() throws -> StudyFixture {
        let fixture = try StudyFixture(newCardsPerDay: 8)
        for day in 0..<2 {
            var time = StudyFixture.mondayMorning + Double(day) * 86_400
            var review = try fixture.review(at: time)
            while review.session.card != nil {
                time += 20
                switch review.session.stage {
                case .question, .typing: try review.handle(.reveal, at: time)
                case .answer: try review.handle(.grade(.good), at: time)
                case .waiting: try review.handle(.tick, at: time + 600)
                case .finished: break
                }
            }
        }
        return fixture
    }

    /// Runs `sql` on the fixture's database with foreign keys off, as a hand edit would.
    private func tamper(_ fixture: StudyFixture, _ sql: String) throws {
        try fixture.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }

    @Test func aHealthyDatabaseSaysSo() throws {
        let fixture = try studiedFixture()
        let checkup = try Checkup.examine(fixture.database)
        #expect(checkup.isHealthy)
        #expect(
            checkup.answers == (try fixture.database.reviewLog(for: fixture.associate.id).count))
        #expect(checkup.answers > 16)
        #expect(checkup.lines.last == "All is well.")
    }

    @Test func anEditedCardStateIsFoundAndRepairedFromTheLog() throws {
        let fixture = try studiedFixture()
        let before = try fixture.database.progress(for: fixture.associate.id)
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        let victim = try #require(before.keys.min())
        // Given a card state edited by hand
        try tamper(
            fixture,
            "UPDATE card_state SET stability = stability * 3, reps = reps + 1 WHERE card_id = \(victim)"
        )
        // When the doctor looks
        let checkup = try Checkup.examine(fixture.database)
        // Then it names the card, and the repair puts it back exactly, touching nothing else
        #expect(checkup.problems == [.stateDiffersFromLog(associate: "ana", cards: [victim])])
        #expect(checkup.lines.contains { $0.contains("1 card of ana is not where") })
        #expect(try Checkup.examineAndRepair(fixture.database).cardsRebuilt == 1)
        #expect(try fixture.database.progress(for: fixture.associate.id) == before)
        #expect(try fixture.database.reviewLog(for: fixture.associate.id) == log)
        #expect(try Checkup.examine(fixture.database).isHealthy)
    }

    @Test func aWrongTallyIsFoundAndRecountedFromTheLog() throws {
        let fixture = try studiedFixture()
        let id = fixture.associate.id
        let before = try fixture.database.answerTally(of: id)
        let victim = try #require(before.first)
        let log = try fixture.database.reviewLog(for: id)
        let states = try fixture.database.progress(for: id)
        // Given a quarter hour of the statistics' tally counted wrong, and one counted that
        // holds no answer
        try tamper(
            fixture,
            """
            UPDATE answer_tally SET answers = answers + 1, young_failed = young_failed + 2
            WHERE associate_id = \(id) AND quarter_hour = \(victim.quarterHour)
            """)
        try tamper(fixture, "INSERT INTO answer_tally VALUES (\(id), 7, 1, 0, 0, 0, 0, 0, 0)")
        // When the doctor looks
        let checkup = try Checkup.examine(fixture.database)
        // Then it counts both quarter hours, and the repair recounts them from the answers,
        // touching nothing else
        #expect(checkup.problems == [.tallyDiffersFromLog(associate: "ana", quarterHours: 2)])
        #expect(checkup.lines.contains { $0.contains("does not match the answers in 2 quarter") })
        #expect(checkup.problems.allSatisfy { $0.isRepairable })
        let repair = try Checkup.examineAndRepair(fixture.database)
        #expect(repair.quarterHoursRecounted == 2)
        #expect(repair.cardsRebuilt == 0)
        #expect(try fixture.database.answerTally(of: id) == before)
        #expect(try fixture.database.reviewLog(for: id) == log)
        #expect(try fixture.database.progress(for: id) == states)
        #expect(try Checkup.examine(fixture.database).isHealthy)
    }

    @Test func aDanglingRowIsReportedAndBlocksTheRepair() throws {
        let fixture = try studiedFixture()
        // Given an answer to a card that is not there, written with foreign keys off
        try tamper(
            fixture,
            """
            INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                phase_before, phase_after, interval_seconds)
            VALUES ('stray', \(fixture.associate.id), 424242, 0, 3, 'new', 'learning', 60)
            """)
        let fingerprint = try fixture.database.contentFingerprint()
        let checkup = try Checkup.examine(fixture.database)
        #expect(!checkup.isHealthy)
        #expect(
            checkup.problems.contains {
                "\($0)".contains("review_log points to a card that is not there")
            })
        // Then the repair refuses and changes nothing
        #expect(throws: Checkup.RepairRefused.self) {
            try Checkup.examineAndRepair(fixture.database)
        }
        #expect(try fixture.database.contentFingerprint() == fingerprint)
    }

    @Test func examineAndRepairPutsBackAnEditedStateAndLeavesNothingToFind() throws {
        let fixture = try studiedFixture()
        let before = try fixture.database.progress(for: fixture.associate.id)
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        let victims = Array(before.keys.sorted().prefix(3))
        try tamper(
            fixture,
            "UPDATE card_state SET due_ms = due_ms + 86400000 WHERE card_id IN "
                + "(\(victims.map(String.init).joined(separator: ", ")))")
        let repair = try Checkup.examineAndRepair(fixture.database)
        #expect(repair.checkup.problems == [.stateDiffersFromLog(associate: "ana", cards: victims)])
        #expect(repair.cardsRebuilt == 3)
        #expect(repair.remaining.isEmpty)
        #expect(try fixture.database.progress(for: fixture.associate.id) == before)
        #expect(try fixture.database.reviewLog(for: fixture.associate.id) == log)
        #expect(try Checkup.examine(fixture.database).isHealthy)
        // A healthy database: nothing rebuilt.
        #expect(try Checkup.examineAndRepair(fixture.database).cardsRebuilt == 0)
    }

    @Test func examineAndRepairRefusesBeforeWritingWhenTheFileCheckFindsADanglingRow() throws {
        let fixture = try studiedFixture()
        let victim = try #require(
            try fixture.database.progress(for: fixture.associate.id).keys.min())
        // Given a moved state (which asks for a rebuild) and an answer to a card that is not
        // there
        try tamper(
            fixture,
            """
            UPDATE card_state SET due_ms = due_ms + 86400000 WHERE card_id = \(victim);
            INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                phase_before, phase_after, interval_seconds)
            VALUES ('stray', \(fixture.associate.id), 424242, 0, 3, 'new', 'learning', 60)
            """)
        let fingerprint = try fixture.database.contentFingerprint()
        #expect(throws: Checkup.RepairRefused.self) {
            try Checkup.examineAndRepair(fixture.database)
        }
        #expect(try fixture.database.contentFingerprint() == fingerprint)
    }
}
