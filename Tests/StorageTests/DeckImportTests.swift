import Foundation
import Storage
import TestSupport
import Testing

@Suite struct DeckImportTests {
    static let monday = Date.utc(2026, 11, 2, 9)

    static func note(_ key: String, _ hanzi: String, _ pinyin: String, _ english: String)
        -> NoteContent
    {
        NoteContent(
            key: key, hanzi: hanzi, pinyin: pinyin, english: english, partOfSpeech: "noun",
            example: ExampleSentence(
                hanzi: "我们用\(hanzi)。", pinyin: "Wǒmen yòng \(pinyin).",
                english: "We use \(english)."),
            hskLevel: .three, tags: ["payments"])
    }

    static let payments = DeckContent(
        metadata: DeckMetadata(
            slug: "payments", title: "Payments", description: "Money words.", version: "1",
            source: "payments.tsv"),
        notes: [
            note("pay-001", "支付", "zhīfù", "to pay"),
            note("pay-002", "发票", "fāpiào", "invoice"),
            note("pay-003", "退款", "tuìkuǎn", "refund"),
        ])

    @Test func aNewDeckAddsEveryNoteWithThreeCards() throws {
        // Given
        let database = try StudyDatabase.inMemory()
        // When
        let summary = try database.importDeck(Self.payments, at: Self.monday)
        // Then
        #expect(summary.isNewDeck)
        #expect(summary.added == ["pay-001", "pay-002", "pay-003"])
        #expect(summary.changed.isEmpty && summary.retired.isEmpty && summary.unchanged == 0)
        #expect(try database.activeCardCount() == 9)
        #expect(try database.deck("payments") == Self.payments)
        let listed = try #require(try database.decks().first)
        #expect(listed.metadata.title == "Payments")
        #expect(listed.activeNotes == 3 && listed.retiredNotes == 0)
    }

    @Test func importingTheSameDeckAgainChangesNothing() throws {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(Self.payments, at: Self.monday)
        let again = try database.importDeck(Self.payments, at: Self.monday.addingTimeInterval(60))
        #expect(!again.isNewDeck)
        #expect(again.added.isEmpty && again.changed.isEmpty && again.retired.isEmpty)
        #expect(again.unchanged == 3)
        #expect(try database.activeCardCount() == 9)
    }

    @Test func anEditedDeckUpdatesInPlaceRetiresAndRestores() throws {
        // Given a deck, then an edit: a typo fixed, a note added, a note removed
        let database = try StudyDatabase.inMemory()
        try database.importDeck(Self.payments, at: Self.monday)
        var edited = Self.payments
        edited.notes[1].english = "invoice; receipt"
        edited.notes.remove(at: 2)
        edited.notes.append(Self.note("pay-004", "现金", "xiànjīn", "cash"))

        // When
        let summary = try database.importDeck(edited, at: Self.monday.addingTimeInterval(3600))

        // Then
        #expect(summary.added == ["pay-004"])
        #expect(summary.changed == ["pay-002"])
        #expect(summary.retired == ["pay-003"])
        #expect(summary.unchanged == 1)
        #expect(try database.deck("payments")?.notes == edited.notes)
        #expect(try database.decks().first?.retiredNotes == 1)
        #expect(try database.activeCardCount() == 9)

        // And the removed note comes back when it returns to the file
        let restored = try database.importDeck(
            Self.payments, at: Self.monday.addingTimeInterval(7200))
        #expect(restored.restored == ["pay-003"])
        #expect(restored.retired == ["pay-004"])
        #expect(try database.deck("payments") == Self.payments)
    }

    @Test func aDryRunReportsButWritesNothing() throws {
        let database = try StudyDatabase.inMemory()
        let summary = try database.importDeck(Self.payments, at: Self.monday, dryRun: true)
        #expect(summary.added.count == 3)
        #expect(try database.decks().isEmpty)
        #expect(try database.activeCardCount() == 0)
    }

    @Test func duplicateKeysAreRefusedAndNothingIsWritten() throws {
        let database = try StudyDatabase.inMemory()
        var broken = Self.payments
        broken.notes.append(Self.note("pay-001", "现金", "xiànjīn", "cash"))
        #expect(throws: DeckImportError.duplicateKey("pay-001", deck: "payments")) {
            try database.importDeck(broken, at: Self.monday)
        }
        #expect(try database.decks().isEmpty)
    }

    /// The hash stays what stored decks were given.
    ///
    /// FNV-1a (64 bits) over the title, description and version, then each note's fields in
    /// file order, each text followed by the byte 0x1f; the value was computed apart from
    /// Lianxi, in Python.
    @Test func theContentHashIsFNV1aOfTheTextsInFileOrder() {
        let deck = DeckContent(
            metadata: DeckMetadata(
                slug: "payments", title: "Payments", description: "Paying and being paid.",
                version: "2", source: "payments.tsv"),
            notes: [
                NoteContent(
                    key: "pay-001", hanzi: "支付", traditional: "支付", pinyin: "zhīfù",
                    english: "to pay", partOfSpeech: "verb",
                    example: ExampleSentence(hanzi: "付款", pinyin: "fùkuǎn", english: "I pay."),
                    hskLevel: .three, tags: ["business", "hsk"]),
                NoteContent(
                    key: "pay-002", hanzi: "银行", traditional: "銀行", pinyin: "yínháng",
                    english: "bank", partOfSpeech: "noun", measureWord: "家 jiā"),
            ])
        #expect(deck.contentHash == "1437cfae8a87591b")
    }

    @Test func theContentHashFollowsTheContent() {
        var edited = Self.payments
        #expect(edited.contentHash == Self.payments.contentHash)
        edited.notes[0].pinyin = "zhīfú"
        #expect(edited.contentHash != Self.payments.contentHash)
    }
}
