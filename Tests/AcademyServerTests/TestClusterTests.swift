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
}
