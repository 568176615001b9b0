import AcademyServer
import ArgumentParser
import Foundation

/// `lianxi-server`: the academy's sync server and its account commands.
@main
struct LianxiServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lianxi-server",
        abstract: "The academy's sync server: every laptop's answers in one PostgreSQL store.",
        discussion: "Set the database with --postgres URL or LIANXI_POSTGRES. docs/ACADEMY.md.",
        subcommands: [
            Serve.self, Migrate.self, CohortCommand.self, AssociateCommand.self,
            TrainerCommand.self, Revoke.self, ReportCommand.self,
        ])
}

/// The `--postgres` option every command takes.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("postgres"),
        help: "postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $LIANXI_POSTGRES)")
    var url: String?

    func location() throws -> PostgresLocation {
        guard let url = url ?? ProcessInfo.processInfo.environment["LIANXI_POSTGRES"] else {
            throw ValidationError(
                "say which database: --postgres postgres://USER@HOST/DATABASE or LIANXI_POSTGRES")
        }
        return try PostgresLocation(url: url)
    }

    /// Runs `body` with the store, turning a refusal into its message.
    func withStore<Result: Sendable>(_ body: (AcademyStore) async throws -> Result) async throws
        -> Result
    {
        do {
            return try await withAcademyStore(try location(), body)
        } catch let failure as AcademyFailure {
            throw Refusal(description: failure.message)
        }
    }
}

/// A request the server cannot carry out, printed as `Error: ...` without the usage text.
struct Refusal: Error, CustomStringConvertible {
    let description: String
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serves the sync protocol (behind a TLS reverse proxy; see docs/ACADEMY.md).")
    @OptionGroup var database: DatabaseOption
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080

    func run() async throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, got \(port)")
        }
        try await database.withStore { store in
            try await serveAcademy(store: store, host: host, port: port) { port in
                print("lianxi-server: serving on http://\(host):\(port)")
            }
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Brings the PostgreSQL schema to this server's version.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let applied = try await database.withStore { try await $0.migrate() }
        if let last = applied.last {
            print("Migrated the schema to version \(last).")
        } else {
            print("The schema is already at the current version.")
        }
    }
}

struct CohortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort", abstract: "Cohorts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Registers a cohort.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The cohort's name.") var name: String

        func run() async throws {
            try await database.withStore { try await $0.addCohort(name) }
            print("Cohort \(name) added.")
        }
    }
}

struct AssociateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate", abstract: "Associates.", subcommands: [Add.self, Code.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Registers an associate and prints their one-time enrolment code.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The associate's name (as on their laptop).") var name: String
        @Option(help: "Their cohort.") var cohort: String

        func run() async throws {
            let code = try await database.withStore {
                try await $0.addAssociate(name, cohort: cohort)
            }
            print("Associate \(name) added to \(cohort). Enrolment code (shown once):")
            print(code)
            print("On their laptop: lianxi sync --enrol URL \(code)")
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prints a new one-time enrolment code (for another device).")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The associate's name.") var name: String

        func run() async throws {
            let code = try await database.withStore { try await $0.newEnrolmentCode(for: name) }
            print("New enrolment code for \(name) (shown once):")
            print(code)
        }
    }
}

struct TrainerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainer", abstract: "Trainers.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Registers a trainer and prints their token.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The trainer's name.") var name: String
        @Option(name: .customLong("cohort"), help: "A cohort they train (repeatable).")
        var cohorts: [String] = []

        func run() async throws {
            let token = try await database.withStore {
                try await $0.addTrainer(name, cohorts: cohorts)
            }
            print("Trainer \(name) added. Token (shown once; keep it like a password):")
            print(token)
        }
    }
}

struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revokes an associate (every device and code) or a trainer's token.")
    @OptionGroup var database: DatabaseOption
    @Argument(help: "The associate's or trainer's name.") var name: String

    func run() async throws {
        print(try await database.withStore { try await $0.revoke(name) } + ".")
    }
}
