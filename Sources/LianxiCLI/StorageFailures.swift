import ArgumentParser
import Foundation
import Storage

/// A command that works on the study database at a path.
protocol DatabaseCommand {
    /// The database file this run uses.
    var databasePath: String { get }
}

extension Lianxi {
    /// Parses and runs the command; a full disk, a read-only file or a damaged one met in the
    /// middle of a command gets the same plain message as when opening the database.
    static func main() async {
        var parsed = false
        do {
            var command = try parseAsRoot()
            parsed = true
            do {
                // `sync` and `deck publish` wait on the network; every other command is plain.
                if var waiting = command as? any AsyncParsableCommand {
                    try await waiting.run()
                } else {
                    try command.run()
                }
            } catch {
                guard let path = (command as? any DatabaseCommand)?.databasePath,
                    let explained = StorageError(explaining: error, databaseAt: path)
                else { throw error }
                throw explained
            }
        } catch {
            // As ArgumentParser's exit(withError:) prints it, but through the Console: a
            // message may quote a file name or a value from a file.
            let code = exitCode(for: error)
            var message = fullMessage(for: error)
            if !parsed, code == .validationFailure,
                let hint = commandFirstHint(for: Array(CommandLine.arguments.dropFirst()))
            {
                message += "\n" + hint
            }
            if !message.isEmpty {
                if code == .success {
                    Console.print(message)
                } else {
                    Console.printError(message)
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

extension Lianxi.Review: DatabaseCommand {
    var databasePath: String { options.database.resolvedPath }
}

extension Lianxi.Doctor: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.Deck.List: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.Deck.Import: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.Deck.Export: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.Report: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.Status: DatabaseCommand {
    var databasePath: String { options.database.resolvedPath }
}

extension Lianxi.Stats: DatabaseCommand {
    var databasePath: String { options.database.resolvedPath }
}

extension Lianxi.Optimize: DatabaseCommand {
    var databasePath: String { options.database.resolvedPath }
}

extension Lianxi.Simulate: DatabaseCommand {
    var databasePath: String { options.database.resolvedPath }
}

extension Lianxi.ExportCommand.Reviews: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.ExportCommand.Bundle: DatabaseCommand {
    var databasePath: String { options.database.resolvedPath }
}

extension Lianxi.ImportCommand.Bundle: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.AssociateCommand.Add: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.AssociateCommand.List: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}

extension Lianxi.AssociateCommand.Change: DatabaseCommand {
    var databasePath: String { database.resolvedPath }
}
