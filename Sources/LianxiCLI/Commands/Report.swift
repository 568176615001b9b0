import ArgumentParser
import CohortReporting
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi report`: the academy's view of every associate in the database.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the cohort's progress as CSV, JSON or a self-contained HTML page.",
            discussion: """
                One row (CSV) or entry (JSON) per associate in the database; the HTML page adds \
                charts of the cohort's answers per day, retention per associate, a deck by \
                associate grid of words known, and the words the cohort fails most. Columns \
                and the JSON schema are described in docs/REPORTS.md.

                With --server, the academy server computes the report from every synced answer \
                and lianxi writes what it sends: the same bytes as a report of a database \
                holding those answers (a trainer's token: --token or LIANXI_TOKEN).
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

        @Option(
            help: ArgumentHelp(
                "progress (the cohort's progress, the default), or a trainer's section: at-risk, "
                    + "mistakes, releases, workload, or trainer for all four (JSON and HTML).",
                valueName: "section"))
        var section: Section = .progress

        @Option(help: "Ask this academy server for the report instead of reading the database.")
        var server: String?

        @Option(help: "Your trainer token, with --server (default: $LIANXI_TOKEN).")
        var token: String?

        @Option(
            name: .customLong("cohort"),
            help: "With --server: only this cohort (repeatable); default: every cohort you train.")
        var cohorts: [String] = []

        func validate() throws {
            try validateSection()
            if let since, CalendarDate(parsing: since) == nil {
                throw ValidationError("--since must be a date written YYYY-MM-DD, like 2026-11-01.")
            }
            if server == nil, !cohorts.isEmpty {
                throw ValidationError("--cohort asks an academy server: add --server URL.")
            }
            if server != nil, section != .progress, cohorts.count != 1 {
                throw ValidationError(
                    "The server gives a trainer's sections one cohort at a time: add --cohort NAME."
                )
            }
        }

        func run() async throws {
            if let server {
                try write(try await fetch(from: server))
                return
            }
            let database = try database.open()
            if section != .progress {
                return try write(try trainerSections(database))
            }
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
            try write(Data(text.utf8))
        }

        /// The report as the server at `server` writes it.
        private func fetch(from server: String) async throws -> Data {
            guard let token = token ?? ProcessInfo.processInfo.environment["LIANXI_TOKEN"] else {
                throw ValidationError("give your trainer token: --token TOKEN or LIANXI_TOKEN")
            }
            do throws(SyncFailure) {
                let client = try AcademyClient(server: server, token: token)
                if section == .progress {
                    return try await client.report(
                        format: format.rawValue, cohorts: cohorts, since: since, decks: decks)
                }
                return try await client.insights(
                    format: format.rawValue, cohort: cohorts[0],
                    section: section == .trainer ? nil : section.rawValue)
            } catch {
                throw CommandRefusal("no report: \(error.message)")
            }
        }

        /// Writes `text` to `--out` (atomically) or to standard output.
        func write(_ text: String) throws {
            try write(Data(text.utf8))
        }

        /// Writes the report to `--out` (atomically) or to standard output.
        private func write(_ data: Data) throws {
            try OutputFile.write(data, to: out)
        }
    }
}
