import Foundation
import Storage
import Testing

@testable import LianxiKit

@Suite struct LianxiDeckFileTests {
    @Test func everyDeckIsShipped() {
        #expect(Fixture.shippedDecks.count >= 12)
    }

    @Test(arguments: Fixture.shippedDecks)
    func shippedDeckWritesBackByteForByte(name: String) throws {
        // Given
        let url = Fixture.decksFolder.appendingPathComponent(name)
        let bytes = try Data(contentsOf: url)
        let text = try #require(String(data: bytes, encoding: .utf8))
        // When
        let deck = try LianxiDeckFile.read(text, file: "decks/\(name)")
        // Then
        #expect(Array(LianxiDeckFile.text(for: deck).utf8) == Array(bytes))
        #expect(deck.metadata.slug == String(name.dropLast(4)))
        #expect(deck.metadata.source == name)
        #expect(deck.notes.count >= 60)
    }

    @Test func idsAreUniqueAcrossShippedDecks() throws {
        var decksByID: [String: String] = [:]
        for name in Fixture.shippedDecks {
            let url = Fixture.decksFolder.appendingPathComponent(name)
            let deck = try LianxiDeckFile.read(String(contentsOf: url, encoding: .utf8), file: name)
            for note in deck.notes {
                #expect(decksByID[note.key] == nil, "\(note.key) is in \(name) and elsewhere")
                decksByID[note.key] = name
            }
        }
    }

    @Test func crlfLineEndsReadLikeLF() throws {
        let text = String(decoding: try Fixture.data("lianxi-numbered.tsv"), as: UTF8.self)
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(
            try LianxiDeckFile.read(crlf, file: "t.tsv") == LianxiDeckFile.read(text, file: "t.tsv")
        )
    }

