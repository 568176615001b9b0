import AcademyProtocol
import Foundation
import TestSupport
import Testing

/// A push is written and read by hand (`PushJSON.swift`): the bytes written are the protocol
/// encoder's, and a body read by hand is the value the protocol decoder reads from it, or
/// nothing (then the decoder reads it, and refuses it with its own message).
@Suite struct PushJSONTests {
    static let full = SyncedAnswer(
        id: "a-1", deck: "hsk1", note: "n-1", card: "pinyin", reviewedAtMs: 1_764_000_000_000,
        rating: 3, durationMs: 4_200, typedAnswer: "yin2hang2", verdict: "correct",
        phaseBefore: "review", phaseAfter: "review", intervalSeconds: 86_400.5,
        previousIntervalSeconds: 43_200)

    static func answer(
        id: String = "a-1", typed: String? = nil, duration: Int64? = nil,
        interval: Double? = nil, previous: Double? = nil, reviewedAtMs: Int64 = 1_764_000_000_000
    ) -> SyncedAnswer {
        SyncedAnswer(
            id: id, deck: "hsk1", note: "n-1", card: "recognition", reviewedAtMs: reviewedAtMs,
            rating: 1, durationMs: duration, typedAnswer: typed, intervalSeconds: interval,
            previousIntervalSeconds: previous)
    }

