import Foundation
import Storage
import Testing

@testable import LianxiKit

@Suite struct AnkiTextFileTests {
    @Test func ankiExportWithGuidsHTMLAndGuessedColumns() throws {
        // Given Anki's "Notes in Plain Text" export: guid, note type and deck columns, HTML
        // fields, tags last, and no #columns header.
        let data = try Fixture.data("anki-notes.txt")
        // When
        let deck = try DeckReader.read(data, file: "anki-notes.txt")
        // Then
        #expect(
            deck.notes == [
                NoteContent(
                    key: "aB3$xY", hanzi: "支付", pinyin: "zhīfù", english: "to pay to settle",
                    tags: ["payments"]),
                NoteContent(
                    key: "Qw9!rT", hanzi: "发票", pinyin: "fāpiào",
                    english: "invoice & receipt <fapiao> 中文"),
                NoteContent(
                    key: "Zz1,k", hanzi: "银行", pinyin: "yínháng", english: "bank \"big\" one",
                    tags: ["payments", "bank"]),
            ])
        #expect(deck.metadata.title == "anki-notes")
    }

    @Test(arguments: ["anki-notes.txt", "anki-columns.txt"])
    func crlfLineEndsReadLikeLF(name: String) throws {
        let text = String(decoding: try Fixture.data(name), as: UTF8.self)
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try AnkiTextFile.read(crlf, file: name) == AnkiTextFile.read(text, file: name))
    }

    @Test func badColumnNumberIsReportedWithTheColumnProblems() {
        let text = "#separator:tab\n#guid column:first\nhello\tworld\n"
        let error = #expect(throws: DeckProblems.self) {
            try AnkiTextFile.read(text, file: "a.txt")
        }
        #expect(error?.problems.count == 3)
        #expect(
            error?.problems.first?.description
                == "a.txt:2: “first” is not a column number; columns count from 1.")
    }

    @Test func namedColumnsCommaSeparatorAndPlainText() throws {
        let deck = try DeckReader.read(Fixture.data("anki-columns.txt"), file: "anki-columns.txt")
        #expect(
            deck.notes == [
                NoteContent(
                    key: "快递 kuai4di4", hanzi: "快递", traditional: "快遞", pinyin: "kuài dì",
                    english: "express delivery <fast>", tags: ["imported"]),
                NoteContent(
                    key: "仓库 cang1ku4", hanzi: "仓库", traditional: "倉庫", pinyin: "cāngkù",
                    english: "warehouse &amp; store", tags: ["imported"]),
            ])
        #expect(deck.metadata.title == "Logistics")
    }

    @Test func unknownSeparatorIsReported() {
        let text = "#separator:Star\n支付*zhi1fu4*to pay\n"
        let error = #expect(throws: DeckProblems.self) {
            try AnkiTextFile.read(text, file: "a.txt")
        }
        expectProblems(
            error,
            [
                "a.txt:1: “Star” is not a separator Anki knows; write tab, comma, semicolon,"
                    + " space, pipe or colon."
            ])
    }

    @Test func columnsThatCannotBeGuessedAreReported() {
        let text = "#separator:tab\n#html:false\nhello\tworld\nfoo\tbar\n"
        let error = #expect(throws: DeckProblems.self) {
            try AnkiTextFile.read(text, file: "a.txt")
        }
        let advice =
            " Name the columns in a header line such as #columns:hanzi<tab>pinyin<tab>english,"
            + " or give a column mapping such as hanzi=1,pinyin=2,english=3."
        expectProblems(
            error,
            [
                "a.txt:3: No column holds the hanzi: none holds mostly Chinese characters."
                    + advice,
                "a.txt:3: No column holds the pinyin: none holds pinyin with tones." + advice,
            ])
    }

    @Test func problemsInNotesHaveTheirFileLines() {
        let text = """
            #separator:semicolon
            #html:true
            #columns:Hanzi;Pinyin;English
            支付;zhi1fu4;to pay
            银行;"yin2
            hang2";bank
            发票;fa1piao9;invoice
            """
        let error = #expect(throws: DeckProblems.self) {
            try AnkiTextFile.read(text, file: "a.txt")
        }
        expectProblems(
            error,
            [
                "a.txt:7: The pinyin “fa1piao9” is not pinyin: “9” at position 7 is not a pinyin"
                    + " letter, tone or punctuation. Write it with tone marks (zhīfù) or tone"
                    + " numbers (zhi1fu4)."
            ])
    }

    @Test(
        arguments: [
            ("tab", "\t"), ("Tab", "\t"), ("comma", ","), ("Semicolon", ";"), ("space", " "),
            ("pipe", "|"), ("colon", ":"), ("|", "|"), (",", ","),
        ] as [(String, String)])
    func separatorNames(name: String, separator: String) {
        #expect(AnkiTextFile.separator(named: name).map(String.init) == separator)
    }
}
