import Foundation
import Testing

@testable import LianxiCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output files are whole or absent, and a signal leaves no temporary file behind.
///
/// Serialised: signal handlers and the pending file belong to the whole process.
@Suite(.serialized) struct OutputFileTests {
    /// A folder of its own for each test.
    private static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The names in `folder`, hidden ones included.
    private static func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// The action `number` has now: its handler's address (1 for SIG_IGN, 0 for SIG_DFL).
    private static func handler(of number: Int32) -> UInt {
        var action = sigaction()
        sigaction(number, nil, &action)
        return withUnsafeBytes(of: action) { $0.load(as: UInt.self) }
    }

    @Test func aStreamedFileAppearsWholeWithNothingBesideIt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("reviews.csv").path
        var seenWhileWriting: [String] = []
        let count = try OutputFile.stream(to: path) { write in
            try write("a,b\n")
            seenWhileWriting = try Self.names(in: folder)
            try write("1,2\n")
            return 1
        }
        #expect(count == 1)
        #expect(seenWhileWriting.count == 1)
        #expect(
            seenWhileWriting.allSatisfy {
                $0.hasPrefix(".reviews.csv.") && $0.hasSuffix(".partial")
            })
        #expect(try Self.names(in: folder) == ["reviews.csv"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2\n")
    }

    @Test func aFailedWriteKeepsTheOldFileAndLeavesNothingBeside() throws {
        struct Interrupted: Error {}
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.html").path
        try OutputFile.write("old", to: path)
        #expect(throws: Interrupted.self) {
            try OutputFile.stream(to: path) { write in
                try write("new, half")
                throw Interrupted()
            }
        }
        #expect(try Self.names(in: folder) == ["report.html"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test func whatASignalDoesRemovesTheFileBeingWritten() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("reviews.csv").path
        #expect(throws: (any Error).self) {
            try OutputFile.stream(to: path) { write in
                try write("a,b\n")
                #expect(try Self.names(in: folder).count == 1)
                PendingFile.removeNow()
                #expect(try Self.names(in: folder).isEmpty)
                return 0
            }
        }
        // The rename found no file: the command fails, and nothing appears.
        #expect(try Self.names(in: folder).isEmpty)
    }

    @Test func nothingIsRemovedOnceTheWriteIsOver() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bundle.json").path
        try OutputFile.write(Data("{}".utf8), to: path)
        PendingFile.removeNow()
        #expect(try Self.names(in: folder) == ["bundle.json"])
    }

    @Test(arguments: PendingFile.endingSignals)
    func theSignalIsCaughtOnlyWhileTheFileIsWritten(number: Int32) throws {
        let before = Self.handler(of: number)
        let during = PendingFile.removing("/nonexistent/lianxi-test") { Self.handler(of: number) }
        #expect(during != before)
        #expect(during > 1)
        #expect(Self.handler(of: number) == before)
    }

    @Test(arguments: PendingFile.endingSignals)
    func anIgnoredSignalStaysIgnored(number: Int32) throws {
        var earlier = sigaction()
        sigaction(number, nil, &earlier)
        defer { sigaction(number, &earlier, nil) }
        _ = signal(number, SIG_IGN)
        let during = PendingFile.removing("/nonexistent/lianxi-test") { Self.handler(of: number) }
        #expect(during == 1)
        #expect(Self.handler(of: number) == 1)
    }
}
