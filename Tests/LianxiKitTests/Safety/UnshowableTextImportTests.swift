import CohortReporting
import Foundation
import Storage
import TestSupport
import Testing

@testable import LianxiKit

/// Text a terminal would obey rather than show (escape sequences, C1 controls, bidirectional
/// overrides) is refused wherever it enters: deck files of every format, associate names, bundles.
@Suite struct UnshowableTextImportTests {
    /// A deck file in one format with a hostile cell, and the problem it must get.
    struct HostileFile: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let problem: String

        var testDescription: String { name }
    }

    static let files: [HostileFile] = [
        HostileFile(
            name: "clipboard.csv",
            text:
                "hanzi,pinyin,english\n支付,zhi1fu4,to pay\n银行,yin2hang2,bank\u{1B}]52;c;ZXZpbA==\u{07}\n",
            problem: "clipboard.csv:3: The English holds an escape character (U+001B), which a"
                + " terminal would obey rather than show; remove it."),
        HostileFile(
            name: "clear.txt",
            text: "支付\tzhi1fu4\tto pay\u{1B}[2J\n",
            problem: "clear.txt:1: The English holds an escape character (U+001B), which a"
                + " terminal would obey rather than show; remove it."),
        HostileFile(
            name: "anki.txt",
            text: "#separator:tab\n#html:false\n支付\tzhi1fu4\tto pay\u{9B}2J\n",
            problem: "anki.txt:3: The English holds a control sequence introducer (U+009B),"
                + " which a terminal would obey rather than show; remove it."),
        HostileFile(
            name: "reversed.csv",
            text: "hanzi,pinyin,english,tags\n支付,zhi1fu4,to pay,pay\u{202E}ment\n",
            problem: "reversed.csv:2: The tags holds a right-to-left override (U+202E), which a"
                + " terminal would obey rather than show; remove it."),
        HostileFile(
            name: "link.csv",
            text: "hanzi,pinyin,english\n支\u{1B}]8;;http://x\u{1B}\\付,zhi1fu4,to pay\n",
            problem: "link.csv:2: The hanzi holds an escape character (U+001B), which a terminal"
                + " would obey rather than show; remove it."),
    ]

    @Test(arguments: files)
    func aDeckCellWithAControlSequenceIsRefusedWithItsLine(_ file: HostileFile) {
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(Data(file.text.utf8), file: file.name)
        }
        #expect(error?.problems.map(\.description).contains(file.problem) == true)
    }

    @Test func aTitleWithAnEscapeIsRefused() {
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(
                Data("hanzi,pinyin,english\n支付,zhi1fu4,to pay\n".utf8), file: "pay.csv",
                options: DeckReadOptions(title: "Pay\u{1B}[2J"))
        }
        #expect(
            error?.problems.map(\.description) == [
                "pay.csv: The title holds an escape character (U+001B), which a terminal would"
                    + " obey rather than show; remove it."
            ])
    }

    @Test func aPackageNoteWithAnEscapeIsRefused() {
        let collection = AnkiCollection(
            schemaVersion: 18,
            noteTypes: [
                7: .init(id: 7, name: "Chinese", fieldNames: ["Hanzi", "Pinyin", "Meaning"])
            ],
            notes: [
                .init(
                    id: 1, guid: "a", noteTypeID: 7, fields: ["支付", "zhi1fu4", "to pay\u{1B}[2J"],
                    tags: [])
            ],
            deckNames: [])
        let error = #expect(throws: DeckProblems.self) {
            try AnkiPackage.deck(from: collection, file: "a.apkg", options: DeckReadOptions())
        }
        #expect(
            error?.problems.map(\.description) == [
                "a.apkg: note 1: The English holds an escape character (U+001B), which a terminal"
                    + " would obey rather than show; remove it."
            ])
    }

    @Test func aMultiLineCellOfAForeignFileIsOneLine() throws {
        let deck = try DeckReader.read(
            Data("hanzi,pinyin,english\n支付,zhi1fu4,\"to pay;\r\n\tto settle\"\n".utf8),
            file: "lines.csv")
        #expect(deck.notes.map(\.english) == ["to pay; to settle"])
    }

    @Test(arguments: ["Ana\u{202E}evil", "Ana\u{1B}[2J", "Ana\u{9B}31m", "Ana\u{2066}x"])
    func aDisplayNameWithAControlIsRefused(_ name: String) throws {
        let problems = AssociateSettings(displayName: name).problems
        let scalar = try #require(name.unicodeScalars.first { !$0.isASCII || $0.value < 0x20 })
        #expect(problems == [.unshowableDisplayName(scalar)])
        #expect(problems.first?.description.hasPrefix("--display-name holds ") == true)
    }

    @Test(arguments: ["ana\u{202E}", "ana\u{1B}", "\u{2067}ana", "ana\u{7F}"])
    func anAssociateNameWithAControlIsRefused(_ name: String) {
        #expect(!AssociateSettings.isValidName(name))
    }

    @Test func aBundleWithAReversingDisplayNameIsRefused() throws {
        let database = try StudyDatabase.inMemory()
        // Stored as an older Lianxi would have let it be.
        _ = try database.registerAssociate(
            named: "eve", displayName: "Eve \u{202E}evil", timeZone: "UTC",
            at: .utc(2026, 11, 1))
        let data = try #require(
            try ProgressBundle.make(for: "eve", from: database, at: .utc(2026, 11, 2))
        ).encoded()
        let error = try #require(throws: BundleProblem.self) {
            try ProgressBundle.decode(data, file: "eve.json", readAt: .utc(2026, 11, 3))
        }
        #expect(error.description.hasPrefix("eve.json: "))
        #expect(error.description.contains("display_name holds a right-to-left override (U+202E)"))
    }

    @Test func theReportIsolatesEveryNameAndDropsUnpairedOverrides() throws {
        let database = try StudyDatabase.inMemory()
        _ = try database.registerAssociate(
            named: "eve", displayName: "Eve \u{202E}evil\u{1B}[2J", timeZone: "UTC",
            at: .utc(2026, 11, 1))
        _ = try database.registerAssociate(
            named: "zoe", displayName: "Zoe \u{202B}عربي\u{202C}", timeZone: "UTC",
            at: .utc(2026, 11, 1))
        let snapshot = try database.studySnapshot()
        let html = CohortReport(snapshot: snapshot, now: .utc(2026, 11, 2)).html()
        // The override that reversed the rest of the cell is gone; the paired embedding stays.
        #expect(!html.unicodeScalars.contains("\u{202E}"))
        #expect(!html.unicodeScalars.contains("\u{1B}"))
        #expect(
            html.contains("<td><bdi>Eve evil\u{FFFD}[2J</bdi> <small>(<bdi>eve</bdi>)</small></td>")
        )
        #expect(html.contains("<bdi>Zoe \u{202B}عربي\u{202C}</bdi>"))
    }
}
