import ArgumentParser
import CohortReporting
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi report`: the academy's view of every associate in the database.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the cohort's progress as CSV, JSON or a self-contained HTML page.",
            discussion: """
                One row (CSV) or entry (JSON) per associate in the database; the HTML page adds \
                charts of the cohort's answers per day, retention per associate, a deck by \
                associate grid of words known, and the words the cohort fails most. Columns \
                and the JSON schema are described in docs/REPORTS.md.
                """)

        /// A format of the report.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, json, html
        }

        @OptionGroup var database: DatabaseOptions

        @Option(help: "csv (one row per associate), json or html.")
        var format: Format = .csv

        @Option(
            help: "Write to this file (replaced whole, never half-written) instead of the screen.")
        var out: String?

        @Option(
            help: ArgumentHelp(
                "Count answers from this study day on, YYYY-MM-DD (each associate's own day, "
                    + "in their time zone from the hour it starts; `export reviews --since` "
                    + "means the same).",
                valueName: "date"))
        var since: String?

        @Option(name: .customLong("deck"), help: "Only this deck (repeatable): its slug.")
        var decks: [String] = []

        func validate() throws {
            if let since, CalendarDate(parsing: since) == nil {
                throw ValidationError("--since must be a date written YYYY-MM-DD, like 2026-11-01.")
            }
        }

        func run() throws {
            let database = try database.open()
            let snapshot = try database.studySnapshot()
            let known = Set(snapshot.deckTitles.keys)
            if let unknown = decks.first(where: { !known.contains($0) }) {
                throw ValidationError(
                    "There is no deck \"\(unknown)\". Decks: "
                        + "\(known.sorted().joined(separator: ", ")).")
            }
            let report = CohortReport(
                snapshot: snapshot, now: Clock.now(),
                since: since.flatMap(CalendarDate.init(parsing:)), decks: decks)
            let text: String =
                switch format {
                case .csv: report.csv()
                case .json: try report.json()
                case .html: report.html()
                }
            if let out {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw ValidationError(
                        "Cannot write \(out): \(error.localizedDescription). "
                            + "Check the folder exists and can be written.")
                }
            } else {
                Console.printData(text)
            }
        }
    }
}
