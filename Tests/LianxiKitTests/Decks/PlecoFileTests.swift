import Foundation
import Storage
import Testing

@testable import LianxiKit

@Suite struct PlecoFileTests {
    @Test func categoriesHeadwordsAndNumberedPinyin() throws {
        let deck = try DeckReader.read(Fixture.data("pleco.txt"), file: "Pleco export.txt")
        #expect(
            deck.notes == [
                NoteContent(
                    key: "支付 zhi1fu4", hanzi: "支付", pinyin: "zhīfù", english: "to pay",
                    partOfSpeech: "verb", tags: ["hsk-3"]),
                NoteContent(
                    key: "银行 yin2hang2", hanzi: "银行", traditional: "銀行", pinyin: "yínháng",
                    english: "bank", partOfSpeech: "noun", tags: ["hsk-3"]),
                NoteContent(
                    key: "发票 fa1piao4", hanzi: "发票", traditional: "發票", pinyin: "fāpiào",
                    english: "1 noun invoice 2 verb to bill", tags: ["business/payments"]),
                NoteContent(
                    key: "转账 zhuan3zhang4", hanzi: "转账", traditional: "轉賬", pinyin: "zhuǎnzhàng",
                    english: "to transfer money (between accounts)", tags: ["business/payments"]),
                NoteContent(key: "退款 tui4kuan3", hanzi: "退款", pinyin: "tuìkuǎn", english: "refund"),
            ])
        #expect(deck.metadata.slug == "pleco-export")
    }

    @Test func crlfLineEndsReadLikeLF() throws {
        let text = String(decoding: try Fixture.data("pleco.txt"), as: UTF8.self)
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try PlecoFile.read(crlf, file: "p.txt") == PlecoFile.read(text, file: "p.txt"))
    }

    @Test func traditionalFirstExportIsDetected() throws {
        let deck = try DeckReader.read(
            Fixture.data("pleco-traditional.txt"), file: "pleco-traditional.txt")
        #expect(deck.notes.map(\.hanzi) == ["银行", "发票", "支付"])
        #expect(deck.notes.map(\.traditional) == ["銀行", "發票", "支付"])
    }

    @Test func characterOrderOptionWins() throws {
        let options = DeckReadOptions(characterOrder: .simplifiedFirst)
        let deck = try DeckReader.read(
            Fixture.data("pleco-traditional.txt"), file: "pleco-traditional.txt",
            options: options)
        #expect(deck.notes.map(\.hanzi) == ["銀行", "發票", "支付"])
    }

    @Test(arguments: [
        (["银行[銀行]", "发票[發票]"], PlecoCharacterOrder.simplifiedFirst),
        (["銀行[银行]", "支付"], .traditionalFirst),
        (["支付", "工作"], .simplifiedFirst),
        (["台[臺]"], .simplifiedFirst),
    ])
    func characterOrderFollowsTheScriptOfEachSide(
        headwords: [String], order: PlecoCharacterOrder
    ) {
        #expect(PlecoFile.characterOrder(of: headwords) == order)
    }

    @Test(arguments: [
        ("verb to pay", "verb", "to pay"),
        ("Noun bank; financial institution", "noun", "bank; financial institution"),
        ("measure word for letters", "measure", "for letters"),
        ("verb to pay; noun payment", "", "verb to pay; noun payment"),
        ("1 noun invoice 2 verb to bill", "", "1 noun invoice 2 verb to bill"),
        ("verb", "", "verb"),
        ("a verb form", "", "a verb form"),
    ])
    func leadingPartOfSpeechMovesOnlyWhenItIsTheOnlyOne(
        definition: String, partOfSpeech: String, english: String
    ) {
        let (foundPartOfSpeech, foundEnglish) = PlecoFile.partOfSpeech(leading: definition)
        #expect(foundPartOfSpeech == partOfSpeech)
        #expect(foundEnglish == english)
    }

    /// A word twice is found however its bytes spell it.
    ///
    /// The draft's table hashes words by their composed bytes (``ComposedText``) and must find
    /// what `String` equality finds. `notes` is how many notes a file without problems gives.
    @Test(arguments: [
        ("支付\tzhi1fu4\tto pay\n支付\tzhīfù\tpay\n", 0, ["p.txt:2: 支付 zhīfù is already on line 1"]),
        (
            "\u{FEFF}支付\tzhi1fu4\tto pay\r\n支付\tZhi1 fu4\tpay\r\n", 0,
            ["p.txt:2: 支付 Zhi1 fu4 is already on line 1"]
        ),
        ("\u{F900}\tqi3\tx\n\u{8C48}\tqi3\ty\n", 0, ["p.txt:2: \u{8C48} qi3 is already on line 1"]),
        ("𠀀\tqiu1\tx\n\n𠀀\tqiu1\ty\n", 0, ["p.txt:3: 𠀀 qiu1 is already on line 1"]),
        ("好\u{E000}\thao3\tx\n好\thǎo\ty\n", 0, ["p.txt:2: 好 hǎo is already on line 1"]),
        ("得\tde2\tx\n得\tde5\ty\n得\tdei3\tz\n", 3, []),
        ("\"支付\"\tzhi1fu4\tx\n支付\tzhi1fu4\ty\n", 2, []),
        ("𠀀\tqiu1\tx\n𠀁\tqiu1\ty\n", 2, []),
    ])
    func aWordTwiceIsFoundHoweverItIsWritten(
        text: String, notes: Int, problems: [String]
    ) throws {
        let suffix =
            "; a word may be in a deck only once with each reading. Merge the two notes or"
            + " delete one."
        guard !problems.isEmpty else {
            #expect(try PlecoFile.read(text, file: "p.txt").notes.count == notes)
            return
        }
        let error = #expect(throws: DeckProblems.self) {
            try PlecoFile.read(text, file: "p.txt")
        }
        expectProblems(error, problems.map { $0 + suffix })
    }

    @Test func badLinesAreReportedWithTheirNumbers() {
        let text = "// Words\n支付\n银行\tyin2hang2x\tbank\n支付\tzhi1fu4\t\n"
        let error = #expect(throws: DeckProblems.self) {
            try PlecoFile.read(text, file: "p.txt")
        }
        expectProblems(
            error,
            [
                "p.txt:2: A Pleco card line is the headword, its pinyin and its definition,"
                    + " separated by tabs; this line has no tab.",
                "p.txt:3: The pinyin “yin2hang2x” is not pinyin: “x” at position 9 is not a"
                    + " pinyin syllable. Write it with tone marks (zhīfù) or tone numbers"
                    + " (zhi1fu4).",
                "p.txt:4: The English is missing.",
            ])
    }
}
