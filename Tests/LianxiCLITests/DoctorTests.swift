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

    @Test func aDatabaseOfTheFirstReleaseIsBackedUpReplayedOnceAndHealthy() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        // Given a database of the first release (ana with 50 answers, bo with 32), found from
        // this file since this target has no resources
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../LianxiKitTests/Fixtures/first-release.sqlite").path
        try FileManager.default.copyItem(atPath: fixture, toPath: path)
        // When the doctor opens it, it is backed up, migrated, and each associate's answers are
        // replayed under the new card numbers, once
        let first = try BuiltProgram.run(["doctor", "--db", path], input: "")
        #expect(first.output.contains("the file as it was is kept at \(path).backup-v1"))
        #expect(first.output.contains("Replaying the answers of ana under this version's card"))
        #expect(first.output.contains("Replaying the answers of bo under this version's card"))
        #expect(first.output.contains("Replayed 82 answers of 2 associates"))
        #expect(first.output.contains("All is well."), "\(first.output)")
        #expect(first.status == 0)
        let second = try BuiltProgram.run(["doctor", "--db", path], input: "")
        #expect(!second.output.contains("Replaying"))
        #expect(second.output.contains("All is well."))
    }
}
