import ArgumentParser
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi sync`: the laptop and the academy server exchange what the other lacks.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Sync with the academy server (enrol once with --enrol URL CODE).",
            discussion: """
                Sends the answers the server lacks, brings deck releases and your answers from \
                your other devices, and rebuilds card states from the merged log. A failed sync \
                changes nothing here; run it again. The device's token is kept beside the \
                database in a file only you can read (PATH.academy.json).
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(
            name: .customLong("enrol"), parsing: .upToNextOption,
            help: ArgumentHelp(
                "Enrol this laptop: the server's address and the one-time code the academy gave you.",
                valueName: "url code"))
        var enrolment: [String] = []

        func run() async throws {
            let path = database.resolvedPath
            let credentialPath = SyncCredential.path(besideDatabase: path)
            let store = try database.open()
            do {
                if !enrolment.isEmpty {
                    guard enrolment.count == 2 else {
                        throw ValidationError(
                            "--enrol takes the server's address and the code: --enrol URL CODE")
                    }
                    let host = ProcessInfo.processInfo.hostName
                    let enrolled = try await AcademySync.enrol(
                        server: enrolment[0], code: enrolment[1],
                        deviceName: host.isEmpty ? "laptop" : String(host.prefix(100)),
                        credentialPath: credentialPath, database: store,
                        timeZone: AssociateDirectory.machineTimeZone, at: Date())
                    print(
                        "Enrolled as \(enrolled.associate) (cohort \(enrolled.cohort)); the "
                            + "device token is in \(credentialPath).")
                }
                guard let credential = try SyncCredential.read(at: credentialPath) else {
                    throw CommandRefusal(
                        "this laptop is not enrolled: run lianxi sync --enrol URL CODE with the "
                            + "code the academy gave you")
                }
                let report = try await AcademySync.sync(store, credential: credential, at: Date())
                AcademySync.describe(report).forEach { print($0) }
            } catch let failure as SyncFailure {
                throw CommandRefusal("sync failed, nothing changed here: \(failure.message)")
            } catch let problems as DeckProblems {
                throw CommandRefusal("sync failed, nothing changed here: \(problems)")
            }
        }
    }
}

extension Lianxi.Deck {
    /// `lianxi deck publish FILE...`.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish deck files to the academy server, all or nothing (trainers).",
            discussion: """
                The files are checked as deck import checks them; every laptop gets the new \
                release at its next sync, keeping everyone's progress by stable id.
                """)

        @OptionGroup var reading: DeckReadArguments

        @Option(help: "The academy server's address (default: $LIANXI_SERVER).")
        var server: String?

        @Option(help: "Your trainer token (default: $LIANXI_TOKEN).")
        var token: String?

        @Argument(
            help:
                "Deck files: Lianxi .tsv, CSV/TSV with a header row, Anki text or .apkg, Pleco text."
        )
        var files: [String]

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            guard let server = server ?? environment["LIANXI_SERVER"] else {
                throw ValidationError("say which server: --server URL or LIANXI_SERVER")
            }
            guard let token = token ?? environment["LIANXI_TOKEN"] else {
                throw ValidationError("give your trainer token: --token TOKEN or LIANXI_TOKEN")
            }
            do {
                let client = try AcademyClient(server: server, token: token)
                let published = try await AcademySync.publish(
                    files: files, options: try reading.makeOptions(), client: client)
                for release in published.releases {
                    print("Published \(release.slug) as release \(release.id).")
                }
            } catch let error as DeckProblems {
                error.problems.forEach { printError($0.description) }
                let count = error.problems.count
                printError(
                    "Nothing was published: fix the \(count) problem\(count == 1 ? "" : "s") above "
                        + "and publish again.")
                throw ExitCode.failure
            } catch let failure as SyncFailure {
                throw CommandRefusal("nothing was published: \(failure.message)")
            }
        }
    }
}
