import Foundation

/// Offline speech from espeak-ng (Debian's `espeak-ng` package), driven by a note's pinyin
/// (``SpeechText``), written as WAV files to a cache folder.
///
/// The cache is a folder, not the database: synthesis can always be done again, so it need
/// not travel in the one file that holds an associate's progress (3,000 words are about 90 MB
/// of WAV), and deleting the folder loses nothing. A file is named by a fingerprint of the
/// voice and the text, so a changed reading gets a new file.
public struct SpeechSynthesizer: Hashable, Sendable {
    /// Where `espeak-ng` is.
    public let executable: String
    /// The folder the WAV files are kept in.
    public let cacheFolder: URL

    /// The program looked for on `PATH`.
    public static let programName = "espeak-ng"

    /// The line said when espeak-ng is not installed.
    public static let missingNotice =
        "espeak-ng is missing: words without a recording are silent (apt install espeak-ng)."

    /// The synthesiser, when `espeak-ng` is on the `PATH` of `environment`.
    public init?(environment: [String: String]) {
        guard
            let executable = ExecutableSearch.find(
                Self.programName, path: environment["PATH"] ?? "/usr/bin:/bin")
        else { return nil }
        self.init(executable: executable, cacheFolder: AudioCache.folder(environment: environment))
    }

    /// A synthesiser running `executable`, keeping its files in `cacheFolder`.
    public init(executable: String, cacheFolder: URL) {
        self.executable = executable
        self.cacheFolder = cacheFolder
    }

    /// The cached file of the speech for `input` (a ``SpeechText`` input); it may not exist yet.
    public func cachedFile(forInput input: String) -> URL {
        cacheFolder.appendingPathComponent(
            "speech-\(AudioCache.fingerprint(SpeechText.voice + "\n" + input)).wav")
    }

    /// The espeak-ng process that writes the speech for `input` to `file` (not started).
    public func process(forInput input: String, writingTo file: URL) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // The input is pinyin letters, tone digits and spaces only: it cannot read as an option.
        process.arguments = ["-v", SpeechText.voice, "-w", file.path, input]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Writes the speech for `input` to `file` and waits for it (tests, and whole batches);
    /// throws when espeak-ng fails.
    public func synthesize(input: String, to file: URL) throws {
        let process = process(forInput: input, writingTo: file)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SpeechFailure(status: process.terminationStatus)
        }
    }
}

/// espeak-ng exited with a failure.
public struct SpeechFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Its exit status.
    public let status: Int32

    /// The message.
    public var description: String {
        "espeak-ng failed (exit status \(status)); `espeak-ng -v \(SpeechText.voice) ni3 hao3`"
            + " shows why"
    }
}

/// The folder where audio to play is kept: synthesised speech and recordings copied out of
/// the database for a player to read.
public enum AudioCache {
    /// `$XDG_CACHE_HOME/lianxi/audio`, or `~/.cache/lianxi/audio`.
    public static func folder(environment: [String: String]) -> URL {
        let cacheHome =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache"
        return URL(fileURLWithPath: cacheHome).appendingPathComponent("lianxi/audio")
    }

    /// A fingerprint of `text` for a file name (FNV-1a, 64 bits, 16 hexadecimal digits).
    public static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
