import AcademyServer
import ArgumentParser
import Foundation

/// `lianxi-server report ...`: what the live cohort report needs set up (docs/ACADEMY.md).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The live cohort report: profiles, access, rebuild.",
        subcommands: [Profile.self, AcademyView.self, PageLink.self, Rebuild.self])

    struct Profile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sets how the report names an associate and counts their days.",
            discussion: """
                Use the same time zone and rollover hour as on their laptop (lianxi associate \
                list): a study day is counted when an answer arrives.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The associate's name.") var name: String
        @Option(help: "The name people read.") var displayName: String?
        @Option(help: "Their IANA time zone, such as Asia/Shanghai.") var timeZone: String?
        @Option(help: "The hour their study day starts, 0-23.") var rolloverHour: Int?

        func run() async throws {
            try await database.withStore {
                try await $0.setReportProfile(
                    associate: name, displayName: displayName, timeZone: timeZone,
                    rolloverHour: rolloverHour)
            }
            print("Report profile of \(name) set.")
        }
    }

    struct AcademyView: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "academy-view",
            abstract: "Lets a trainer read the whole academy's report (--off: their cohorts').")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The trainer's name.") var name: String
        @Flag(help: "Take the academy-wide view away.") var off = false

        func run() async throws {
            try await database.withStore { try await $0.setAcademyView(trainer: name, !off) }
            print(
                off
                    ? "Trainer \(name) reads the reports of their cohorts."
                    : "Trainer \(name) reads the whole academy's report.")
        }
    }

    struct PageLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "page-link",
            abstract: "Prints a new read-only link to a trainer's live report page.",
            discussion: """
                The link opens the HTML report of the trainer's cohorts in any browser, without \
                the token; it reads the report and nothing else. A new link ends the old one; \
                revoking the trainer ends both.
                """)
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The trainer's name.") var name: String
        @Option(help: "The server's public address.") var url = "https://academy.example.com"

        func run() async throws {
            let secret = try await database.withStore { try await $0.newPageSecret(trainer: name) }
            var base = url
            while base.hasSuffix("/") { base.removeLast() }
            print("Live report of \(name) (keep it like a password; shown once):")
            print("\(base)/v1/live/\(secret)")
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuilds the report's aggregates from the answer log (after a bulk load).")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let start = Date()
            try await database.withStore { try await $0.rebuildReport() }
            print(String(format: "Aggregates rebuilt in %.1f s.", Date().timeIntervalSince(start)))
        }
    }
}
