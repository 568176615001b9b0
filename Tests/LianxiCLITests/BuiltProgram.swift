import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `lianxi` program built beside the test bundle, run as a whole process.
enum BuiltProgram {
    /// The built `lianxi` executable (SwiftPM puts it next to the test bundle).
    static var url: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("lianxi")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "lianxi")
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A fixed-offset time zone in which it is now between 12:00 and 13:00, for `TZ`.
    ///
    /// An associate a run creates takes the zone of the process, and their study day ends at
    /// 04:00 local time: in the machine's own zone, a session run a few minutes before then
    /// sees its learning cards fall due after the day's end and stops early. Midday is eight
    /// hours or more from any day's end, so what a test sees does not depend on the hour it
    /// runs (a test that sets `TZ` itself keeps its own).
    static func middayZone(at now: Date = Date()) -> String {
        let utcHour = Int(now.timeIntervalSince1970 / 3600) % 24
        let offset = 12 - utcHour  // -11 ... +12 hours
        // The Etc zones' signs are POSIX's, the opposite of ISO's: Etc/GMT-5 is UTC+05:00.
        return offset == 0 ? "Etc/UTC" : "Etc/GMT\(offset > 0 ? "-" : "+")\(abs(offset))"
    }

    /// The account an unprivileged run uses: `nobody` (65534 on Linux).
    static let unprivilegedId = 65534

    /// Runs the program with `input` on a pipe; returns its output and exit status.
    ///
    /// `unprivileged` runs it as `nobody` when the tests run as root (as CI does): root ignores
    /// file permissions, so a test of a file that cannot be written needs another account.
    /// `setpriv` (util-linux) changes the account; it needs only the capability to change user
    /// ids, which root has even in a container that may not mount file systems.
    static func run(
        _ arguments: [String], input: String, environment: [String: String] = [:],
        unprivileged: Bool = false
    ) throws -> (output: String, status: Int32) {
        let process = Process()
        if unprivileged && getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments =
                [
                    "--reuid=\(unprivilegedId)", "--regid=\(unprivilegedId)", "--clear-groups",
                    "--", url.path,
                ] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment
            .merging(["TZ": middayZone()]) { $1 }
            .merging(environment) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), process.terminationStatus)
    }
}

/// The program running in a pseudo-terminal, as a person would see it.
final class PseudoTerminalSession {
    private let master: Int32
    private let process: Process
    private(set) var screen = ""

    init(_ arguments: [String], columns: UInt16 = 100, rows: UInt16 = 30) throws {
        // posix_openpt and friends are hidden from Swift's Glibc module; /dev/ptmx with the
        // Linux ioctls TIOCSPTLCK (unlock) and TIOCGPTN (number) does the same.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0,
            ioctl(master, 0x8004_5430, &number) == 0
        else { throw POSIXError(.EIO) }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = FileHandle(forUpdatingAtPath: name)
        guard let slave else { throw POSIXError(.EIO) }
        process = Process()
        process.executableURL = BuiltProgram.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "NO_COLOR")
        process.environment = environment
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = slave
        try process.run()
        try slave.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    /// Types `text` as keys.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads output until the visible text contains `expected` (escapes removed), or the
    /// timeout passes; returns whether it appeared.
    @discardableResult
    func waitFor(_ expected: String, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var pending: [UInt8] = []
        while Date() < deadline {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) > 0 {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                pending += buffer.prefix(count)
                screen += Self.visibleText(String(decoding: pending, as: UTF8.self))
                pending.removeAll()
            }
            if screen.contains(expected) { return true }
        }
        return screen.contains(expected)
    }

    /// Forgets what was read so far.
    func clear() { screen = "" }

    /// Waits for the program to end; returns its exit status.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            _ = waitFor("\u{0}", timeout: 0.1)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Text without ANSI escape sequences.
    static func visibleText(_ text: String) -> String {
        text.replacingOccurrences(
            of: "\u{1B}\\[[0-9;?]*[ -/]*[@-~]", with: "", options: .regularExpression)
    }
}
