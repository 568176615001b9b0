import Foundation
import Testing

@testable import LianxiCLI

/// Options written before a command's name: the refusal says how to write it.
@Suite struct CommandFirstHintTests {
    @Test(
        arguments: [
            (["--db", "x.sqlite", "doctor"], "lianxi doctor --db x.sqlite"),
            (["--db", "my db.sqlite", "deck", "list"], "lianxi deck list --db 'my db.sqlite'"),
            (["--db", "it's.sqlite", "status"], #"lianxi status --db 'it'\''s.sqlite'"#),
            (["--db", "练习.sqlite", "stats"], "lianxi stats --db '练习.sqlite'"),
            // "status" is the value of --as here: the command is the name that parses
            (["--as", "status", "doctor"], "lianxi doctor --as status"),
            (["--db", "x", "review", "--new", "3"], "lianxi review --new 3 --db x"),
        ])
    func theWordsAreShownWithTheCommandFirst(arguments: [String], suggested: String) {
        #expect(
            Lianxi.commandFirstHint(for: arguments)
                == "Options go after the command's name: " + suggested)
    }

    @Test(
        arguments: [
            ["doctor", "--db", "x"],  // the command is first already
            ["--bogus"],  // no command at all
            ["--db", "x", "frobnicate"],  // not a command's name
            ["--db", "x", "doctor", "--frobnicate"],  // moved first, it still does not parse
            [],
        ])
    func noLineWhenMovingACommandFirstDoesNotHelp(arguments: [String]) {
        #expect(Lianxi.commandFirstHint(for: arguments) == nil)
    }

    @Test func theWholeProgramRefusesAndSuggests() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let refused = try BuiltProgram.run(["--db", path, "doctor"], input: "")
        #expect(refused.status == 64)
        #expect(refused.output.contains("Unexpected argument 'doctor'"))
        #expect(
            refused.output.contains(
                "Options go after the command's name: lianxi doctor --db \(path)"))
        // and nothing was created
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
