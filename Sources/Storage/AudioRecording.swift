import Foundation

/// A recording of a note's word, as a deck package brought it: the bytes of an audio file
/// whose format is read from its first bytes, never from its name.
public struct AudioRecording: Hashable, Sendable {
    /// The largest recording kept: a spoken word is 5-50 KB as MP3, a minute of WAV 5 MB.
    public static let maximumSize = 1024 * 1024
    /// The most audio one deck keeps: 3,000 words at 20 KB are 60 MB.
    public static let maximumSizePerDeck = 64 * 1024 * 1024

    /// The file's name in the package (`yinhang.mp3`), for messages.
    public let name: String
    /// The container the bytes are in.
    public let format: AudioFormat
    /// The file's bytes.
    public let bytes: Data

    /// A fingerprint of the bytes: FNV-1a, 64 bits, as 16 hexadecimal digits.
    ///
    /// Equal recordings give equal fingerprints. It tells a changed recording from the same
    /// one; it is no seal.
    public var contentHash: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The recording in `bytes` named `name`, or why it cannot be kept.
    public init(name: String, bytes: Data) throws(AudioRecordingProblem) {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= Self.maximumSize else { throw .tooLarge(bytes.count) }
        guard let format = AudioFormat(firstBytes: bytes.prefix(12)) else {
            throw .notAudio
        }
        self.name = name
        self.format = format
        self.bytes = bytes
    }

    /// A recording read back from the database, checked as when it was first kept.
    init(stored name: String, format: AudioFormat, bytes: Data) {
        self.name = name
        self.format = format
        self.bytes = bytes
    }
}

/// The audio containers a recording may come in.
public enum AudioFormat: String, CaseIterable, Hashable, Sendable {
    /// MPEG audio layer III (what Anki's shared decks mostly hold).
    case mp3
    /// Ogg (Vorbis or Opus).
    case ogg
    /// RIFF WAVE.
    case wav
    /// FLAC.
    case flac
    /// MPEG-4 audio (AAC).
    case m4a

    /// The format whose signature `bytes` (a file's first 12 bytes) start with, if any.
    public init?(firstBytes bytes: Data) {
        let start = Array(bytes.prefix(12))
        func at(_ offset: Int, _ text: String) -> Bool {
            let expected = Array(text.utf8)
            return start.count >= offset + expected.count
                && Array(start[offset..<offset + expected.count]) == expected
        }
        if at(0, "ID3") || (start.count >= 2 && start[0] == 0xFF && start[1] & 0xE0 == 0xE0) {
            self = .mp3
        } else if at(0, "OggS") {
            self = .ogg
        } else if at(0, "RIFF") && at(8, "WAVE") {
            self = .wav
        } else if at(0, "fLaC") {
            self = .flac
        } else if at(4, "ftyp") {
            self = .m4a
        } else {
            return nil
        }
    }
}

/// Why a file cannot be kept as a recording, for the person at the keyboard.
public enum AudioRecordingProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file has no bytes.
    case empty
    /// Larger than ``AudioRecording/maximumSize``.
    case tooLarge(Int)
    /// Its first bytes are those of no audio format Lianxi keeps.
    case notAudio

    /// The message.
    public var description: String {
        switch self {
        case .empty:
            "the file is empty"
        case .tooLarge(let size):
            "the file is \((size + 1023) / 1024) KiB, more than the \(AudioRecording.maximumSize / 1024)"
                + " KiB a word's recording may have; shorten or compress it"
        case .notAudio:
            "the file is not MP3, Ogg, WAV, FLAC or M4A audio"
        }
    }
}
