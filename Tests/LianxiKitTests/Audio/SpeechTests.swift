import Foundation
import Storage
import Testing

@testable import LianxiKit

/// What espeak-ng is given, and what the real espeak-ng makes of it.
@Suite struct SpeechTests {
    @Test(arguments: [
        ("yínháng", "yin2 hang2"),
        ("kuàijì", "kuai4 ji4"),
        ("huán kuǎn", "huan2 kuan3"),
        ("yin2hang2", "yin2 hang2"),
        ("lǜshī", "lü4 shi1"),
        ("nǚ'ér", "nü3 er2"),
        ("xiānsheng", "xian1 sheng5"),
        ("yìdiǎnr", "yi4 dianr3"),
        ("Zhōngguó", "zhong1 guo2"),
    ])
    func theInputIsThePinyinWithToneNumbers(pinyin: String, expected: String) {
        #expect(SpeechText.input(forPinyin: pinyin) == expected)
    }

    @Test(arguments: ["银行", "", "bank", "yin9"])
    func whatIsNotPinyinIsNotSpoken(text: String) {
        #expect(SpeechText.input(forPinyin: text) == nil)
    }

    /// The pinyin of every shipped note, as espeak-ng would be given it.
    static func shippedInputs() throws -> [(hanzi: String, input: String)] {
        try ShippedDecks.files.flatMap { file in
            try LianxiDeckFile.read(file.text, file: file.name).notes.map { note in
                (
                    note.hanzi,
                    try #require(SpeechText.input(forPinyin: note.pinyin), "\(note.pinyin)")
                )
            }
        }
    }

    @Test func everyShippedNoteHasPinyinToSpeakAndNoHanzi() throws {
        let inputs = try Self.shippedInputs()
        #expect(inputs.count >= 3000)
        for (hanzi, input) in inputs {
            #expect(
                input.unicodeScalars.allSatisfy {
                    "abcdefghijklmnopqrstuvwxyzü12345 ".unicodeScalars.contains($0)
                },
                "\(hanzi): \(input)")
        }
    }

    // MARK: - The real espeak-ng

    static let espeak = installedProgram("espeak-ng")
    static let soxi = installedProgram("soxi")

    /// The duration `soxi -D` measures, in seconds.
    static func duration(of file: URL) throws -> Double {
        let soxi = try #require(Self.soxi)
        let text = try #require(output(of: soxi, ["-D", file.path]))
        return try #require(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test(
        .enabled(
            if: espeak != nil && soxi != nil,
            "espeak-ng or sox is not installed: sudo apt-get install espeak-ng sox"))
    func everyShippedNoteIsSynthesisedAtAPlausibleLength() throws {
        let inputs = try Self.shippedInputs()
        let folder = try AudioFolder()
        defer { folder.remove() }
        let synthesizer = SpeechSynthesizer(
            executable: try #require(Self.espeak), cacheFolder: folder.cache)
        try FileManager.default.createDirectory(
            at: folder.cache, withIntermediateDirectories: true)

        // All 3,000 notes in one run of espeak-ng, one note a line (each line a sentence).
        let list = folder.url.appendingPathComponent("notes.txt")
        try Data(inputs.map(\.input).joined(separator: "\n").utf8).write(to: list)
        let all = folder.url.appendingPathComponent("all.wav")
        let batch = Process()
        batch.executableURL = URL(fileURLWithPath: synthesizer.executable)
        batch.arguments = ["-v", SpeechText.voice, "-f", list.path, "-w", all.path]
        try batch.run()
        batch.waitUntilExit()
        #expect(batch.terminationStatus == 0)
        let syllables = inputs.reduce(0) { $0 + SpeechText.syllableCount(ofInput: $1.input) }
        let total = try Self.duration(of: all)
        let perSyllable = total / Double(syllables)
        print("espeak-ng read \(inputs.count) notes, \(syllables) syllables, in \(total) s")
        // Mandarin is read at 4-6 syllables a second; with a pause after each word, 0.15 to
        // 0.6 seconds a syllable.
        #expect((0.15...0.6).contains(perSyllable), "\(perSyllable) s a syllable")

        // A sample of single notes (every 300th), each as a session synthesises it: a
        // quarter second of silence after it, 0.15 to 0.6 seconds a syllable.
        for index in stride(from: 0, to: inputs.count, by: 300) {
            let input = inputs[index].input
            let file = synthesizer.cachedFile(forInput: input)
            try synthesizer.synthesize(input: input, to: file)
            let count = Double(SpeechText.syllableCount(ofInput: input))
            let seconds = try Self.duration(of: file)
            #expect(
                (0.15 * count...0.35 + 0.6 * count).contains(seconds),
                "\(inputs[index].hanzi) (\(input)): \(seconds) s")
        }
    }

    /// The phonemes espeak-ng reads `text` as (`-x`), without sound.
    static func phonemes(_ text: String) throws -> String {
        let espeak = try #require(Self.espeak)
        return try #require(output(of: espeak, ["-q", "-x", "-v", SpeechText.voice, text]))
    }

    @Test(.enabled(if: espeak != nil, "espeak-ng is not installed: sudo apt-get install espeak-ng"))
    func fromThePinyinBusinessPolyphonesAreReadRight() throws {
        // From hanzi espeak-ng reads 银行 as yínxíng, 会计 as huìjì, 还款 as háikuǎn; from the
        // notes' pinyin it reads háng, kuài and huán.
        let cases = [
            ("银行", "yínháng", "S;'i35N", "X'a35N"),
            ("会计", "kuàijì", "X'uei51", "kh'uai51"),
            ("还款", "huánkuǎn", "X'ai35", "X'ua35n"),
        ]
        for (hanzi, pinyin, misread, right) in cases {
            let fromHanzi = try Self.phonemes(hanzi)
            let fromPinyin = try Self.phonemes(try #require(SpeechText.input(forPinyin: pinyin)))
            #expect(fromHanzi.contains(misread), "\(hanzi): \(fromHanzi)")
            #expect(fromPinyin.contains(right), "\(pinyin): \(fromPinyin)")
            #expect(!fromPinyin.contains(misread), "\(pinyin): \(fromPinyin)")
        }
    }

    @Test(.enabled(if: espeak != nil, "espeak-ng is not installed: sudo apt-get install espeak-ng"))
    func aWordWithoutRecordingIsSynthesisedOnceAndPlayedFromTheCache() throws {
        let folder = try AudioFolder()
        defer { folder.remove() }
        let (database, deck) = try SpeakerTests.importedAudioDeck()
        let synthesizer = SpeechSynthesizer(
            executable: try #require(Self.espeak), cacheFolder: folder.cache)
        let speaker = Speaker(
            players: [try folder.fakePlayer()], synthesizer: synthesizer,
            cacheFolder: folder.cache, database: database)
        let accountant = try SpeakerTests.noteId("会计", in: deck, database)

        speaker.play(noteId: accountant, pinyin: "kuàijì")
        speaker.waitUntilSilent()
        speaker.play(noteId: accountant, pinyin: "kuàijì")
        speaker.waitUntilSilent()

        let expected = synthesizer.cachedFile(forInput: "kuai4 ji4").path
        #expect(folder.log.map(\.path) == [expected, expected])
        #expect(try folder.played(0).starts(with: Data("RIFF".utf8)))
        #expect(try folder.played(0) == folder.played(1))
        #expect(speaker.takeNotices().isEmpty)
        // Only the finished file is left in the cache.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.cache.path)
                == [URL(fileURLWithPath: expected).lastPathComponent])
    }
}
