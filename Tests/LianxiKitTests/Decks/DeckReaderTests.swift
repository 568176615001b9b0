import Foundation
import Storage
import Testing

@testable import LianxiKit

@Suite struct DeckReaderTests {
    @Test(arguments: [
        ("words.csv", DeckFormat.tabular), ("words.tsv", .tabular),
        ("words-semicolon.csv", .tabular),
        ("anki-notes.txt", .ankiText), ("anki-columns.txt", .ankiText), ("pleco.txt", .pleco),
        ("pleco-traditional.txt", .pleco), ("lianxi-numbered.tsv", .lianxi),
        ("legacy.apkg", .ankiPackage), ("not-anki.apkg", .ankiPackage),
        ("not-a-zip.apkg", .ankiPackage), ("no-hanzi-column.csv", .tabular),
    ])
    func formatComesFromNameAndContents(name: String, format: DeckFormat) throws {
        #expect(DeckFormat.of(fileName: name, contents: try Fixture.data(name)) == format)
    }

    @Test func ourFileWithAWrongColumnsHeaderIsStillOurs() throws {
        // So the trainer hears what is wrong with it rather than getting Anki's looser rules.
        let text = "#separator:tab\n#title:Mine\n#columns:id\thanzi\n"
        #expect(DeckFormat.of(fileName: "mine.tsv", contents: Data(text.utf8)) == .lianxi)
    }

    @Test func shippedDecksAreOurFormat() throws {
        for name in Fixture.shippedDecks {
            let data = try Data(contentsOf: Fixture.decksFolder.appendingPathComponent(name))
            #expect(DeckFormat.of(fileName: name, contents: data) == .lianxi, "\(name)")
        }
    }

    @Test func readsAFileFromDisk() throws {
        let path = try Fixture.path("lianxi-numbered.tsv")
        let deck = try DeckReader.read(fileAt: path)
        #expect(deck.notes.map(\.key) == ["tst-001", "tst-002"])
        #expect(deck.metadata.slug == "lianxi-numbered")
    }

    @Test func headerlessTabSeparatedWordsAreReadAsPleco() throws {
        let text = "支付\tzhi1fu4\tto pay\n银行\tyin2hang2\tbank\n"
        let deck = try DeckReader.read(Data(text.utf8), file: "words.tsv")
        #expect(deck.notes.map(\.pinyin) == ["zhīfù", "yínháng"])
    }

    @Test func utf16WithByteOrderMarkIsRead() throws {
        let deck = try DeckReader.read(Fixture.data("utf16.csv"), file: "utf16.csv")
        #expect(
            deck.notes == [
                NoteContent(key: "支付 zhi1fu4", hanzi: "支付", pinyin: "zhīfù", english: "to pay")
            ])
    }

    @Test(arguments: [
        (
            "empty.csv",
            [
                "empty.csv: The file is empty: it holds no notes. Check that you picked the right"
                    + " file and that it was saved."
            ]
        ),
        (
            "binary.csv",
            [
                "binary.csv:3: The file holds binary data (a zero byte on this line), so it is not"
                    + " a text deck. Export the deck as CSV, TSV or text, or as an Anki package"
                    + " (.apkg)."
            ]
        ),
        (
            "latin1.csv",
            [
                "latin1.csv:2: This line is not UTF-8 text (byte 0xE9 at byte 13 of the line)."
                    + " Save the file as UTF-8: in Excel choose “CSV UTF-8”, in LibreOffice the"
                    + " character set “Unicode (UTF-8)”, in a text editor the encoding UTF-8.",
                "latin1.csv:4: This line is not UTF-8 text (byte 0xE0 at byte 16 of the line).",
            ]
        ),
        (
            "gbk.csv",
            [
                "gbk.csv:2: This line is not UTF-8 text (byte 0xB8 at byte 3 of the line). Save"
                    + " the file as UTF-8: in Excel choose “CSV UTF-8”, in LibreOffice the"
                    + " character set “Unicode (UTF-8)”, in a text editor the encoding UTF-8."
            ]
        ),
    ])
    func unreadableFilesAreReportedClearly(name: String, expected: [String]) throws {
        let data = try Fixture.data(name)
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(data, file: name)
        }
        expectProblems(error, expected)
    }

    @Test func hugeLineIsReportedNotRead() {
        // Given a 100 KiB line between two good ones.
        let text =
            "hanzi,pinyin,english\n支付,zhi1fu4,\(String(repeating: "x", count: 100 * 1024))\n银行,yin2hang2,bank\n"
        // When
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(Data(text.utf8), file: "long.csv")
        }
        // Then
        expectProblems(
            error,
            [
                "long.csv:2: This line is 102415 bytes long; a deck line is at most 64 KiB. Is this"
                    + " really a deck file?"
            ])
    }

    @Test func whitespaceOnlyFileIsEmpty() {
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(Data("\u{FEFF}\n \r\n\t\n".utf8), file: "blank.tsv")
        }
        #expect(error?.problems.first?.message.hasPrefix("The file is empty") == true)
    }

    @Test func missingFileAndFolderAreReported() throws {
        let missing = #expect(throws: DeckProblems.self) {
            try DeckReader.read(fileAt: "/nonexistent/words.csv")
        }
        expectProblems(
            missing, ["/nonexistent/words.csv: There is no file here. Check the path and the name."]
        )
        let folder = URL(fileURLWithPath: try Fixture.path("anki")).path
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(fileAt: folder)
        }
        expectProblems(error, ["\(folder): This is a folder; name a deck file inside it."])
    }

    @Test func emptyDeckIsAProblem() {
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(Data("hanzi,pinyin,english\n".utf8), file: "w.csv")
        }
        expectProblems(
            error,
            ["w.csv: The file has no notes: nothing to import. Check that it is the right file."])
    }
}
