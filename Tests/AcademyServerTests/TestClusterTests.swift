import Foundation
import Testing

@Suite struct TestClusterTests {
    /// A program the cluster's helper starts gets no descriptor of the tests but 0, 1 and 2.
    ///
    /// The server `pg_ctl` starts lives until the tests end: a pipe another test has open when
    /// it starts (a `lianxi` run reading its output) must not stay open in it, or that test's
    /// read never ends.
    @Test func aProgramStartedForTheClusterKeepsNoOtherDescriptorOfTheTests() throws {
        // Given: a pipe open in this process, not closed on exec (as Foundation makes them)
        let pipe = Pipe()
        let descriptor = pipe.fileHandleForWriting.fileDescriptor
        #expect(fcntl(descriptor, F_GETFD) & FD_CLOEXEC == 0)

        // Then: a shell started the way pg_ctl is does not have it (`test` fails if it does)
        try TestCluster.run("/bin/sh", ["-c", "test ! -e /proc/$$/fd/\(descriptor)"])
        // and the check can fail: the shell sees its own standard input
        #expect(throws: (any Error).self) {
            try TestCluster.run("/bin/sh", ["-c", "test ! -e /proc/$$/fd/0"])
        }
    }

    /// A cluster whose test process is gone (stopped by a signal or a fatal error, so it could
    /// not stop its cluster at exit) is stopped and removed by the next test process; a
    /// cluster's folder whose process lives, or that names none, is left alone.
    @Test(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
    func aClusterLeftByAGoneTestProcessIsStoppedByTheNext() throws {
        let parent = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-orphans-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // Given: a running cluster whose owner cannot be alive (no process has the largest pid)
        let orphan = "\(parent)/lianxi-pg-orphan"
        try TestCluster.startServer(in: orphan, owner: pid_t.max)
        let postmasterFile = try String(
            contentsOfFile: "\(orphan)/data/postmaster.pid", encoding: .utf8)
        let firstLine = postmasterFile.split(separator: "\n").first
        let postmaster = try #require(firstLine.flatMap { pid_t($0) })
        #expect(Self.isRunning(postmaster))
        // and two folders that must stay: one of this living process, one naming nobody
        let living = "\(parent)/lianxi-pg-living"
        let unnamed = "\(parent)/lianxi-pg-unnamed"
        for folder in [living, unnamed] {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
        }
        try String(getpid()).write(
            toFile: "\(living)/\(TestCluster.ownerFile)", atomically: true, encoding: .utf8)

        // When: the next test process looks
        TestCluster.stopOrphans(in: parent)

        // Then: the orphan's server has stopped and its folder is gone; the others stay
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(FileManager.default.fileExists(atPath: living))
        #expect(FileManager.default.fileExists(atPath: unnamed))
        // (`pg_ctl stop` returns once the server has removed its pid file, just before it
        // exits: wait for the exit itself)
        var waited = 0
        while Self.isRunning(postmaster), waited < 6_000 {
            usleep(10_000)
            waited += 1
        }
        #expect(!Self.isRunning(postmaster))
    }

    /// Whether process `pid` exists and has not exited.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // On Linux a process that exited but was not waited for (a zombie) still answers
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return true }
        return stat[end...].dropFirst(2).first != "Z"
    }
}
