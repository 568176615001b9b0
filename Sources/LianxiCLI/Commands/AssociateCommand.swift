import ArgumentParser
import ChineseText
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi associate`: the people who study, and their settings.
    struct AssociateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "associate",
            abstract: "Add, list and change associates and their settings.",
            subcommands: [Add.self, List.self, Change.self],
            defaultSubcommand: List.self)
    }
}

/// The settings an associate can be given on the command line.
struct AssociateSettingsOptions: ParsableArguments {
    @Option(help: "The name shown on screen (default: the name).")
    var displayName: String?

    @Option(help: "An IANA time zone, e.g. Asia/Shanghai (default: this machine's).")
    var timeZone: String?

    @Option(help: "The local hour, 0-23, at which a new study day starts (default 4).")
    var rolloverHour: Int?

    @Option(
        help: "The chance of recall to aim for, 0.70-0.99 (default 0.90; 0.75-0.97 is sensible).")
    var retention: Double?

    @Option(help: "New cards per day, 0-9999 (default 20).")
    var newPerDay: Int?

    @Option(help: "Reviews per day at most, 0-99999 (default 200).")
    var reviewsPerDay: Int?

    @Option(help: "The scheduling algorithm: fsrs or sm2 (default fsrs).")
    var scheduler: SchedulerKind?

    @Option(help: "Tone colours: pleco, dummitt, hanping or plain (default pleco).")
    var palette: TonePalette?

    @Option(help: "What happens to a leech: tag or suspend (default tag).")
    var leechAction: LeechAction?

    @Option(help: "Play each word when its answer is shown: on or off (default off).")
    var playAudio: OnOff?

    @Option(help: "Study listening cards (hear the word, type it): on or off (default off).")
    var listening: OnOff?

    @Flag(help: "Use FSRS's default parameters again, forgetting fitted or unreadable ones.")
    var defaultParameters = false

    var settings: AssociateSettings {
        AssociateSettings(
            displayName: displayName, timeZone: timeZone, rolloverHour: rolloverHour,
            desiredRetention: retention, newCardsPerDay: newPerDay,
            maxReviewsPerDay: reviewsPerDay, scheduler: scheduler, tonePalette: palette,
            leechAction: leechAction, playsAudio: playAudio?.isOn,
            studiesListening: listening?.isOn, defaultParameters: defaultParameters)
    }

    /// Throws every out-of-range value at once.
    func validate() throws {
        let problems = settings.problems
        guard problems.isEmpty else {
            throw ValidationError(problems.map(\.description).joined(separator: "\n"))
        }
    }
}

extension SchedulerKind: ExpressibleByArgument {}
extension TonePalette: ExpressibleByArgument {}
extension LeechAction: ExpressibleByArgument {}

/// A setting's `on` or `off` on the command line.
enum OnOff: String, CaseIterable, ExpressibleByArgument {
    case on, off

    var isOn: Bool { self == .on }
}

extension Lianxi.AssociateCommand {
    /// `lianxi associate add NAME`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Register an associate.",
            discussion: "Settings not given take the defaults; `associate set` changes them.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The associate's name: one word, as they will type it after --as.")
        var name: String

        @OptionGroup var options: AssociateSettingsOptions

        func validate() throws {
            guard AssociateSettings.isValidName(name) else {
                throw ValidationError(
                    "\"\(name)\" cannot name an associate: use one word without spaces, "
                        + "at most 64 characters, not starting with -.")
            }
        }

        func run() throws {
            options.settings.warnings.forEach { printError("Warning: \($0)") }
            let store = try database.open()
            let added = try AssociateDirectory.add(
                name, settings: options.settings,
                defaultTimeZone: AssociateDirectory.machineTimeZone, into: store, at: Date())
            guard let added else {
                throw CommandRefusal(
                    "There is already an associate \"\(name)\"; "
                        + "`lianxi associate set \(name) ...` changes their settings.")
            }
            Console.print("Added \(added.name) (\(added.displayName)).")
            Console.print(AssociateDirectory.table([added]), terminator: "")
        }
    }

    /// `lianxi associate list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the associates and their settings.")

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Print JSON (sorted keys) instead of a table.")
        var json = false

        func run() throws {
            let associates = try database.open().associates()
            if json {
                Console.printData(
                    String(decoding: try AssociateDirectory.json(associates), as: UTF8.self) + "\n")
            } else if associates.isEmpty {
                Console.print(
                    "No associates yet. `lianxi associate add NAME` registers one; "
                        + "`lianxi --as NAME` registers and starts studying.")
            } else {
                Console.print(AssociateDirectory.table(associates), terminator: "")
            }
        }
    }

    /// `lianxi associate set NAME`.
    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change an associate's settings.",
            discussion: """
                Changing the scheduler, the desired retention, the time zone or the rollover \
                hour reschedules the associate's cards from their review history.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The associate's name (see `lianxi associate list`).")
        var name: String

        @OptionGroup var options: AssociateSettingsOptions

        func validate() throws {
            guard !options.settings.isEmpty else {
                throw ValidationError(
                    "Say what to change, e.g. --retention 0.85; "
                        + "`lianxi associate set --help` lists the settings.")
            }
        }

        func run() throws {
            options.settings.warnings.forEach { printError("Warning: \($0)") }
            let store = try database.open()
            guard
                let change = try AssociateDirectory.set(
                    name, to: options.settings, in: store)
            else {
                let known = try store.associates().map(\.name)
                throw CommandRefusal(
                    "There is no associate \"\(name)\". "
                        + (known.isEmpty
                            ? "`lianxi associate add \(name)` registers them."
                            : "Associates: \(known.joined(separator: ", ")).")
                )
            }
            AssociateDirectory.describe(change).forEach { Console.print($0) }
        }
    }
}
