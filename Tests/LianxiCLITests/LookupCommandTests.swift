import Foundation
import Testing

/// `lianxi lookup` run as a whole process, from a folder with nothing in it.
@Suite struct LookupCommandTests {
    /// Runs `lianxi lookup ...` in an empty folder, without colour; returns what it printed
    /// (standard output and error) and its exit status.
    func lookUp(_ arguments: [String]) throws -> (output: String, status: Int32) {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = BuiltProgram.url
        process.arguments = ["lookup"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["LIANXI_DB"] = folder.appendingPathComponent("lianxi.sqlite").path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    @Test func findsAWordWithItsReadingMeaningsMeasureWordLevelAndDeck() throws {
        let (output, status) = try lookUp(["贸易", "--limit", "2"])
        #expect(status == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "贸易 貿易  màoyì  HSK 5 · cross-border")
        #expect(lines.contains("    (commercial) trade"))
        #expect(lines.contains("    measure word: 个 個 gè"))
        #expect(output.contains("贸易战 貿易戰  màoyìzhàn"))
    }

    @Test func printsJSONForScripts() throws {
        let (output, status) = try lookUp(["mao4yi4", "--json"])
        #expect(status == 0)
        let words = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
        #expect(words?.first?["simplified"] as? String == "贸易")
        #expect(words?.first?["hsk_level"] as? String == "5")
        #expect((words?.first?["glosses"] as? [String]) == ["(commercial) trade"])
    }

    @Test func saysWhenNothingIsFound() throws {
        let (output, status) = try lookUp(["qwzx"])
        #expect(status == 1)
        #expect(output.contains("Nothing in CC-CEDICT for “qwzx”"))
    }

    @Test func refusesAnOutOfRangeLimit() throws {
        let (output, status) = try lookUp(["贸易", "--limit", "0"])
        #expect(status != 0)
        #expect(output.contains("--limit must lie between 1 and 1000, got 0."))
    }
}
