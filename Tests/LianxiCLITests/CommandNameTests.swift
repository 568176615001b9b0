import ArgumentParser
import Testing

@testable import LianxiCLI

/// Every command names itself: without a name, ArgumentParser derives one from the type's name
/// at every start, by reflection, which took about half of the parsing of `deck import`.
@Suite struct CommandNameTests {
    /// The root command and every command under it.
    static func commands(under root: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
        [root] + root.configuration.subcommands.flatMap { commands(under: $0) }
    }

    @Test func everyCommandHasItsNameInItsConfiguration() {
        let commands = Self.commands(under: Lianxi.self)
        #expect(commands.count > 20)
        for command in commands {
            #expect(command.configuration.commandName != nil, "\(command) has no commandName")
        }
    }

    /// The commands named before as ArgumentParser names a type (`Import` → `import`) keep
    /// that name; the others had theirs in their configuration already.
    @Test func theNamesAreTheOnesTheTypeNamesGave() {
        let namedBefore: Set<String> = [
            "Lianxi", "ExportCommand", "ImportCommand", "AssociateCommand", "Change",
        ]
        for command in Self.commands(under: Lianxi.self) {
            let typeName = String(describing: command)
            guard !namedBefore.contains(typeName) else { continue }
            #expect(command.configuration.commandName == typeName.lowercased())
        }
    }
}
