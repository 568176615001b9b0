import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// `lianxi status` counts in the database's indexes (``StudyStatus``); its numbers are the
/// ones every statistic computes from all the answers (``StudyStatistics``).
@Suite struct StudyStatusTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func theStatusIsTheStatisticsOwn(seed: UInt64) throws {
        // Given an associate in Shanghai who studied on some of ten days, at any hour, with a
        // suspended card, a buried note and a retired note
        let fixture = try StudyFixture(newCardsPerDay: 5)
        var random = SplitMix64(seed: seed)
        var time = StudyFixture.mondayMorning
        for _ in 0..<10 {
            time += Double.random(in: 3_600...(2 * 86_400), using: &random)
            var review = try fixture.review(at: time)
            var answers = 0
            while review.session.card != nil, answers < 12 {
                time += 20
                switch review.session.stage {
                case .question, .typing: try review.handle(.reveal, at: time)
                case .answer:
                    try review.handle(
                        .grade(Rating(rawValue: Int.random(in: 1...4, using: &random)) ?? .good),
                        at: time)
                    answers += 1
                case .waiting, .finished: break
                }
            }
        }
        let progress = try fixture.database.progress(for: fixture.associate.id)
        let studied = progress.keys.sorted()
        if let first = studied.first, var suspended = progress[first] {
            suspended.isSuspended = true
            try fixture.database.save(suspended, cardId: first, associateId: fixture.associate.id)
        }
        if let last = studied.last {
            try fixture.database.buryNote(
                last / 4, until: time + 3_600, associateId: fixture.associate.id)
        }
        let notes = StudyFixture.words.dropLast().map { key, hanzi, pinyin, english in
            NoteContent(
                key: key, hanzi: hanzi, pinyin: pinyin, english: english, partOfSpeech: "noun")
        }
        try fixture.database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "test", title: "Test", source: "test.tsv"),
                notes: notes),
            at: time)

        // When the status is read at moments from now to a week on
        for later in [0, 1_800, 7_200, 86_400, 3 * 86_400, 8 * 86_400] as [Double] {
            let now = time + later
            let status = try StudyStatus(
                of: fixture.associate, in: fixture.database, now: now)

            // Then it is what the statistics say
            let statistics = try StudyStatistics(
                snapshot: try fixture.database.studySnapshot(for: fixture.associate.id),
                associate: fixture.associate, now: now)
            #expect(status == statistics.status)
        }
    }
}
