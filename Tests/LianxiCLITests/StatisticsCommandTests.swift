import Foundation
import LianxiKit
import Storage
import Testing

@testable import LianxiCLI

/// `lianxi status`, `stats` and `report`, run as whole processes on a database that a scripted
/// session filled.
@Suite(.serialized) struct StatisticsCommandTests {
    @Test func statusStatsAndReportAfterASession() throws {
        // Given an associate who answered three new cards through standard input
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let session = try BuiltProgram.run(
            ["--db", path, "--as", "mei", "--new", "3"], input: "good\n3\n\n4\n")
        #expect(session.status == 0)

        // When she asks for her status and statistics, and the academy for a report
        let status = try BuiltProgram.run(["status", "--db", path, "--as", "mei"], input: "")
        let stats = try BuiltProgram.run(["stats", "--db", path, "--as", "mei"], input: "")
        let json = try BuiltProgram.run(
            ["stats", "--json", "--db", path, "--as", "mei"], input: "")
        let out = folder.appendingPathComponent("cohort.html").path
        let html = try BuiltProgram.run(
            ["report", "--db", path, "--format", "html", "--out", out], input: "")
        let csv = try BuiltProgram.run(
            ["report", "--db", path, "--deck", "starter", "--since", "2020-01-01"], input: "")

        // Then every screen fits 80 columns and tells the same numbers as the JSON
        #expect([status, stats, json, html, csv].allSatisfy { $0.status == 0 })
        #expect(status.output.contains("Streak 1 day · longest 1 · 1 of the last 7 days"))
        #expect(stats.output.contains("True retention"))
        for line in (status.output + stats.output).split(separator: "\n") {
            #expect(String(line).terminalColumns <= 80, "\(line)")
        }
        let numbers = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((numbers["streak"] as? [String: Any])?["current"] as? Int == 1)
        let perDay = try #require(numbers["reviewsPerDay"] as? [[String: Any]])
        #expect(perDay.last?["answers"] as? Int == 3)
        #expect(status.output.contains("New available    \(numbers["newAvailable"] as? Int ?? -1)"))
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("mei"))
        let rows = csv.output.split(separator: "\r\n")
        #expect(rows.count == 2)
        #expect(rows.first?.contains("deck_starter_known_pct") == true)
        #expect(rows.first?.contains("deck_payments") == false)
        #expect(rows.last?.hasPrefix("mei,mei,") == true)
    }

    @Test(arguments: [
        (["status", "--as", "nobody"], "There is no associate \"nobody\""),
        (["report", "--since", "2026-02-30"], "--since must be a date written YYYY-MM-DD"),
        (["report", "--deck", "nonsense"], "There is no deck \"nonsense\""),
        (["report", "--format", "pdf"], "format"),
    ])
    func mistakesGetAClearMessage(arguments: [String], message: String) throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let result = try BuiltProgram.run(arguments + ["--db", path], input: "")
        #expect(result.status != 0)
        #expect(result.output.contains(message), "\(result.output)")
    }

    @Test func reportWritesItsFileWholeOrNotAtAll() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let missing = folder.appendingPathComponent("no/such/folder/report.csv").path
        let result = try BuiltProgram.run(["report", "--db", path, "--out", missing], input: "")
        #expect(result.status != 0)
        #expect(result.output.contains("Cannot write"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
