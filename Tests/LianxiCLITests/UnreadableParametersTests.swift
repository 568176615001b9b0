import Foundation
import Testing

@testable import Storage

/// Stored FSRS parameters that are not a list of numbers are said everywhere they matter, and
/// never taken for the defaults (issue #15).
@Suite(.serialized) struct UnreadableParametersTests {
    @Test func everyCommandThatNeedsThemSaysSoAndTheDefaultsAreTheWayOut() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        // Given ana, who studied, and whose stored parameters were damaged
        let first = try BuiltProgram.run(
            ["--db", path, "--as", "ana", "--new", "2"], input: "3\n3\n")
        #expect(first.status == 0)
        try StudyDatabase.open(at: path).writer.write { db in
            try db.execute(sql: "UPDATE associate SET fsrs_parameters = 'not numbers'")
        }

        // Then studying, forecasting and fitting refuse with the same advice, and doctor says it
        for command in [
            ["--as", "ana"], ["simulate", "--as", "ana"], ["optimize", "--as", "ana"], ["doctor"],
        ] {
            let result = try BuiltProgram.run(command + ["--db", path], input: "q\n")
            #expect(result.status != 0, "\(command)")
            #expect(
                result.output.contains("The FSRS parameters stored for ana cannot be read"),
                "\(command): \(result.output)")
            #expect(result.output.contains("--default-parameters"), "\(command)")
        }
        let list = try BuiltProgram.run(["associate", "list", "--db", path], input: "")
        #expect(list.output.contains("fsrs (parameters unreadable)"))

        // When the defaults are chosen again, all is well
        let reset = try BuiltProgram.run(
            ["associate", "set", "ana", "--default-parameters", "--db", path], input: "")
        #expect(reset.status == 0, "\(reset.output)")
        #expect(try BuiltProgram.run(["doctor", "--db", path], input: "").status == 0)
    }
}
