import Foundation
import Testing

/// `lianxi doctor`, run as a whole process.
@Suite struct DoctorTests {
    @Test func aStudiedDatabaseIsHealthyAndAMissingOneIsSaidPlainly() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        // Given a database where someone answered three cards
        let session = try BuiltProgram.run(
            ["--db", path, "--as", "ana", "--new", "3"], input: "3\n3\n3\nq\n")
        #expect(session.status == 0)
        // Then the doctor finds nothing wrong, and exits 0
        let healthy = try BuiltProgram.run(["doctor", "--db", path], input: "")
        #expect(healthy.status == 0)
        #expect(healthy.output.contains("Replayed 3 answers of 1 associate"))
        #expect(healthy.output.contains("All is well."))
        // And a database that is not there is not created, and the exit status says so
        let missing = folder.appendingPathComponent("elsewhere/lianxi.sqlite").path
        let absent = try BuiltProgram.run(["doctor", "--db", missing], input: "")
        #expect(absent.status == 1)
        #expect(absent.output.contains("There is no database at \(missing) yet"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
