import Foundation
import Storage

/// A program that plays an audio file and exits: found at start, run once per word without
/// waiting for it.
public struct AudioPlayer: Hashable, Sendable {
    /// The program's name as searched for (`pw-play`), or the override's path.
    public let name: String
    /// Where the program is.
    public let executable: String
    /// Its arguments before the file's path.
    public let arguments: [String]
    /// The formats it plays; `nil`: every format.
    public let formats: Set<AudioFormat>?

    /// A player run as `executable arguments… FILE`, playing `formats` (`nil`: every format).
    public init(name: String, executable: String, arguments: [String], formats: Set<AudioFormat>?) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        self.formats = formats
    }

    /// What is known of a player looked for: its name, arguments and formats.
    public typealias Candidate = (name: String, arguments: [String], formats: Set<AudioFormat>?)

    /// The players looked for, in the order they are preferred.
    ///
    /// PipeWire, PulseAudio, ALSA, FFmpeg, and macOS's own. `aplay` plays only WAV; the
    /// PipeWire and PulseAudio players read through libsndfile (WAV, Ogg, FLAC, and MP3 from
    /// libsndfile 1.1).
    public static let candidates: [Candidate] = [
        ("pw-play", [], [.wav, .ogg, .flac, .mp3]),
        ("paplay", [], [.wav, .ogg, .flac, .mp3]),
        ("aplay", ["-q"], [.wav]),
        ("ffplay", ["-nodisp", "-autoexit", "-loglevel", "quiet"], nil),
        ("afplay", [], nil),
    ]

    /// The environment variable naming a program to play audio with instead (called with the
    /// file's path as its one argument): a test's fake player, or a player Lianxi does not
    /// know.
    public static let overrideVariable = "LIANXI_AUDIO_PLAYER"

    /// Whether it plays `format`.
    public func plays(_ format: AudioFormat) -> Bool {
        formats?.contains(format) ?? true
    }

    /// The players installed, in the order of preference.
    ///
    /// They are looked for on the `PATH` of `environment`; `afplay` only on macOS. With the
    /// override set, that program alone.
    public static func installed(environment: [String: String], isMacOS: Bool) -> [AudioPlayer] {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        if let override = environment[overrideVariable], !override.isEmpty {
            guard let executable = ExecutableSearch.find(override, path: path) else { return [] }
            return [
                AudioPlayer(name: override, executable: executable, arguments: [], formats: nil)
            ]
        }
        return candidates.compactMap { candidate in
            if candidate.name == "afplay" && !isMacOS { return nil }
            return ExecutableSearch.find(candidate.name, path: path).map {
                AudioPlayer(
                    name: candidate.name, executable: $0, arguments: candidate.arguments,
                    formats: candidate.formats)
            }
        }
    }

    /// Whether this process runs on macOS.
    public static var isMacOS: Bool {
        #if os(macOS)
            true
        #else
            false
        #endif
    }
}

/// Finds programs the way a shell does: a name with a slash is a path, others are looked for
/// in each folder of `PATH`.
enum ExecutableSearch {
    /// The path of the executable `name` on `path`, if there is one.
    static func find(_ name: String, path: String) -> String? {
        let fileManager = FileManager.default
        if name.contains("/") {
            return fileManager.isExecutableFile(atPath: name) ? name : nil
        }
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(folder)/\(name)"
            var isFolder: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isFolder),
                !isFolder.boolValue,
                fileManager.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}
