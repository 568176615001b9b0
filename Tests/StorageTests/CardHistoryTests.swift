import Foundation
import GRDB
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// The one-pass reader of a whole log (``StudyDatabase/forEachCardHistory(of:_:)``) gives what
/// reading the log in its order and grouping it by card gives.
@Suite struct CardHistoryTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyCardComesOnceWithItsAnswersInTheLogsOrderAndItsState(seed: UInt64) throws {
        // Given two associates' answers to the cards of a deck, many of them in the same
        // millisecond as another answer to the card, with random ids, and states for some
        // cards only (some without any answer)
        let database = try StudyDatabase.inMemory()
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        let ana = try database.registerAssociate(
            named: "ana", timeZone: "UTC", at: DeckImportTests.monday
        ).associate
        let ben = try database.registerAssociate(
            named: "ben", timeZone: "UTC", at: DeckImportTests.monday
        ).associate
        let cards = try database.cardIds(inDeck: "payments").values.flatMap(\.values).sorted()
        var random = SplitMix64(seed: seed)
        let start = DeckImportTests.monday.milliseconds
        try database.writer.write { db in
            try CardNumbering.ensureRows(cards, in: db)
            for index in 0..<400 {
                let associate = Bool.random(using: &random) ? ana.id : ben.id
                let card = cards.randomElement(using: &random) ?? cards[0]
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            phase_before, phase_after, interval_seconds)
                        VALUES (?, ?, ?, ?, ?, 'review', 'review', 60)
                        """,
                    arguments: [
                        "\(UInt8.random(in: 0...255, using: &random))-\(index)", associate, card,
                        start + Int64.random(in: 0..<40, using: &random),
                        Int.random(in: 1...4, using: &random),
                    ])
            }
            for card in cards where Bool.random(using: &random) {
                try db.execute(
                    sql: """
                        INSERT INTO card_state (associate_id, card_id, phase, stability,
                            difficulty, due_ms, last_review_ms, reps)
                        VALUES (?, ?, 'review', 3.5, 5, ?, ?, 1)
                        """,
                    arguments: [
                        ana.id, card, start + Int64.random(in: 0..<1_000_000, using: &random),
                        start,
                    ])
            }
        }

        for associate in [ana, ben] {
            // When the histories are read in one pass
            var histories: [CardHistory] = []
            let count = try database.forEachCardHistory(of: associate.id) { histories.append($0) }

            // Then they are the log in its order (time, then id), grouped by card, with every
            // stored state, in card order
            let (log, progress) = try database.reviewLogAndProgress(for: associate.id)
            let answers = Dictionary(grouping: log, by: \.cardId)
            let expected = Set(answers.keys).union(progress.keys).sorted().map { card in
                CardHistory(
                    cardId: card,
                    answers: (answers[card] ?? []).map { PastAnswer($0.rating, at: $0.reviewedAt) },
                    stored: progress[card])
            }
            #expect(histories == expected)
            #expect(count == log.count)
        }
    }
}
