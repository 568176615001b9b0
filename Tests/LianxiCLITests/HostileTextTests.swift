import ChineseText
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@testable import LianxiCLI

/// Text from a file (stored by an older Lianxi, which did not refuse it) reaches the terminal
/// shown, never as a control sequence: in the session screen, in line mode, in tables and in
/// messages.
@Suite(.serialized) struct HostileTextTests {
    static let morning = Date.utc(2026, 11, 2, 1)
    /// A gloss that would set the clipboard (OSC 52) and clear the screen.
    static let gloss = "to pay\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J"

    static let deck = DeckContent(
        metadata: DeckMetadata(
            slug: "hostile", title: "Hostile\u{1B}[2J", source: "hostile\u{1B}[31m.tsv"),
        notes: [
            NoteContent(
                key: "h-001", hanzi: "支付", pinyin: "zhīfù", english: gloss,
                partOfSpeech: "verb\u{9B}2J", measureWord: "",
                example: ExampleSentence(
                    hanzi: "我\u{1B}]8;;http://x\u{1B}\\付钱\u{1B}]8;;\u{1B}\\",
                    pinyin: "wǒ fù qián", english: "I pay \u{202E}yenom"),
                tags: [])
        ])

    /// Every escape sequence in `text`; the screen's own are SGR (colours, bold) only.
    static func escapeSequences(in text: String) -> [String] {
        var sequences: [String] = []
        var scalars = Substring(text).unicodeScalars[...]
        while let start = scalars.firstIndex(of: "\u{1B}") {
            let rest = scalars[scalars.index(after: start)...]
            let end = rest.firstIndex { (0x40...0x7E).contains($0.value) && $0 != "[" }
            let upper = end.map { rest.index(after: $0) } ?? rest.endIndex
            sequences.append(String(String.UnicodeScalarView(scalars[start..<upper])))
            scalars = scalars[upper...]
        }
        return sequences
    }

    @Test func theSessionScreenShowsAHostileGlossWithoutObeyingIt() throws {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(Self.deck, at: Self.morning)
        let associate = try database.registerAssociate(
            named: "ana", displayName: "Ana \u{202E}evil", timeZone: "UTC", at: Self.morning
        ).associate
        var review = try DailyReview(
            associate: associate, database: database,
            options: DailyReview.Options(filter: StudyFilter(kinds: [.recognition])),
            now: Self.morning)
        try review.handle(.reveal, at: Self.morning)
        for style in [ScreenStyle.plain, ScreenStyle(depth: .trueColor, palette: .pleco)] {
            let lines = ReviewScreen(
                session: review.session, columns: 80, rows: 24, style: style, doneToday: 0,
                now: Self.morning
            ).lines
            let text = lines.joined(separator: "\n")
            #expect(PseudoTerminalSession.visibleText(text).contains("to pay␛]52;c;ZXZpbA==␇␛[2J"))
            #expect(PseudoTerminalSession.visibleText(text).contains("Ana <U+202E>evil"))
            #expect(PseudoTerminalSession.visibleText(text).contains("I pay <U+202E>yenom"))
            #expect(
                Self.escapeSequences(in: text).allSatisfy {
                    $0.range(of: #"^\x1B\[[0-9;]*m$"#, options: .regularExpression) != nil
                })
            #expect(!text.unicodeScalars.contains { [0x07, 0x9B, 0x202E].contains($0.value) })
            #expect(lines.allSatisfy { $0.terminalColumns <= 80 })
        }
    }

    @Test func lineModeShowsAHostileGlossWithoutObeyingIt() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        do {
            let database = try StudyDatabase.open(at: path)
            try database.importDeck(Self.deck, at: Self.morning)
        }

        let result = try BuiltProgram.run(
            [
                "--db", path, "--as", "ana", "--deck", "hostile", "--new", "1", "--only",
                "recognition",
            ],
            input: "\n3\n")

        #expect(result.status == 0)
        #expect(result.output.contains("to pay␛]52;c;ZXZpbA==␇␛[2J"))
        #expect(result.output.contains("Answered 1 card"))
        #expect(!result.output.unicodeScalars.contains { [0x07, 0x1B, 0x9B].contains($0.value) })

        let list = try BuiltProgram.run(["deck", "list", "--db", path], input: "")
        #expect(list.output.contains("Hostile␛[2J"))
        #expect(list.output.contains("hostile␛[31m.tsv"))
        #expect(!list.output.unicodeScalars.contains("\u{1B}"))
    }

    @Test func anAssociateNamedWithAnOverrideIsRefusedAndAnOldOneIsShown() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path

        let refused = try BuiltProgram.run(
            ["associate", "add", "eve", "--display-name", "Eve \u{202E}evil", "--db", path],
            input: "")
        #expect(refused.status != 0)
        #expect(
            refused.output.contains(
                "--display-name holds a right-to-left override (U+202E), which a terminal would"
                    + " obey rather than show; remove it."))
        let study = try BuiltProgram.run(["--db", path, "--as", "eve\u{1B}[2J"], input: "q\n")
        #expect(study.status != 0)
        #expect(study.output.contains("The associate's name holds an escape character (U+001B)"))
        let badName = try BuiltProgram.run(
            ["associate", "add", "eve\u{202E}", "--db", path], input: "")
        #expect(badName.status != 0)
        #expect(badName.output.contains("eve<U+202E>"))
        #expect(!badName.output.unicodeScalars.contains("\u{202E}"))

        // One stored before names were checked is listed shown, its columns still aligned.
        do {
            let database = try StudyDatabase.open(at: path)
            _ = try database.registerAssociate(
                named: "eve", displayName: "Eve \u{202E}evil\u{1B}[2J", timeZone: "UTC",
                at: Self.morning)
            _ = try database.registerAssociate(
                named: "ben", displayName: "Ben", timeZone: "UTC", at: Self.morning)
        }
        let list = try BuiltProgram.run(["associate", "list", "--db", path], input: "")
        #expect(list.status == 0)
        #expect(!list.output.unicodeScalars.contains { [0x1B, 0x202E].contains($0.value) })
        let lines = list.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("Eve <U+202E>evil␛[2J") })
        let zones = lines.map { $0.range(of: "UTC").map { $0.lowerBound } }
        let columns = zones.enumerated().compactMap { index, zone in
            zone.map { String(lines[index][..<$0]).terminalColumns }
        }
        #expect(columns.count == 2)
        #expect(Set(columns).count == 1)
    }
}
