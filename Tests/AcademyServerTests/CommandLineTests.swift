import Foundation
import Testing

@testable import AcademyServer

/// `lianxi sync` and `lianxi deck publish` as a person runs them, against a real server.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct CommandLineTests {
    @Test func enrolPublishAndSyncFromTheCommandLine() async throws {
        try await TestAcademy.with { academy in
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("lianxi-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = folder.appendingPathComponent("ana.sqlite").path
            let code = try #require(academy.codes["ana"])

            let notEnrolled = try await Self.lianxi(["sync", "--db", database])
            #expect(notEnrolled.status != 0)
            #expect(notEnrolled.output.contains("lianxi sync --enrol URL CODE"))

            let enrolled = try await Self.lianxi(
                ["sync", "--db", database, "--enrol", academy.url, code])
            #expect(enrolled.status == 0, "\(enrolled.output)")
            #expect(enrolled.output.contains("Enrolled as ana (cohort spring)"))
            let credential = database + ".academy.json"
            let mode = try FileManager.default.attributesOfItem(atPath: credential)[
                .posixPermissions]
            #expect((mode as? NSNumber)?.intValue == 0o600)

            // The code works once.
            let again = try await Self.lianxi(
                [
                    "sync", "--db", folder.appendingPathComponent("b.sqlite").path, "--enrol",
                    academy.url, code,
                ])
            #expect(again.status != 0)
            #expect(again.output.contains("already used"))

            // A trainer publishes a deck; a broken file publishes nothing.
            let deck = folder.appendingPathComponent("mini.tsv").path
            try TestLaptop.deckText.write(toFile: deck, atomically: true, encoding: .utf8)
            let broken = folder.appendingPathComponent("broken.tsv").path
            try TestLaptop.deckText.replacingOccurrences(of: "nǐhǎo", with: "xq9")
                .write(toFile: broken, atomically: true, encoding: .utf8)
            let refused = try await Self.lianxi(
                [
                    "deck", "publish", "--server", academy.url, "--token", academy.trainerToken,
                    deck,
                    broken,
                ])
            #expect(refused.status != 0)
            #expect(refused.output.contains("broken.tsv:9:"))
            #expect(refused.output.contains("Nothing was published"))
            let published = try await Self.lianxi(
                ["deck", "publish", deck],
                environment: [
                    "LIANXI_SERVER": academy.url, "LIANXI_TOKEN": academy.trainerToken,
                ])
            #expect(published.status == 0, "\(published.output)")
            #expect(published.output.contains("Published mini as release 1."))

            let synced = try await Self.lianxi(["sync", "--db", database])
            #expect(synced.status == 0, "\(synced.output)")
            #expect(synced.output.contains("Deck release: mini → mini (new deck): 4 added"))

            // Study two cards, then sync them up.
            let studied = try await Self.lianxi(
                [
                    "--db", database, "--as", "ana", "--deck", "mini", "--new", "2", "--only",
                    "recognition",
                ],
                input: "3\n3\n")
            #expect(studied.status == 0, "\(studied.output)")
            let up = try await Self.lianxi(["sync", "--db", database])
            #expect(up.output.contains("Sent 2 answers (2 new to the server)"), "\(up.output)")
            #expect(try await academy.answerIds(of: "ana").count == 2)

            // The trainer reads a trainer's section of the cohort from the server; the server
            // gives them one cohort at a time.
            let releases = try await Self.lianxi(
                [
                    "report", "--server", academy.url, "--cohort", "spring", "--section",
                    "releases", "--format", "csv",
                ], environment: ["LIANXI_TOKEN": academy.trainerToken])
            #expect(releases.status == 0, "\(releases.output)")
            #expect(
                releases.output.contains("associate,deck,release,latest,current")
                    && releases.output.contains("ana,mini,#1,#1,yes"), "\(releases.output)")
            let everyCohort = try await Self.lianxi(
                ["report", "--server", academy.url, "--section", "releases"],
                environment: ["LIANXI_TOKEN": academy.trainerToken])
            #expect(everyCohort.status != 0)
            #expect(everyCohort.output.contains("one cohort at a time"), "\(everyCohort.output)")
        }
    }

    /// The built `lianxi` (next to the test bundle), run without blocking the test's threads.
    static func lianxi(
        _ arguments: [String], input: String = "", environment: [String: String] = [:],
        through wrapper: [String] = []
    ) async throws -> (output: String, status: Int32) {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var program = URL(fileURLWithPath: "lianxi")
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("lianxi")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                program = candidate
                break
            }
            folder.deleteLastPathComponent()
        }
        let process = Process()
        if let first = wrapper.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(wrapper.dropFirst()) + [program.path] + arguments
        } else {
            process.executableURL = program
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                stdin.fileHandleForWriting.write(Data(input.utf8))
                try? stdin.fileHandleForWriting.close()
                let output = stdout.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: (String(decoding: output, as: UTF8.self), process.terminationStatus))
            }
        }
    }
}
