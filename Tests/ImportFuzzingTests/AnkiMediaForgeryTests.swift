import Foundation
import Storage
import Testing

@testable import ImportFuzzing
@testable import LianxiKit

/// An Anki package's media, forged every way a hostile file could.
///
/// The list, the names, the numbered entries and their sizes: each forgery is refused with a
/// message naming what is wrong.
@Suite struct AnkiMediaForgeryTests {
    /// A WAV file's first bytes, then silence: plausible audio.
    static let wave = Data("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8) + Data(count: 100)

    /// The recordings named `names` in a package holding `entries`, or its problems.
    static func read(_ entries: [StoredZip.Entry], names: Set<String>) -> Result<
        [String: AudioRecording], DeckProblems
    > {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-media-\(UUID().uuidString).apkg")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            try StoredZip.archive(entries).write(to: url)
        } catch {
            Issue.record("cannot write \(url.path): \(error)")
        }
        return Result { () throws(DeckProblems) in
            try AnkiMedia.recordings(named: names, inPackageAt: url, file: "f.apkg")
        }
    }

    static func entry(_ name: String, _ data: Data, sizeLie: Int? = nil) -> StoredZip.Entry {
        var entry = StoredZip.Entry(name: name, data: data)
        entry.sizeLie = sizeLie
        return entry
    }

    @Test func aPlainPackageGivesItsRecordings() throws {
        let result = Self.read(
            [Self.entry("media", Data(#"{"0": "a.wav"}"#.utf8)), Self.entry("0", Self.wave)],
            names: ["a.wav"])
        let recordings = try result.get()
        #expect(recordings["a.wav"]?.bytes == Self.wave)
        #expect(recordings["a.wav"]?.format == .wav)
    }

    static let forgeries: [(String, [StoredZip.Entry], Set<String>, String)] = [
        (
            "a list that is not JSON", [entry("media", Data("[1, 2".utf8))], ["a.wav"],
            "f.apkg: The package's media list is not the JSON Anki writes ({\"0\": \"name.mp3\"});"
                + " the package is damaged. Export it from Anki again."
        ),
        (
            "a compressed list", [entry("media", Data([0x28, 0xB5, 0x2F, 0xFD, 0]))], ["a.wav"],
            "f.apkg: The package's media list is compressed, as Anki 23.10 and later write it,"
                + " and Lianxi cannot read it. " + AnkiPackage.legacyExportAdvice
        ),
        (
            "an entry that is no number",
            [entry("media", Data(#"{"../0": "a.wav"}"#.utf8)), entry("0", wave)], ["a.wav"],
            "f.apkg: The media list names the entry “../0”, which is not a number as Anki writes"
                + " them; the package is damaged or forged."
        ),
        (
            "a name with a folder",
            [entry("media", Data(#"{"0": "../a.wav"}"#.utf8)), entry("0", wave)], ["../a.wav"],
            "f.apkg: A note plays [sound:../a.wav], which is not a plain file name."
        ),
        (
            "a file that is not audio",
            [entry("media", Data(#"{"0": "a.wav"}"#.utf8)), entry("0", Data("hello".utf8))],
            ["a.wav"], "f.apkg: a.wav: the file is not MP3, Ogg, WAV, FLAC or M4A audio."
        ),
        (
            "an entry larger than a recording may be",
            [
                entry("media", Data(#"{"0": "a.wav"}"#.utf8)),
                entry("0", wave + Data(count: AudioRecording.maximumSize)),
            ], ["a.wav"],
            "f.apkg: a.wav (entry 0) is 1025 KiB, more than the 1024 KiB Lianxi reads for one"
                + " word's recording."
        ),
        (
            "an entry that says it is larger than it is",
            [
                entry("media", Data(#"{"0": "a.wav"}"#.utf8)),
                entry("0", wave, sizeLie: 50 * 1024 * 1024),
            ], ["a.wav"],
            "f.apkg: a.wav (entry 0) is 51200 KiB, more than the 1024 KiB Lianxi reads for one"
                + " word's recording."
        ),
    ]

    @Test(arguments: forgeries)
    func aForgedPackageIsRefused(
        what: String, entries: [StoredZip.Entry], names: Set<String>, expected: String
    ) {
        switch Self.read(entries, names: names) {
        case .success: Issue.record("\(what): accepted")
        case .failure(let problems): #expect(problems.description == expected, "\(what)")
        }
    }

    @Test func soundsThePackageDoesNotHoldAreLeftOutAsAnkiDoes() throws {
        // Anki leaves files missing from the collection out of its exports (the fixture
        // legacy.apkg plays tuikuan.mp3 and holds no media): the notes import without them.
        let noList = Self.read([Self.entry("0", Self.wave)], names: ["a.wav"])
        let notListed = Self.read(
            [Self.entry("media", Data(#"{"0": "b.wav"}"#.utf8)), Self.entry("0", Self.wave)],
            names: ["a.wav", "b.wav"])
        let noEntry = Self.read(
            [Self.entry("media", Data(#"{"0": "a.wav"}"#.utf8))], names: ["a.wav"])

        #expect(try noList.get().isEmpty)
        #expect(try notListed.get().keys.sorted() == ["b.wav"])
        #expect(try noEntry.get().isEmpty)
    }

    @Test func anEntryThatSaysItIsSmallerThanItIsIsRefused() {
        // The sizes claim 10 bytes; the entry holds 80 (its checksum is of all of them): what
        // is read is 10 bytes that are not a whole audio file, or a checksum that fails.
        let result = Self.read(
            [
                Self.entry("media", Data(#"{"0": "a.wav"}"#.utf8)),
                Self.entry("0", Self.wave, sizeLie: 10),
            ], names: ["a.wav"])
        guard case .failure(let problems) = result else {
            Issue.record("accepted")
            return
        }
        #expect(problems.description.hasPrefix("f.apkg: "))
        #expect(problems.description.contains("a.wav"))
    }
}
