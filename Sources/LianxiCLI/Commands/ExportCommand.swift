import ArgumentParser
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi export`: the review log and progress bundles, for use elsewhere.
    struct ExportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the review log, or one associate's progress as a bundle.",
            subcommands: [Reviews.self, Bundle.self])
    }

    /// `lianxi import`: progress bundles from other databases.
    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Merge progress bundles into this database.",
            subcommands: [Bundle.self])
    }
}

/// The formats `export reviews` writes.
enum ReviewExportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv
}

extension Lianxi.ExportCommand {
    /// `lianxi export reviews`.
    struct Reviews: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reviews",
            abstract: "Write the review log, one row per answer (columns in docs/EXPORTS.md).",
            discussion: """
                Every associate's answers, or one associate's with --associate, ordered by \
                associate, time and answer id; times in UTC ISO-8601. Cells that a spreadsheet \
                would run as a formula are neutralised.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Only this associate's answers.")
        var associate: String?

        @Option(help: "The format: csv.")
        var format: ReviewExportFormat = .csv

        @Option(help: "Write to this file (atomically) instead of the screen.")
        var out: String?

        @Option(
            help: ArgumentHelp(
                "Only answers from this study day on, YYYY-MM-DD (each associate's own day, in "
                    + "their time zone from the hour it starts, as `lianxi report --since` "
                    + "counts), or from this moment, YYYY-MM-DDTHH:MM:SSZ (UTC).",
                valueName: "date"))
        var since: String?

        func validate() throws {
            if let since, ExportStart(parsing: since) == nil {
                throw ValidationError(
                    "--since \"\(since)\" is not a date: use YYYY-MM-DD (a study day) or "
                        + "YYYY-MM-DDTHH:MM:SSZ (a moment in UTC), e.g. 2026-11-01.")
            }
        }

        func run() throws {
            let store = try database.open()
            if let associate, try store.associate(named: associate) == nil {
                let known = try store.associates().map(\.name)
                throw CommandRefusal(
                    "There is no associate \"\(associate)\". Associates: "
                        + (known.isEmpty ? "none yet." : known.joined(separator: ", ") + "."))
            }
            let count = try OutputFile.stream(to: out) { output in
                try ReviewExport.writeCSV(
                    from: store, associate: associate,
                    since: since.flatMap(ExportStart.init(parsing:)), to: output)
            }
            if let out {
                printError("Wrote \(count) answer\(count == 1 ? "" : "s") to \(out).")
            }
        }
    }

    /// `lianxi export bundle`.
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Write one associate's settings and whole history to a bundle file.",
            discussion: """
                The bundle names cards by deck, note key and card type, so another database \
                with the same decks can merge it with `lianxi import bundle`.
                """)

        @OptionGroup var options: StudyOptions

        @Option(help: "The bundle file to write (JSON; replaced atomically).")
        var out: String

        func run() throws {
            let store = try options.database.open()
            let name = options.associateName
            guard let bundle = try ProgressBundle.make(for: name, from: store, at: Clock.now())
            else {
                let known = try store.associates().map(\.name)
                throw CommandRefusal(
                    "There is no associate \"\(name)\" in this database. Associates: "
                        + (known.isEmpty ? "none yet." : known.joined(separator: ", ") + "."))
            }
            try OutputFile.write(bundle.encoded(), to: out)
            let count = bundle.reviews.count
            Console.print(
                "Wrote \(name)'s settings and \(count) answer\(count == 1 ? "" : "s") to \(out).")
        }
    }
}

extension Lianxi.ImportCommand {
    /// `lianxi import bundle FILE...`.
    struct Bundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Merge progress bundles, all or nothing.",
            discussion: """
                Registers associates this database does not know, adds the answers it does \
                not have yet (importing a bundle twice adds nothing) and rebuilds the cards' \
                states by replaying their history. Answers to notes this database does not \
                have are listed, not imported. If any file has a problem, nothing is imported.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "Bundle files written by `lianxi export bundle`.")
        var files: [String]

        func run() throws {
            do {
                let reports = try BundleImport.importFiles(files, into: database.open(), at: Date())
                reports.flatMap(BundleImport.describe).forEach { Console.print($0) }
            } catch let error as BundleProblems {
                error.problems.forEach { printError($0.description) }
                printError("Nothing was imported: fix the bundles above and import them again.")
                throw ExitCode.failure
            }
        }
    }
}