    @Test func headerGivesTheMetadata() throws {
        let deck = try LianxiDeckFile.read(
            String(decoding: Fixture.data("lianxi-numbered.tsv"), as: UTF8.self),
            file: "decks/Test Deck (v2).tsv")
        #expect(
            deck.metadata
                == DeckMetadata(
                    slug: "test-deck-v2", title: "Test deck", description: "A deck for tests.",
                    version: "2", source: "Test Deck (v2).tsv"))
    }

    @Test func numberedPinyinBecomesToneMarksEverywhere() throws {
        let deck = try LianxiDeckFile.read(
            String(decoding: Fixture.data("lianxi-numbered.tsv"), as: UTF8.self),
            file: "test.tsv")
        #expect(
            deck.notes == [
                NoteContent(
                    key: "tst-001", hanzi: "银行", traditional: "銀行", pinyin: "yínháng",
                    english: "bank", partOfSpeech: "noun", measureWord: "家 jiā",
                    example: ExampleSentence(
                        hanzi: "我去银行。", pinyin: "Wǒ qù yínháng.",
                        english: "I am going to the bank."),
                    hskLevel: .two, tags: ["money", "bank"]),
                NoteContent(
                    key: "tst-002", hanzi: "方案", traditional: "方案", pinyin: "fāng'àn",
                    english: "plan", partOfSpeech: "noun"),
            ])
    }

    @Test func markedPinyinIsKeptAsWritten() throws {
        // Spacing, capitals and a missing apostrophe stay: only numbers are rewritten.
        let text = try header() + "tst-001\t西安\t西安\tXī ān\tXi'an\tnoun\t\t\t\t\t\t\n"
        let deck = try LianxiDeckFile.read(text, file: "test.tsv")
        #expect(deck.notes.map(\.pinyin) == ["Xī ān"])
    }

    @Test func everyProblemOfABadFileIsReportedWithItsLine() throws {
        let text = String(decoding: try Fixture.data("lianxi-bad.tsv"), as: UTF8.self)
        let error = #expect(throws: DeckProblems.self) {
            try LianxiDeckFile.read(text, file: "bad.tsv")
        }
        let allowed =
            "noun, verb, adjective, adverb, pronoun, numeral, measure, conjunction, preposition,"
            + " particle, interjection, phrase, idiom"
        expectProblems(
            error,
            [
                "bad.tsv:2: The header must be #html:false.",
                "bad.tsv:4: The header must be #deck:Lianxi::Test deck: “Lianxi::” and the title"
                    + " up to its first colon.",
                "bad.tsv:6: “#colour:blue” is not a header of a Lianxi deck; the headers are"
                    + " #separator, #html, #title, #description, #version, #deck, #guid column,"
                    + " #tags column and #columns.",
                "bad.tsv:8: The header line #tags column:12 is missing; it goes before the notes.",
                "bad.tsv:9: The id tst-001 is already used on line 8; every note needs its own id"
                    + " (ids are never reused).",
                "bad.tsv:10: The id “tst-3” is not a deck prefix and three or four digits, like pay-001 or core1-0001.",
                "bad.tsv:10: 银行 yínháng is already on line 8; a word may be in a deck only once"
                    + " with each reading. Merge the two notes or delete one.",
                "bad.tsv:11: The traditional characters are missing; repeat the hanzi when they do"
                    + " not differ.",
                "bad.tsv:11: The pinyin “zhīfùu” is not pinyin: “fùu” at position 3 is not a"
                    + " pinyin syllable. Write it with tone marks (zhīfù) or tone numbers"
                    + " (zhi1fu4).",
                "bad.tsv:11: The English is missing.",
                "bad.tsv:11: “verbs” is not a part of speech; use one of \(allowed).",
                "bad.tsv:11: The measure word “个” is not written as hanzi and pinyin, like 个 gè;"
                    + " separate several with “; ”.",
                "bad.tsv:11: The example pinyin is missing.",
                "bad.tsv:11: The example English is missing; an example needs its English.",
                "bad.tsv:11: The HSK level “10” is not 1 to 6 or 7-9 (leave it empty when no HSK"
                    + " list has the word).",
                "bad.tsv:12: This line has 5 cells; a note has 12, separated by tabs (empty cells"
                    + " are fine, but their tabs must be there).",
                "bad.tsv:14: Header lines come before the notes; move “#note:late” to the top.",
            ])
    }

    @Test func writerKeepsEveryCellOnOneLine() {
        let deck = DeckContent(
            metadata: DeckMetadata(slug: "t", title: "T", source: "t.tsv"),
            notes: [
                NoteContent(
                    key: "t-001", hanzi: "支付", pinyin: "zhīfù", english: "to pay\tor\nto settle")
            ])
        let lines = LianxiDeckFile.text(for: deck).split(separator: "\n")
        #expect(lines.last == "t-001\t支付\t支付\tzhīfù\tto pay or to settle\t\t\t\t\t\t\t")
        #expect(lines.contains("#deck:Lianxi::T"))
        #expect(!lines.contains { $0.hasPrefix("#version") })
    }

    @Test(arguments: [
        ("Payments and finance", "Lianxi::Payments and finance"),
        ("Starter: first words at work", "Lianxi::Starter"),
    ])
    func ankiDeckNameIsTheTitleUpToItsColon(title: String, deckName: String) {
        #expect(LianxiDeckFile.ankiDeckName(title: title) == deckName)
    }

    @Test(arguments: [
        ("pay-001", true), ("cross-border-012", true), ("st2-100", true), ("pay-1", false),
        ("Pay-001", false), ("pay001", false), ("-001", false), ("pay--001", false),
        ("pay-0001", true), ("core1-0001", true), ("core1-00001", false), ("core1-01", false),
    ])
    func idIsAPrefixAndThreeOrFourDigits(id: String, isValid: Bool) {
        #expect(NoteCheck.isDeckID(id) == isValid)
    }

    private func header() throws -> String {
        let text = String(decoding: try Fixture.data("lianxi-numbered.tsv"), as: UTF8.self)
        return text.split(separator: "\n").prefix(9).joined(separator: "\n") + "\n"
    }
}
