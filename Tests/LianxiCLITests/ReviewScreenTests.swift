import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@testable import LianxiCLI

@Suite struct ReviewScreenTests {
    static let morning = Date.utc(2026, 11, 2, 1)

    /// A session over one long-worded note, to test the layout at its limits.
    static func session(kinds: Set<CardKind> = [.recognition]) throws -> DailyReview {
        let database = try StudyDatabase.inMemory()
        let note = NoteContent(
            key: "w-001", hanzi: "七天无理由退货", traditional: "七天無理由退貨",
            pinyin: "qī tiān wú lǐyóu tuìhuò",
            english: "seven-day no-reason returns; the right to send goods back within a week",
            partOfSpeech: "phrase", measureWord: "",
            example: ExampleSentence(
                hanzi: "这件商品支持七天无理由退货，您可以放心购买。",
                pinyin:
                    "Zhè jiàn shāngpǐn zhīchí qī tiān wú lǐyóu tuìhuò, nín kěyǐ fàngxīn gòumǎi.",
                english:
                    "This item comes with seven-day no-reason returns, so you can buy it without worry."
            ),
            hskLevel: nil, tags: ["service"])
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "service", title: "Service", source: "service.tsv"),
                notes: [note]),
            at: morning)
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: morning
        ).associate
        return try DailyReview(
            associate: associate, database: database,
            options: DailyReview.Options(filter: StudyFilter(kinds: kinds)), now: morning)
    }

    static func screen(_ review: DailyReview, style: ScreenStyle = .plain) -> ReviewScreen {
        ReviewScreen(
            session: review.session, columns: 80, rows: 24, style: style, doneToday: 0,
            now: morning)
    }

    @Test func theAnswerFitsEightyByTwentyFourWithHanziTwoColumnsWide() throws {
        var review = try Self.session()
        try review.handle(.reveal, at: Self.morning)
        for style in [ScreenStyle.plain, ScreenStyle(depth: .trueColor, palette: .pleco)] {
            let lines = Self.screen(review, style: style).lines
            #expect(lines.count == 24)
            #expect(lines.allSatisfy { $0.terminalColumns <= 80 })
        }
        let text = Self.screen(review).lines.joined(separator: "\n")
        #expect(text.contains("七 天 无 理 由 退 货"))
        #expect(text.contains("qī tiān wú lǐyóu tuìhuò"))
        #expect(text.contains("例 这件商品支持七天无理由退货"))
        #expect(text.contains("1 Again 1m"))
        #expect(text.contains("3 Good 10m"))
    }

    @Test func plainStyleHasNoEscapesAndColourKeepsTheToneMarks() throws {
        var review = try Self.session()
        try review.handle(.reveal, at: Self.morning)
        let plain = Self.screen(review).lines.joined()
        #expect(!plain.contains("\u{1B}"))
        let colored = Self.screen(review, style: ScreenStyle(depth: .ansi256, palette: .pleco))
            .lines.joined()
        #expect(colored.contains("\u{1B}[38;5;"))
        #expect(PseudoTerminalSession.visibleText(colored).contains("qī tiān wú lǐyóu tuìhuò"))
    }

    @Test func aTypedAnswerShowsWhichSyllableIsWrong() throws {
        var review = try Self.session(kinds: [.pinyin])
        #expect(Self.screen(review).lines.joined().contains("Type the pinyin"))
        try review.handle(.typed("qi1 tian1 wu2 li3you3 tui4huo4"), at: Self.morning)
        let text = Self.screen(review).lines.joined(separator: "\n")
        #expect(text.contains("right but for tones"))
        #expect(text.contains("yóu tone 2, you typed 3"))
        #expect(text.contains("lǐ ✓"))
        #expect(text.contains("Enter takes Hard"))
    }

    @Test func lettersSplitOtherwiseGetAHintToMarkTheBreak() throws {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "places", title: "Places", source: "places.tsv"),
                notes: [
                    NoteContent(key: "p-001", hanzi: "西安", pinyin: "Xī'ān", english: "Xi'an")
                ]),
            at: Self.morning)
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "UTC", at: Self.morning
        ).associate
        var review = try DailyReview(
            associate: associate, database: database,
            options: DailyReview.Options(filter: StudyFilter(kinds: [.pinyin])), now: Self.morning)
        try review.handle(.typed("xian1"), at: Self.morning)
        let text = Self.screen(review).lines.joined(separator: "\n")
        #expect(text.contains("not quite"))
        #expect(
            text.contains(
                "“xian1” reads as xiān, one syllable; Xī'ān is xi-an: type xi'an or xi1an1."))
    }

    @Test(arguments: [
        ([UInt8](" ".utf8), [Key.space]), ([13], [.enter]), ([3], [.interrupt]),
        ([0x1B, 0x5B, 0x41], [.arrowUp]), (Array("3".utf8), [.character("3")]),
        (Array("ü".utf8), [.character("ü")]), (Array("你".utf8), [.character("你")]),
        ([0xE4, 0xBD], []),
    ])
    func keysAreDecodedFromBytes(bytes: [UInt8], keys: [Key]) {
        var decoder = KeyDecoder()
        #expect(decoder.decode(bytes) == keys)
    }

    @Test func aCharacterSplitAcrossReadsIsJoined() {
        var decoder = KeyDecoder()
        let bytes = Array("好".utf8)
        #expect(decoder.decode(Array(bytes.prefix(2))).isEmpty)
        #expect(decoder.decode(Array(bytes.suffix(1))) == [.character("好")])
        #expect(decoder.decode([0x1B]).isEmpty)
        #expect(decoder.flush() == [.escape])
    }
}
