import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// Sessions on a database in a file, whose answers go through the answer journal beside it:
/// undo, bury and suspend among them, sessions that end and sessions killed mid-way.
@Suite struct JournaledSessionTests {
    let monday = StudyFixture.mondayMorning

    @Test(arguments: SchedulerKind.allCases)
    func killedAndFinishedSessionsKeepStatesEqualToTheReplayOfTheLog(
        _ scheduler: SchedulerKind
    ) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var fixture = try StudyFixture(
            scheduler: scheduler, path: folder.appendingPathComponent("lianxi.sqlite").path)
        var generator = SeededGenerator(seed: 2026)
        var time = monday
        var acknowledged: Set<String> = []
        var undone: Set<String> = []
        for day in 0..<8 {
            let killed = day % 2 == 1
            do {
                var review = try fixture.review(at: time)
                var steps = 0
                while review.session.card != nil, steps < 120 {
                    steps += 1
                    time = time.addingTimeInterval(
                        Double(Int.random(in: 5...400, using: &generator)))
                    let roll = Int.random(in: 0..<100, using: &generator)
                    let before = review.session.answered.map(\.answer.id)
                    switch review.session.stage {
                    case .typing:
                        try review.handle(.typed(roll < 50 ? "zhi1fu4" : ""), at: time)
                    case .question:
                        try review.handle(roll < 8 ? .undo : .reveal, at: time)
                    case .answer:
                        let rating = Rating(rawValue: 1 + roll % 4) ?? .good
                        try review.handle(
                            roll < 3 ? .bury : roll < 5 ? .suspend : .grade(rating), at: time)
                    case .waiting, .finished:
                        break
                    }
                    let after = review.session.answered.map(\.answer.id)
                    acknowledged.formUnion(after)
                    undone.formUnion(Set(before).subtracting(after))
                }
                if !killed {
                    // The session ends: its answers are stored before the summary reads them.
                    try review.commitAnswers()
                    #expect(
                        Set(try fixture.database.reviewLog(for: fixture.associate.id).map(\.id))
                            == acknowledged.subtracting(undone))
                }
            }
            if killed {
                // The process is gone (the journal's lock with it): the next one to open the
                // database finds the answers in the journal.
                fixture = try fixture.reopened()
            }
            time = time.addingTimeInterval(
                86_400 * Double(Int.random(in: 1...3, using: &generator)))
        }
        fixture = try fixture.reopened()
        let log = try fixture.database.reviewLog(for: fixture.associate.id)
        #expect(log.count > 100)
        #expect(Set(log.map(\.id)) == acknowledged.subtracting(undone))
        #expect(log.count == Set(log.map(\.id)).count)
        #expect(try ReplayCheck.mismatches(in: fixture.database, for: fixture.associate).isEmpty)
        #expect(try fixture.database.integrityProblems().isEmpty)
    }
}
