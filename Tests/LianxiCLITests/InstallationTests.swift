import Foundation
import Testing

/// What the release script packages comes from the program itself: its version, its shell
/// completions and the help its man pages are made from.
struct InstallationTests {
    @Test func theVersionIsThreeNumbers() throws {
        let result = try BuiltProgram.run(["--version"], input: "")
        #expect(result.status == 0)
        let parts = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(result.output)")
    }

    @Test(arguments: [
        ("bash", "complete -o filenames -F _lianxi lianxi"), ("zsh", "#compdef lianxi"),
        ("fish", "complete -c 'lianxi'"),
    ])
    func completionsNameEveryCommand(shell: String, marker: String) throws {
        let result = try BuiltProgram.run(["--generate-completion-script", shell], input: "")
        #expect(result.status == 0)
        #expect(result.output.contains(marker))
        for command in ["review", "status", "stats", "deck", "associate", "report", "doctor"] {
            #expect(result.output.contains(command), "\(shell) completion lacks \(command)")
        }
    }

    @Test func theHelpDumpThatManPagesAreMadeFromListsTheCommands() throws {
        let result = try BuiltProgram.run(["--experimental-dump-help"], input: "")
        #expect(result.status == 0)
        let dump = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        let command = try #require((dump as? [String: Any])?["command"] as? [String: Any])
        let names = (command["subcommands"] as? [[String: Any]] ?? []).compactMap {
            $0["commandName"] as? String
        }
        #expect(names.contains("review") && names.contains("doctor"), "\(names)")
    }
}
