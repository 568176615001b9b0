import Foundation
import Testing

/// `lianxi report --section`: a tone slip typed in a session reaches the trainer's sections.
@Suite struct TrainerSectionsCommandTests {
    @Test func aToneSlipTypedInASessionShowsInTheHardestWords() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        // The first pinyin card is 你好 nǐhǎo: ni4hao3 has the right syllables, a wrong tone.
        let session = try BuiltProgram.run(
            ["review", "--db", path, "--as", "ana", "--new", "1", "--only", "pinyin"],
            input: "ni4hao3\n\nq\n")
        #expect(session.status == 0, "\(session.output)")
        #expect(session.output.contains("你好"))

        let csv = try BuiltProgram.run(
            ["report", "--db", path, "--section", "mistakes", "--format", "csv"], input: "")
        #expect(csv.status == 0, "\(csv.output)")
        #expect(csv.output.contains(",你好,nǐhǎo,"))
        #expect(csv.output.contains(",1,0,0,1,1,1,drill-tones\r\n"), "\(csv.output)")

        let json = try BuiltProgram.run(
            ["report", "--db", path, "--section", "trainer", "--format", "json"], input: "")
        #expect(json.status == 0)
        #expect(json.output.contains("\"atRisk\"") && json.output.contains("\"workload\""))

        let refused = try BuiltProgram.run(
            ["report", "--db", path, "--section", "trainer", "--format", "csv"], input: "")
        #expect(refused.status != 0)
        #expect(refused.output.contains("A CSV file holds one table"))
    }
}
