import Foundation
import Storage
import Testing

@testable import LianxiKit

@Suite struct TabularDeckFileTests {
    @Test func excelCSVWithBOMCRLFAndQuotes() throws {
        // Given a CSV saved by Excel: byte-order mark, CRLF, quoted cells with commas, quotes
        // and a line break.
        let data = try Fixture.data("words.csv")
        // When
        let deck = try DeckReader.read(data, file: "imports/Words.csv")
        // Then
        #expect(
            deck.metadata == DeckMetadata(slug: "words", title: "Words", source: "Words.csv"))
        #expect(
            deck.notes == [
                NoteContent(
                    key: "支付 zhi1fu4", hanzi: "支付", traditional: "支付", pinyin: "zhīfù",
                    english: "to pay, to settle", partOfSpeech: "verb", hskLevel: .three,
                    tags: ["payments"]),
                NoteContent(
                    key: "银行 yin2hang2", hanzi: "银行", traditional: "銀行", pinyin: "yínháng",
                    english: "bank; the \"big\" one", partOfSpeech: "noun", hskLevel: .two,
                    tags: ["payments", "bank"]),
                NoteContent(
                    key: "发票 fa1piao4", hanzi: "发票", traditional: "發票", pinyin: "fā piào",
                    english: "invoice receipt", partOfSpeech: "noun", hskLevel: .four),
                NoteContent(
                    key: "退款 tui4kuan3", hanzi: "退款", pinyin: "tuìkuǎn", english: "refund",
                    tags: ["payments"]),
            ])
    }

    @Test func tabSeparatedWithIdsExamplesAndATabInQuotes() throws {
        let deck = try DeckReader.read(Fixture.data("words.tsv"), file: "words.tsv")
        #expect(
            deck.notes == [
                NoteContent(
                    key: "w-1", hanzi: "支付", pinyin: "zhīfù", english: "to pay for something",
                    example: ExampleSentence(
                        hanzi: "我用手机支付。", pinyin: "Wǒ yòng shǒujī zhīfù.",
                        english: "I pay with my phone."),
                    hskLevel: .three),
                NoteContent(
                    key: "w-2", hanzi: "银行", pinyin: "yínháng", english: "bank",
                    hskLevel: .advanced),
            ])
    }

    @Test func semicolonsAndChineseHeaders() throws {
        let deck = try DeckReader.read(
            Fixture.data("words-semicolon.csv"), file: "words-semicolon.csv")
        #expect(
            deck.notes == [
                NoteContent(
                    key: "银行卡 yin2hang2ka3", hanzi: "银行卡", pinyin: "yínhángkǎ",
                    english: "bank card",
                    measureWord: "张 zhāng"),
                NoteContent(
                    key: "账单 zhang4dan1", hanzi: "账单", pinyin: "zhàngdān",
                    english: "bill, statement",
                    measureWord: "张 zhāng; 份 fèn"),
            ])
    }

    @Test func everyBadRowIsReportedOnItsRealLine() throws {
        let data = try Fixture.data("bad-rows.csv")
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(data, file: "bad-rows.csv")
        }
        let allowed =
            "noun, verb, adjective, adverb, pronoun, numeral, measure, conjunction, preposition,"
            + " particle, interjection, phrase, idiom"
        let expected = [
            "bad-rows.csv:5: The pinyin “fa1piaoo4” is not pinyin: “piaoo4” at position 3 is not a"
                + " pinyin syllable. Write it with tone marks (zhīfù) or tone numbers (zhi1fu4).",
            "bad-rows.csv:6: The English is missing.",
            "bad-rows.csv:7: 支付 zhi1fu4 is already on line 2; a word may be in a deck only once"
                + " with each reading. Merge the two notes or delete one.",
            "bad-rows.csv:8: “thing” is not a part of speech; use one of \(allowed), or leave it"
                + " empty.",
            "bad-rows.csv:8: The HSK level “10” is not 1 to 6 or 7-9 (leave it empty when no HSK"
                + " list has the word).",
            "bad-rows.csv:9: The hanzi “zhàngdān” has no Chinese characters; is it in the right"
                + " column?",
        ]
        expectProblems(error, expected)
    }

    @Test func fileWithoutAHanziColumnNamesTheColumnsItFound() throws {
        let data = try Fixture.data("no-hanzi-column.csv")
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(data, file: "no-hanzi-column.csv")
        }
        #expect(
            error?.description
                == "no-hanzi-column.csv:1: No column holds the hanzi. The header row has “Term”,"
                + " “Reading”, “Meaning”. Name the column “hanzi” (or simplified, chinese, word,"
                + " 汉字), or give a column mapping such as hanzi=1,pinyin=2,english=3.")
    }

    @Test func headerlessFileSaysItsFirstRowLooksLikeANote() {
        let text = "支付,zhi1fu4,to pay\n银行,yin2hang2,bank\n"
        let error = #expect(throws: DeckProblems.self) {
            try TabularDeckFile.read(text, file: "words.csv")
        }
        #expect(error?.problems.count == 3)
        #expect(
            error?.problems.first?.message.hasSuffix(
                "The first row looks like a note, not a header: add a header row such as"
                    + " hanzi,pinyin,english.") == true)
    }

    @Test func columnMappingByNumberReadsAFileWithoutHeader() throws {
        let text = "to pay,支付,zhi1fu4\nbank,银行,yin2hang2\n"
        let options = DeckReadOptions(
            columns: try ColumnMapping(parsing: "hanzi=2, pinyin=3, english=1"))
        let deck = try TabularDeckFile.read(text, file: "words.csv", options: options)
        #expect(deck.notes.map(\.hanzi) == ["支付", "银行"])
        #expect(deck.notes.map(\.english) == ["to pay", "bank"])
    }

    @Test func columnMappingByNumberSkipsAHeaderRow() throws {
        let text = "Word,Sound,Gloss\n支付,zhi1fu4,to pay\n"
        let options = DeckReadOptions(
            columns: try ColumnMapping(parsing: "hanzi=1,pinyin=2,english=3"), title: "Mine")
        let deck = try TabularDeckFile.read(text, file: "words.csv", options: options)
        #expect(deck.notes.map(\.pinyin) == ["zhīfù"])
        #expect(deck.metadata.title == "Mine")
    }

    @Test func columnMappingByHeaderName() throws {
        let text = "Word,Sound,Gloss\n支付,zhi1fu4,to pay\n"
        let options = DeckReadOptions(
            columns: try ColumnMapping(parsing: "hanzi=word,pinyin=Sound,english=Gloss"))
        let deck = try TabularDeckFile.read(text, file: "words.csv", options: options)
        #expect(deck.notes.map(\.english) == ["to pay"])
    }

    @Test func columnMappingProblemsAreAllReported() {
        let text = "Word,Sound\n支付,zhi1fu4\n"
        let error = #expect(throws: DeckProblems.self) {
            let mapping = try ColumnMapping(parsing: "hanzi=1,pinyin=Reading,english=5")
            _ = try TabularDeckFile.read(
                text, file: "w.csv", options: DeckReadOptions(columns: mapping))
        }
        expectProblems(
            error,
            [
                "w.csv:1: The column mapping names the column “Reading”, but the header row has no"
                    + " such column; it has “Word”, “Sound”.",
                "w.csv:1: The column mapping puts english in column 5, but the first row has 2"
                    + " columns (separated by comma).",
            ])
    }

    @Test func unclosedQuoteIsReported() {
        let text =
            "hanzi,pinyin,english\n支付,zhi1fu4,\"to pay\n银行,yin2hang2,bank\n退款,tui4kuan3,refund\n"
        let error = #expect(throws: DeckProblems.self) {
            try TabularDeckFile.read(text, file: "w.csv")
        }
        expectProblems(
            error,
            [
                "w.csv:2: A quoted cell that starts on this line is never closed, so the 2 lines"
                    + " after it ran into one cell. Add the closing quote (\")."
            ])
    }

    @Test(
        arguments: [
            ("a\tb\tc", "x.csv", "\t"), ("a,b,c", "x.tsv", ","), ("a;b;c", "x.csv", ";"),
            ("a,b;c;d", "x.txt", ";"), ("\"a;b\",c", "x.txt", ","), ("abc", "x.tsv", "\t"),
            ("abc", "x.txt", ","), ("a\tb,c", "x.csv", ","),
        ] as [(String, String, String)])
    func delimiterComesFromExtensionOrHeader(line: String, file: String, delimiter: String) {
        let preferred: Unicode.Scalar? =
            switch DeckFileName(path: file).fileExtension {
            case "tsv": "\t"
            case "csv": ","
            default: nil
            }
        #expect(
            String(DelimitedText.delimiter(of: line, preferring: preferred)) == delimiter)
    }
}
