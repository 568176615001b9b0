import Foundation
import GRDB
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// A card's id is its note's id × 4 + its kind, and its row is written when first studied.
@Suite struct CardNumberingTests {
    @Test(
        arguments: [
            (1, CardKind.recognition, 4), (1, .production, 5), (1, .pinyin, 6),
            (2, .recognition, 8), (25_960, .pinyin, 103_842),
        ] as [(Int64, CardKind, Int64)])
    func aCardsIdFollowsFromItsNoteAndKind(note: Int64, kind: CardKind, id: Int64) {
        #expect(CardNumbering.cardId(note: note, kind: kind) == id)
        #expect(CardNumbering.noteId(ofCard: id) == note)
        #expect(CardNumbering.kind(ofCard: id) == kind)
    }

    @Test func theOnceSpareNumberIsListeningAndANegativeIdNoKind() {
        #expect(CardNumbering.kind(ofCard: 7) == .listening)
        #expect(CardNumbering.cardId(note: 1, kind: .listening) == 7)
        #expect(CardNumbering.kind(ofCard: -1) == nil)
    }

    private static func cardRows(_ database: StudyDatabase) throws -> [[String]] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, note_id, kind FROM card ORDER BY id").map {
                ["\($0[0] as Int64)", "\($0[1] as Int64)", $0[2] as String]
            }
        }
    }

    /// The payments deck (three notes) and an associate, ana.
    private static func paymentsAndAna() throws -> (StudyDatabase, Associate) {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(DeckImportTests.payments, at: DeckImportTests.monday)
        let ana = try database.registerAssociate(
            named: "ana", timeZone: "UTC", at: DeckImportTests.monday
        ).associate
        return (database, ana)
    }

    @Test func anImportWritesNotesAndStudyWritesTheCardRowsItNeeds() throws {
        // Given: a deck of three notes and an associate
        let (database, ana) = try Self.paymentsAndAna()
        let ids = try database.cardIds(inDeck: "payments")
        #expect(ids["pay-002"] == [.recognition: 8, .production: 9, .pinyin: 10, .listening: 11])
        #expect(try database.activeCardCount() == 9)
        #expect(try Self.cardRows(database).isEmpty)

        // When: one answer, one suspension and one buried note
        var generator = SplitMix64(seed: 1)
        let outcome = try FSRSScheduler().review(
            .new, rating: .good, at: DeckImportTests.monday, using: &generator)
        try database.record(
            Answer(
                associateId: ana.id, cardId: 9, phaseBefore: .new, outcome: outcome,
                duration: 3, typedAnswer: nil),
            progress: CardProgress(
                state: outcome.card, isSuspended: false, buriedUntil: nil, isLeech: false))
        var suspended = CardProgress.new
        suspended.isSuspended = true
        try database.save(suspended, cardId: 4, associateId: ana.id)
        try database.buryNote(3, until: DeckImportTests.monday + 86_400, associateId: ana.id)

        // Then: exactly those cards have rows, with their note and kind
        #expect(
            try Self.cardRows(database) == [
                ["4", "1", "recognition"], ["9", "2", "production"],
                ["12", "3", "recognition"], ["13", "3", "production"], ["14", "3", "pinyin"],
            ])
        #expect(try database.integrityProblems().isEmpty)
        // and new cards still come from every note, the suspended one passed over.
        let new = try database.newCards(for: ana.id, at: DeckImportTests.monday, limit: 9)
        #expect(new.map(\.id) == [5, 6, 8, 10])
    }

    @Test func aCardIdOfNoNoteIsRefused() throws {
        let (database, ana) = try Self.paymentsAndAna()
        #expect(throws: DatabaseError.self) {
            try database.save(.new, cardId: 400, associateId: ana.id)
        }
        #expect(throws: DatabaseError.self) {
            try database.save(.new, cardId: -3, associateId: ana.id)
        }
        #expect(try Self.cardRows(database).isEmpty)
    }
}
