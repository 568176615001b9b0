import Foundation
import LianxiKit
import Storage
import Testing

/// A temporary folder with a fake audio player: a script that copies each file it is given to
/// `played/N` and appends `time path` to `log`, so a test sees which audio was played, in
/// which order and when.
struct AudioFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-audio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("played"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("bin"), withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    var cache: URL { url.appendingPathComponent("cache") }

    /// Writes an executable script `name` in `bin/` with `body` after the `#!/bin/sh` line.
    @discardableResult
    func script(_ name: String, _ body: String) throws -> String {
        let path = url.appendingPathComponent("bin/\(name)").path
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// The fake player: records and copies what it is given, and exits with `status`.
    func fakePlayer(exitStatus status: Int = 0) throws -> AudioPlayer {
        let folder = url.path
        let path = try script(
            "fake-player",
            """
            n=$(ls "\(folder)/played" | wc -l)
            cp "$1" "\(folder)/played/$n"
            printf '%s %s\\n' "$(date +%s.%N)" "$1" >> "\(folder)/log"
            exit \(status)
            """)
        return AudioPlayer(name: "fake-player", executable: path, arguments: [], formats: nil)
    }

    /// The lines of the log: `time path`.
    var log: [(time: Double, path: String)] {
        let text =
            (try? String(contentsOf: url.appendingPathComponent("log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let time = Double(parts[0]) else { return nil }
            return (time, String(parts[1]))
        }
    }

    /// The bytes the player was given the `index`th time.
    func played(_ index: Int) throws -> Data {
        try Data(contentsOf: url.appendingPathComponent("played/\(index)"))
    }
}

/// Runs `program` with `arguments` and returns its standard output, or `nil` when it fails.
func output(of program: String, _ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        return nil
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}

/// The full path of `name` on this machine's `PATH`, if installed.
func installedProgram(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
