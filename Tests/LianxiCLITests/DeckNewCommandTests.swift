import Foundation
import Testing

/// A trainer turns a word list into a deck with `lianxi deck new`, fixes what the dictionary
/// left undecided, imports it; an associate studies it and opens the card info.
@Suite struct DeckNewCommandTests {
    @Test func aWordListBecomesADraftThatImportsOnlyOnceTheTrainerHasChosen() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let words = folder.appendingPathComponent("words.txt").path
        let draft = folder.appendingPathComponent("draft.tsv").path
        let database = folder.appendingPathComponent("lianxi.sqlite").path
        try "1\t银行\n2\t长\n3\t会计\n4\t等<动>\n5\t魑魅魍魉鬼\n".write(
            toFile: words, atomically: true, encoding: .utf8)

        let made = try BuiltProgram.run(
            ["deck", "new", "--from", words, "--title", "Test words", "--out", draft], input: "")
        #expect(made.status == 0)
        #expect(made.output.contains("draft.tsv: a draft of 5 notes from \(words); 3 filled"))
        #expect(made.output.contains("\(words):2: 长 has several readings"))
        #expect(made.output.contains("(in the draft: \(draft):9)"))
        #expect(made.output.contains("\(words):5: 魑魅魍魉鬼 is not in CC-CEDICT"))
        let text = try String(contentsOfFile: draft, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines[7]
                == "draft-001\t银行\t銀行\tyínháng\tbank\tnoun\t家 jiā; 个 gè\t\t\t\t2\tfilled-by-dictionary"
        )
        #expect(
            lines[8].hasPrefix(
                "draft-002\t长\t長\tcháng | zhǎng\tcháng: length; long | zhǎng: chief; head\t"))
        #expect(lines[10].hasPrefix("draft-004\t等\t等\tděng\tto wait for; to await\tverb\t"))

        // Imported as it is, the draft is refused: nothing undecided slips through.
        let refused = try BuiltProgram.run(["deck", "import", "--db", database, draft], input: "")
        #expect(refused.status == 1)
        #expect(refused.output.contains("\(draft):9: The pinyin still offers several readings"))
        #expect(refused.output.contains("\(draft):12: 魑魅魍魉鬼 is not in CC-CEDICT"))
        #expect(refused.output.contains("Nothing was imported"))

        // The trainer chooses cháng, gives 会计 its part of speech and drops the unknown word.
        let edited = lines.compactMap { line -> String? in
            var cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(
                String.init)
            guard cells.count == 12 else { return line }
            switch cells[1] {
            case "长": (cells[3], cells[4], cells[5]) = ("cháng", "long; length", "adjective")
            case "会计": cells[5] = "noun"
            case "魑魅魍魉鬼": return nil
            default: break
            }
            return cells.joined(separator: "\t")
        }
        try (edited.joined(separator: "\n") + "\n").write(
            toFile: draft, atomically: true, encoding: .utf8)
        let imported = try BuiltProgram.run(["deck", "import", "--db", database, draft], input: "")
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("→ draft (new deck): 4 added"))

        // An associate studies it and presses i: the word's entry and each character's.
        let terminal = try PseudoTerminalSession([
            "--db", database, "--as", "ana", "--deck", "draft",
        ])
        #expect(terminal.waitFor("Space or Enter shows the answer"))
        terminal.clear()
        terminal.type("i")
        #expect(terminal.waitFor("Press any key to go back"))
        #expect(terminal.screen.contains("CC-CEDICT"))
        #expect(terminal.screen.contains("银行 銀行  yínháng  bank · measure words: 家 jiā, 个 gè"))
        #expect(terminal.screen.contains("行  xíng  to walk"))
        terminal.type("q")
        terminal.type("q")
        _ = terminal.waitForExit()
    }

    @Test func aDraftIsNeverWrittenOverAnExistingFile() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let words = folder.appendingPathComponent("words.txt").path
        let draft = folder.appendingPathComponent("draft.tsv").path
        try "银行\n".write(toFile: words, atomically: true, encoding: .utf8)
        try "my edits\n".write(toFile: draft, atomically: true, encoding: .utf8)
        let result = try BuiltProgram.run(
            ["deck", "new", "--from", words, "--title", "T", "--out", draft], input: "")
        #expect(result.status != 0)
        #expect(result.output.contains("already exists"))
        #expect(try String(contentsOfFile: draft, encoding: .utf8) == "my edits\n")
    }

    @Test func aDraftWithoutTheDictionaryIsRefusedNotIgnored() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let words = folder.appendingPathComponent("words.txt").path
        let draft = folder.appendingPathComponent("draft.tsv").path
        try "银行\n".write(toFile: words, atomically: true, encoding: .utf8)
        let result = try BuiltProgram.run(
            ["deck", "new", "--from", words, "--title", "T", "--out", draft, "--no-dictionary"],
            input: "")
        #expect(result.status != 0)
        #expect(result.output.contains("--no-dictionary"))
        #expect(!FileManager.default.fileExists(atPath: draft))
    }
}
