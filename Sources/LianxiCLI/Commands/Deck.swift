import ArgumentParser
import ChineseText
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi deck`: trainers' tools for deck files.
    struct Deck: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deck",
            abstract: "Check, import, list, export and publish decks.",
            subcommands: [List.self, Check.self, Import.self, Export.self, New.self, Publish.self],
            defaultSubcommand: List.self)
    }
}

/// Options saying how to read files that cannot say everything about themselves.
struct DeckReadArguments: ParsableArguments {
    @Option(
        help:
            "The format, instead of guessing: lianxi, tabular, ankiText, pleco, ankiPackage, word-list."
    )
    var format: DeckFormat?

    @Option(
        help: ArgumentHelp(
            "Which column holds which field, e.g. hanzi=1,pinyin=2,english=3 (or names).",
            valueName: "mapping"))
    var columns: String?

    @Option(help: "The deck's title, instead of the one in the file.")
    var title: String?

    @Flag(
        help:
            "Refuse notes without pinyin or English instead of filling them from CC-CEDICT.")
    var noDictionary = false

    func makeOptions() throws -> DeckReadOptions {
        let mapping: ColumnMapping?
        do {
            mapping = try columns.map { text throws(ColumnMappingError) in
                try ColumnMapping(parsing: text)
            }
        } catch {
            throw ValidationError("--columns: \(error)")
        }
        return DeckReadOptions(
            format: format, columns: mapping, title: title,
            dictionary: noDictionary ? nil : DictionaryFill())
    }

    /// Says, for each file, how many notes the dictionary filled.
    static func printFilled(_ files: [String], options: DeckReadOptions) {
        guard let dictionary = options.dictionary else { return }
        for file in files {
            let filled = dictionary.report(for: file).filled
            guard filled > 0 else { continue }
            Console.print(
                "\(file): \(filled) note\(filled == 1 ? "" : "s") filled from CC-CEDICT, tagged"
                    + " \(DictionaryFill.tag) for review.")
        }
    }
}

extension DeckFormat: ExpressibleByArgument {}

extension Lianxi.Deck {
    /// `lianxi deck list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the decks in the database.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let decks = try database.open().decks()
            guard !decks.isEmpty else {
                Console.print(
                    "No decks yet. Run `lianxi` to load the shipped decks, or `lianxi deck import FILE`."
                )
                return
            }
            // Decks come in the order of the beginner's path: the number is the step. Slugs are
            // measured as shown (Console shows the rest of the line).
            Console.print("The path: a new associate meets the decks in this order.")
            let slugs = decks.map { UntrustedText.shown($0.metadata.slug) }
            let width = slugs.map(\.terminalColumns).max() ?? 0
            let stepWidth = String(decks.count).count
            for (index, (deck, slug)) in zip(decks, slugs).enumerated() {
                let step = String(index + 1)
                let retired = deck.retiredNotes > 0 ? ", \(deck.retiredNotes) retired" : ""
                Console.print(
                    String(repeating: " ", count: stepWidth - step.count) + step + ". "
                        + slug.padded(to: width) + "  "
                        + Self.stageName(DeckPath(slug: deck.metadata.slug).stage).padded(to: 7)
                        + " · \(deck.activeNotes) notes\(retired) · \(deck.metadata.title)"
                        + " · from \(deck.metadata.source)")
            }
        }

        /// How `deck list` names a stretch of the path.
        static func stageName(_ stage: DeckPath.Stage) -> String {
            switch stage {
            case .starter: "starter"
            case .core(let level): "HSK \(level)"
            case .themes: "theme"
            }
        }
    }

    /// `lianxi deck check FILE...`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check deck files without importing them.",
            discussion: "Every problem is listed as file:line: what is wrong.")

        @OptionGroup var reading: DeckReadArguments

        @Argument(
            help:
                "Deck files: Lianxi .tsv, CSV/TSV with a header row, Anki text or .apkg, Pleco text."
        )
        var files: [String]

        func run() throws {
            let options = try reading.makeOptions()
            let (decks, problems) = DeckLibrary.read(files: files, options: options)
            DeckReadArguments.printFilled(files, options: options)
            for (file, deck) in decks where !problems.contains(where: { $0.file == file }) {
                Console.print(
                    "\(file): \(deck.notes.count) notes, ok (deck \"\(deck.metadata.slug)\")")
            }
            guard problems.isEmpty else {
                problems.forEach { printError($0.description) }
                printError("\(problems.count) problem\(problems.count == 1 ? "" : "s") found.")
                throw ExitCode.failure
            }
        }
    }

    /// `lianxi deck import FILE...`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import deck files, all or nothing.",
            discussion: """
                Notes are matched by their stable id: a changed note is updated in place and \
                everyone's progress on it is kept; a note no longer in the file is retired \
                (its history is kept). If any file has a problem, nothing is imported and \
                every problem is listed as file:line: what is wrong.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var reading: DeckReadArguments

        @Flag(help: "Show what would change, and change nothing.")
        var dryRun = false

        @Argument(
            help:
                "Deck files: Lianxi .tsv, CSV/TSV with a header row, Anki text or .apkg, Pleco text."
        )
        var files: [String]

        func run() throws {
            let options = try reading.makeOptions()
            do {
                let imported = try DeckLibrary.importFiles(
                    files, openingDatabase: database.open,
                    newFile: { dryRun ? nil : try NewDatabaseFile(at: database.resolvedPath) },
                    at: Date(), options: options, dryRun: dryRun)
                for (file, summary) in imported {
                    Console.print(DeckLibrary.describe(summary, file: file))
                }
                DeckReadArguments.printFilled(files, options: options)
                if dryRun { Console.print("Dry run: nothing was changed.") }
            } catch let error as DeckProblems {
                error.problems.forEach { printError($0.description) }
                let count = error.problems.count
                printError(
                    "Nothing was imported: fix the \(count) problem\(count == 1 ? "" : "s") above "
                        + "and run the import again.")
                throw ExitCode.failure
            }
        }
    }

    /// `lianxi deck export SLUG`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a deck of the database as a Lianxi deck file.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The deck's slug (see `lianxi deck list`).")
        var slug: String

        @Option(help: "Write to this file instead of the screen.")
        var out: String?

        func run() throws {
            guard let text = try DeckLibrary.export(slug, from: database.open()) else {
                throw ValidationError(
                    "There is no deck \"\(slug)\"; `lianxi deck list` shows the decks.")
            }
            try OutputFile.write(text, to: out)
        }
    }
}

/// Prints a line for people on standard error (see ``Console``).
func printError(_ line: String) {
    Console.printError(line)
}
