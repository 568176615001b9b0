import Foundation
import LianxiKit
import Storage
import TestSupport
import Testing

/// A new associate's first week on the shipped decks, one session a day on a fake clock.
@Suite struct FirstWeekTests {
    /// 09:00 in Shanghai on Monday 2 November 2026, the first day.
    static let firstMorning = Date.utc(2026, 11, 2, 1)

    @Test func aNewAssociateMeetsTheWordsOfThePathInOrder() throws {
        // Given a fresh database set up as `lianxi` sets it up on a new machine
        let database = try StudyDatabase.inMemory()
        let associate = try FirstRun.prepare(
            database, associateName: "ana", timeZone: "Asia/Shanghai", at: Self.firstMorning
        ).associate

        // When she studies every day for a week, knowing every answer
        var seen: Set<String> = []
        let week = try (0..<7).map { day in
            try Self.session(
                of: associate, in: database, at: Self.firstMorning + Double(day) * 86_400,
                seen: &seen)
        }

        // Then the first day brings a new word for each new card of the day (siblings wait for
        // later days), and the words she meets, in the order she meets them, are the first
        // notes of the path: the starter deck first, in its file's order
        let met = week.flatMap { $0 }
        #expect(week[0].count == associate.newCardsPerDay)
        #expect(Set(met.map(\.key)).count == met.count)
        let path = try ShippedDecks.files.flatMap { file in
            try LianxiDeckFile.read(file.text, file: file.name).notes.map(\.key)
        }
        #expect(met.map(\.key) == Array(path.prefix(met.count)))
        #expect(met.first?.hanzi == "你好")
    }

    /// One day's session, answered as someone who knows every word; returns the notes met for
    /// the first time that day (none of their cards shown before: `seen` holds those keys), in
    /// order.
    static func session(
        of associate: Associate, in database: StudyDatabase, at start: Date,
        seen: inout Set<String>
    ) throws -> [NoteContent] {
        var review = try DailyReview(associate: associate, database: database, now: start)
        var time = start
        var met: [NoteContent] = []
        // Each card takes at most a few steps; a day holds far fewer than 2,000.
        for _ in 0..<2_000 {
            time += 10
            switch review.session.stage {
            case .question, .typing:
                if let card = review.session.card, seen.insert(card.note.key).inserted {
                    met.append(card.note)
                }
                if review.session.stage == .typing, let card = review.session.card {
                    let answer = card.kind == .production ? card.note.hanzi : card.note.pinyin
                    try review.handle(.typed(answer), at: time)
                    try review.handle(.acceptProposal, at: time)
                } else {
                    try review.handle(.reveal, at: time)
                    try review.handle(.grade(.good), at: time)
                }
            case .answer:
                try review.handle(.grade(.good), at: time)
            case .waiting(let until):
                time = max(time, until)
                try review.handle(.tick, at: time)
            case .finished:
                return met
            }
        }
        Issue.record("The session of \(start) did not finish in 2,000 steps")
        return met
    }
}
