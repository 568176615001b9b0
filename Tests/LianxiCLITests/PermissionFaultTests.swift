import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files the program may not write, for every user: as root (CI) the program runs as
/// `nobody` (``BuiltProgram/run(_:input:environment:unprivileged:)``), since root ignores file
/// permissions.
@Suite(.serialized) struct PermissionFaultTests {
    /// A database with the shipped decks and one associate, then made read-only with its folder.
    private static func readOnlyDatabase() throws -> (folder: URL, path: String, bytes: Data) {
        let folder = try BuiltProgram.temporaryFolder()
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let first = try BuiltProgram.run(["--db", path, "--as", "ana", "--new", "1"], input: "3\n")
        #expect(first.status == 0, "\(first.output)")
        // The other account must reach the folder (the temporary folder is the system's).
        chmod(folder.path, 0o555)
        chmod(path, 0o444)
        return (folder, path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private static func restore(_ folder: URL) {
        chmod(folder.path, 0o755)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func theUnprivilegedRunIsNotRoot() throws {
        let result = try BuiltProgram.run(["--version"], input: "", unprivileged: true)
        #expect(result.status == 0)
        if getuid() == 0 {
            // The account switch itself: `setpriv` runs the program as nobody, or fails loudly.
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            probe.arguments = [
                "--reuid=\(BuiltProgram.unprivilegedId)",
                "--regid=\(BuiltProgram.unprivilegedId)", "--clear-groups", "--", "/usr/bin/id",
                "-u",
            ]
            let output = Pipe()
            probe.standardOutput = output
            try probe.run()
            let text = String(
                decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            probe.waitUntilExit()
            #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "65534")
        }
    }

    @Test func aReadOnlyDatabaseIsExplainedAndLeftAlone() throws {
        let (folder, path, bytes) = try Self.readOnlyDatabase()
        defer { Self.restore(folder) }

        let review = try BuiltProgram.run(
            ["--db", path, "--as", "bo", "--new", "1"], input: "3\nq\n", unprivileged: true)
        #expect(review.status != 0)
        #expect(review.output.contains("Cannot write to \(path)"), "\(review.output)")

        let words = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../LianxiKitTests/Fixtures/words.csv").standardized.path
        let importing = try BuiltProgram.run(
            ["deck", "import", "--db", path, words], input: "", unprivileged: true)
        #expect(importing.status != 0)
        #expect(importing.output.contains("Cannot write to \(path)"), "\(importing.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aNewDatabaseInAReadOnlyFolderIsExplained() throws {
        let (folder, path, bytes) = try Self.readOnlyDatabase()
        defer { Self.restore(folder) }
        let result = try BuiltProgram.run(
            ["--db", folder.appendingPathComponent("new/lianxi.sqlite").path, "--as", "ana"],
            input: "q\n", unprivileged: true)
        #expect(result.status != 0)
        #expect(result.output.contains("Cannot create the folder"), "\(result.output)")
        #expect(result.output.contains("cannot be written"), "\(result.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }
}
