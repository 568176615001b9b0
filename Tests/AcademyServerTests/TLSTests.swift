import AcademyProtocol
import Foundation
import LianxiKit
import Testing

@testable import AcademyServer

/// `lianxi` over HTTPS through nginx, as docs/ACADEMY.md deploys the server: enrolment,
/// publishing, study with an undo, and sync end to end; plain HTTP to the TLS port refused.
@Suite(
    .enabled(if: TestCluster.isAvailable, TestCluster.missing),
    .enabled(if: TLSProxy.isAvailable, TLSProxy.missing))
struct TLSTests {
    @Test func syncAndPublishOverHTTPSThroughNginx() async throws {
        try await TestAcademy.with { academy in
            let backend = try #require(URL(string: academy.url)?.port)
            let proxy = try TLSProxy(backend: backend)
            defer { proxy.stop() }
            let https = "https://127.0.0.1:\(proxy.port)"
            // The self-signed certificate is trusted as if installed in the system's store.
            let trust = try proxy.trusting()
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("lianxi-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = folder.appendingPathComponent("ana.sqlite").path
            let code = try #require(academy.codes["ana"])

            // Without trusting the certificate, nothing happens and the message says why.
            let untrusted = try await CommandLineTests.lianxi(
                ["sync", "--db", database, "--enrol", https, code])
            #expect(untrusted.status != 0)
            #expect(untrusted.output.contains("could not reach \(https)"), "\(untrusted.output)")
            #expect(untrusted.output.contains("certificate"), "\(untrusted.output)")

            let enrolled = try await CommandLineTests.lianxi(
                ["sync", "--db", database, "--enrol", https, code], through: trust)
            #expect(enrolled.status == 0, "\(enrolled.output)")

            let deck = folder.appendingPathComponent("mini.tsv").path
            try TestLaptop.deckText.write(toFile: deck, atomically: true, encoding: .utf8)
            let published = try await CommandLineTests.lianxi(
                ["deck", "publish", deck],
                environment: ["LIANXI_SERVER": https, "LIANXI_TOKEN": academy.trainerToken],
                through: trust)
            #expect(published.status == 0, "\(published.output)")
            #expect(published.output.contains("Published mini as release 1."))

            let synced = try await CommandLineTests.lianxi(
                ["sync", "--db", database], through: trust)
            #expect(synced.output.contains("Deck release: mini"), "\(synced.output)")

            // Two answers, the second undone: one answer and one retraction go up.
            let studied = try await CommandLineTests.lianxi(
                [
                    "--db", database, "--as", "ana", "--deck", "mini", "--new", "3", "--only",
                    "recognition",
                ],
                input: "3\n3\nu\n")
            #expect(studied.status == 0, "\(studied.output)")
            let up = try await CommandLineTests.lianxi(
                ["sync", "--db", database], through: trust)
            #expect(up.output.contains("Sent 1 answer (1 new to the server)"), "\(up.output)")
            #expect(up.output.contains("Took back 1 answer on the server"), "\(up.output)")
            #expect(try await academy.answerIds(of: "ana").count == 1)
            #expect(try await academy.count("answer_retraction") == 1)

            // Plain HTTP to the TLS port: nginx refuses it (400) and nothing is stored.
            let plain = try AcademyClient(
                server: "http://127.0.0.1:\(proxy.port)", token: academy.trainerToken)
            await #expect(throws: SyncFailure.self) {
                _ = try await plain.publish([DeckUpload(slug: "mini", text: TestLaptop.deckText)])
            }
            do {
                _ = try await plain.publish([DeckUpload(slug: "mini", text: TestLaptop.deckText)])
            } catch let failure as SyncFailure {
                #expect(failure.status == 400)
            }
            #expect(try await academy.count("deck_release") == 1)
        }
    }
}
