import ArgumentParser
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi doctor [--repair]`: checks the database and can rebuild card states.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check the database, and rebuild card states from the answers.",
            discussion: """
                Checks the file's integrity (every page, row and constraint; with --thorough \
                also every index against its rows), rows that point nowhere, the schema \
                version, that every card state is what replaying the associate's answers gives, \
                and that the tally `lianxi stats` reads is the count of those answers. The \
                exit status is 0 when all is well and 1 when something is wrong. With \
                --repair, the card states and the tally of each associate found wrong are \
                rebuilt from the answers, one transaction each, once the file's check has \
                found no damage (the answers are the record; nothing else changes).
                """)

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Rebuild card states and the statistics' tally from the review log.")
        var repair = false

        @Flag(
            help: ArgumentHelp(
                "Also check every index entry against its row (PRAGMA integrity_check).",
                discussion: "Slower: about three times the rest of the check on a large log."))
        var thorough = false

        @Option(
            name: .customLong("as"),
            help: ArgumentHelp("Replay only this associate's cards.", valueName: "name"))
        var associate: String?

        func run() throws {
            let path = database.resolvedPath
            guard FileManager.default.fileExists(atPath: path) else {
                printError(
                    "There is no database at \(path) yet: nothing to check. "
                        + "Run `lianxi` to create it, or point --db at the file.")
                throw ExitCode.failure
            }
            let store = try database.open()
            if let associate, try store.associate(named: associate) == nil {
                printError("There is no associate \"\(associate)\" in \(path).")
                throw ExitCode.failure
            }
            guard repair else {
                let checkup = try Checkup.examine(store, only: associate, thorough: thorough)
                checkup.lines.forEach { Console.print($0) }
                if !checkup.isHealthy { throw ExitCode.failure }
                return
            }
            let outcome: Checkup.Repair
            do {
                outcome = try Checkup.examineAndRepair(
                    store, only: associate, thorough: thorough)
            } catch let refused as Checkup.RepairRefused {
                // Refused before anything was written: report what the check sees, then why.
                try Checkup.examine(store, only: associate, thorough: thorough).lines.forEach {
                    Console.print($0)
                }
                printError(refused.description)
                throw ExitCode.failure
            }
            outcome.checkup.lines.forEach { Console.print($0) }
            guard !outcome.checkup.isHealthy else { return }
            guard outcome.checkup.problems.contains(where: \.isRepairable) else {
                throw ExitCode.failure
            }
            if outcome.checkup.problems.contains(where: \.isStateProblem) {
                let rebuilt = outcome.cardsRebuilt
                Console.print(
                    "Rebuilt \(rebuilt) card state\(rebuilt == 1 ? "" : "s") from the answers.")
            }
            if outcome.checkup.problems.contains(where: \.isTallyProblem) {
                let recounted = outcome.quarterHoursRecounted
                Console.print(
                    "Recounted \(recounted) quarter hour\(recounted == 1 ? "" : "s") of the "
                        + "statistics' tally from the answers.")
            }
            if outcome.remaining.isEmpty {
                Console.print("All is well now.")
            } else {
                outcome.remaining.forEach { Console.print("Still wrong: \($0)") }
                throw ExitCode.failure
            }
        }
    }
}

extension Checkup.Problem {
    /// Whether card states differ from the answers.
    fileprivate var isStateProblem: Bool {
        if case .stateDiffersFromLog = self { true } else { false }
    }

    /// Whether the statistics' tally differs from the answers.
    fileprivate var isTallyProblem: Bool {
        if case .tallyDiffersFromLog = self { true } else { false }
    }
}