    /// Texts, numbers and absent fields where a hand-written encoder could differ.
    static let pushes: [(String, [SyncedAnswer])] = [
        ("empty", []),
        ("every field", [full]),
        ("no optional field", [answer()]),
        ("two answers", [full, answer(id: "a-2")]),
        ("quote and backslash", [answer(typed: #"say "hǎo" \ not /"#)]),
        ("control characters", [answer(typed: "a\nb\tc\r\u{8}\u{C}\u{1}\u{1F}\u{7F}")]),
        ("hanzi and emoji", [answer(id: "学习-😀", typed: "xué xí 学习")]),
        ("whole doubles", [answer(interval: 0, previous: 86_400)]),
        ("fractions", [answer(interval: 0.1, previous: 123_456.789)]),
        ("tiny and huge", [answer(interval: 1e-7, previous: 1.7976931348623157e308)]),
        ("exponents", [answer(interval: 1e16, previous: .leastNonzeroMagnitude)]),
        ("negative numbers", [answer(duration: -1, interval: -2.5, reviewedAtMs: -5)]),
        ("extreme integers", [answer(duration: Int64.min, reviewedAtMs: Int64.max)]),
    ]

    @Test(arguments: pushes.map(\.0))
    func theWrittenBytesAreTheEncoders(_ name: String) throws {
        let answers = try #require(Self.pushes.first { $0.0 == name }?.1)
        let push = PushRequest(answers: answers)
        let written = try #require(push.encodedJSON())
        #expect(
            String(decoding: written, as: UTF8.self)
                == String(decoding: try AcademyJSON.encoder().encode(push), as: UTF8.self))
    }

    @Test(arguments: pushes.map(\.0))
    func theEncodersBytesReadBackAsTheDecoderReadsThem(_ name: String) throws {
        let answers = try #require(Self.pushes.first { $0.0 == name }?.1)
        let bytes = try AcademyJSON.encoder().encode(PushRequest(answers: answers))
        let decoded = try AcademyJSON.decoder().decode(PushRequest.self, from: bytes)
        let read = bytes.withUnsafeBytes { PushRequest(plainJSON: $0) }
        // The escaped texts are left to the decoder; everything else is read by hand.
        let escaped = answers.contains { answer in
            (answer.typedAnswer ?? "").unicodeScalars.contains {
                $0.value < 0x20 || $0 == "\"" || $0 == "\\"
            }
        }
        #expect(read == (escaped ? nil : decoded))
    }

    @Test(arguments: [Double.infinity, -Double.infinity, Double.nan])
    func aNumberJSONCannotHoldIsLeftToTheEncoder(_ interval: Double) throws {
        let push = PushRequest(answers: [Self.answer(interval: interval)])
        #expect(push.encodedJSON() == nil)
        #expect(throws: EncodingError.self) { try AcademyJSON.encoder().encode(push) }
    }

    /// Random answers, written by hand and by the encoder, read by hand and by the decoder.
    @Test(arguments: 0..<20)
    func randomPushesAgreeWithFoundation(_ seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let alphabet = Array("abcxyz019-_ /.:学习ǚ😀")
        func text() -> String {
            String(
                (0..<Int.random(in: 1...12, using: &random)).map { _ in
                    alphabet.randomElement(using: &random) ?? "a"
                })
        }
        func number() -> Double {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: Double(Int.random(in: 0...10_000_000, using: &random))
            case 1: Double.random(in: 0...1e9, using: &random)
            case 2: Double.random(in: 0...1, using: &random)
            default:
                Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF, using: &random))
            }
        }
        let answers = (0..<50).map { index in
            SyncedAnswer(
                id: "\(index)-" + text(), deck: text(), note: text(),
                card: ["recognition", "production", "pinyin", "listening"][index % 4],
                reviewedAtMs: Int64.random(in: Int64.min...Int64.max, using: &random),
                rating: Int.random(in: -3...9, using: &random),
                durationMs: Bool.random(using: &random)
                    ? Int64.random(in: -1...86_400_000, using: &random) : nil,
                typedAnswer: Bool.random(using: &random) ? text() : nil,
                verdict: Bool.random(using: &random) ? text() : nil,
                phaseBefore: Bool.random(using: &random) ? text() : nil,
                phaseAfter: Bool.random(using: &random) ? text() : nil,
                intervalSeconds: Bool.random(using: &random) ? number() : nil,
                previousIntervalSeconds: Bool.random(using: &random) ? number() : nil)
        }
        let push = PushRequest(answers: answers)
        let bytes = try AcademyJSON.encoder().encode(push)
        #expect(push.encodedJSON() == bytes)
        let read = try #require(bytes.withUnsafeBytes { PushRequest(plainJSON: $0) })
        #expect(read == push)
        #expect(read == (try AcademyJSON.decoder().decode(PushRequest.self, from: bytes)))
    }

    /// Whole numbers are written from their digits, the others through Swift's shortest text:
    /// around 2^53 (where that text takes an exponent), zero of either sign, the largest and
    /// smallest, and neighbours of whole numbers.
    static let doubles: [Double] = [
        0, -0.0, 1, -1, 9, 10, -10, 600, 86_400, 1e15, 1e15 + 1, 9_007_199_254_740_991,
        -9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e16, -1e16,
        1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude,
        .leastNonzeroMagnitude, 0.5, 599.9999999999999, 600.0000000000001, -2.5, 1e-7,
    ]

    @Test(arguments: doubles)
    func aNumberIsWrittenAsTheEncoderWritesIt(_ number: Double) throws {
        let push = PushRequest(answers: [Self.answer(interval: number, previous: -number)])
        let written = try #require(push.encodedJSON())
        #expect(
            String(decoding: written, as: UTF8.self)
                == String(decoding: try AcademyJSON.encoder().encode(push), as: UTF8.self))
    }

    /// Texts of hostile characters, seeded: every control character, the quote, the
    /// backslash, the slash, characters outside the basic plane, combining marks, the line
    /// and paragraph separators, a byte-order mark, a replacement character; written by hand
    /// and by the encoder, byte for byte.
    @Test(arguments: 0..<20)
    func hostileTextsAreEscapedAsTheEncoderEscapesThem(_ seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) + 1_000)
        let hostile =
            (0..<0x20).compactMap { Unicode.Scalar($0).map(Character.init) }
            + Array("\"\\/\u{7F}\u{80}\u{2028}\u{2029}\u{FEFF}\u{FFFD}\u{10FFFF}😀𝄞e\u{301}ǚ学 ax")
        func text() -> String {
            String(
                (0..<Int.random(in: 0...16, using: &random)).map { _ in
                    hostile.randomElement(using: &random) ?? "a"
                })
        }
        let answers = (0..<30).map { index in
            SyncedAnswer(
                id: text(), deck: text(), note: text(), card: text(),
                reviewedAtMs: Int64.random(in: -1_000...1_000, using: &random),
                rating: index % 5, durationMs: nil,
                typedAnswer: Bool.random(using: &random) ? text() : nil,
                verdict: Bool.random(using: &random) ? text() : nil,
                phaseBefore: Bool.random(using: &random) ? text() : nil,
                phaseAfter: Bool.random(using: &random) ? text() : nil)
        }
        let push = PushRequest(answers: answers)
        let written = try #require(push.encodedJSON())
        #expect(written == (try AcademyJSON.encoder().encode(push)))
        #expect(try AcademyJSON.decoder().decode(PushRequest.self, from: written) == push)
    }

    /// Valid JSON written another way than the protocol's encoder writes it: read by hand when
    /// it is only spaced or ordered differently, with the decoder's value.
    @Test(arguments: [
        #"{ "answers" : [ { "rating" : 1 , "id" : "x" , "deck" : "d" , "note" : "n" , "card" : "pinyin" , "reviewed_at_ms" : 5 } ] }"#,
        "{\n\t\"answers\": [\r\n]\n}\n",
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":2,"duration_ms":null,"typed_answer":null,"interval_seconds":null}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":-0,"rating":2,"interval_seconds":1.5E+3,"previous_interval_seconds":-0.0}]}"#,
    ])
    func plainJSONWrittenAnotherWayReadsAsTheDecoderReadsIt(_ text: String) throws {
        let bytes = Data(text.utf8)
        let read = try #require(bytes.withUnsafeBytes { PushRequest(plainJSON: $0) })
        #expect(read == (try AcademyJSON.decoder().decode(PushRequest.self, from: bytes)))
    }

    /// Bodies the hand-written reader leaves to the decoder: escapes, keys it does not know or
    /// sees twice, numbers that are not plain whole numbers, missing or null required fields,
    /// bytes that are not UTF-8 or not JSON.
    @Test(arguments: [
        #"{"answers":[{"id":"\u0078","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1,"extra":1}]}"#,
        #"{"answers":[],"more":true}"#,
        #"{"answers":[{"id":"x","id":"y","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1.0}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5e3,"rating":1}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":05,"rating":1}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":99999999999999999999,"rating":1}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1,"interval_seconds":.5}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1,"interval_seconds":1e999}]}"#,
        #"{"answers":[{"deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1}]}"#,
        #"{"answers":[{"id":null,"deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":"1"}]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1},]}"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1}]} x"#,
        #"{"answers":[{"id":"x","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1}"#,
        "{\"answers\":[{\"id\":\"a\tb\",\"deck\":\"d\",\"note\":\"n\",\"card\":\"pinyin\",\"reviewed_at_ms\":5,\"rating\":1}]}",
        "",
    ])
    func everythingElseIsLeftToTheDecoder(_ text: String) {
        let bytes = Data(text.utf8)
        #expect(bytes.withUnsafeBytes { PushRequest(plainJSON: $0) } == nil)
    }

    @Test func bytesThatAreNotUTF8AreLeftToTheDecoder() throws {
        var bytes = Data(#"{"answers":[{"id":""#.utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(
            contentsOf: #"","deck":"d","note":"n","card":"pinyin","reviewed_at_ms":5,"rating":1}]}"#
                .utf8)
        #expect(bytes.withUnsafeBytes { PushRequest(plainJSON: $0) } == nil)
        #expect(throws: (any Error).self) {
            try AcademyJSON.decoder().decode(PushRequest.self, from: bytes)
        }
    }
}
