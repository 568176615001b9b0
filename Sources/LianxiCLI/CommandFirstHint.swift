import ArgumentParser
import Foundation

extension Lianxi {
    /// The line that helps with `lianxi --db x.sqlite doctor`, or `nil` when it does not apply.
    ///
    /// Options written before a command belong to the command `lianxi` runs without one (the
    /// review), so ArgumentParser refuses the command's name as an unexpected argument. When
    /// the words start with an option and the same words with a command's name moved first
    /// parse, the line shows them, quoted for the shell.
    static func commandFirstHint(for arguments: [String]) -> String? {
        guard arguments.first?.hasPrefix("-") == true else { return nil }
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName })
        for command in arguments.indices.dropFirst() where names.contains(arguments[command]) {
            let reordered = Array(arguments[command...] + arguments[..<command])
            guard parses(reordered) else { continue }
            return "Options go after the command's name: lianxi "
                + reordered.map(shellQuoted).joined(separator: " ")
        }
        return nil
    }

    /// Whether `arguments` parse as a command (nothing runs).
    private static func parses(_ arguments: [String]) -> Bool {
        do {
            _ = try parseAsRoot(arguments)
            return true
        } catch {
            return false
        }
    }

    /// `word` as a POSIX shell reads it back: plain when it holds only characters the shell
    /// leaves alone, otherwise in single quotes (a single quote inside written `'\''`).
    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy(shellPlain.contains)
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The characters a POSIX shell takes literally in a word.
    private static let shellPlain = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,".unicodeScalars)
}
