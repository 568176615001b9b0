import AcademyProtocol
import Foundation
import TestSupport
import Testing

/// A push's acknowledgement is read by hand on the laptop (`PushResponseJSON.swift`): the value
/// the protocol decoder reads from the same bytes, or nothing (then the decoder reads them, and
/// refuses them with its own message).
@Suite struct PushResponseJSONTests {
    /// Acknowledgements as the protocol's encoder writes them.
    static let responses: [(String, PushResponse)] = [
        ("nothing acknowledged", PushResponse(acknowledged: [], added: 0)),
        ("one id", PushResponse(acknowledged: ["a-1"], added: 1)),
        ("ids stored before", PushResponse(acknowledged: ["a-1", "a-2", "a-3"], added: 1)),
        ("hanzi and emoji", PushResponse(acknowledged: ["学习-😀", "ǚ/x:y"], added: 2)),
        ("an escaped id", PushResponse(acknowledged: ["a\"b", "c\\d", "e\nf"], added: 0)),
        ("a negative count", PushResponse(acknowledged: ["a"], added: -1)),
        ("the largest count", PushResponse(acknowledged: [], added: Int.max)),
    ]

    @Test(arguments: responses.map(\.0))
    func theEncodersBytesReadAsTheDecoderReadsThem(_ name: String) throws {
        let response = try #require(Self.responses.first { $0.0 == name }?.1)
        let bytes = try AcademyJSON.encoder().encode(response)
        let decoded = try AcademyJSON.decoder().decode(PushResponse.self, from: bytes)
        let read = bytes.withUnsafeBytes { PushResponse(plainJSON: $0) }
        // The escaped ids are left to the decoder; everything else is read by hand.
        let escaped = response.acknowledged.contains { id in
            id.unicodeScalars.contains { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }
        }
        #expect(read == (escaped ? nil : decoded))
    }

    /// Random ids and counts, written by the encoder, read by hand and by the decoder.
    @Test(arguments: 0..<20)
    func randomAcknowledgementsAgreeWithFoundation(_ seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let alphabet = Array("abcxyz019-_ /.:学习ǚ😀")
        let response = PushResponse(
            acknowledged: (0..<Int.random(in: 0...200, using: &random)).map { index in
                "\(index)-"
                    + String(
                        (0..<Int.random(in: 0...40, using: &random)).map { _ in
                            alphabet.randomElement(using: &random) ?? "a"
                        })
            }, added: Int.random(in: 0...Int.max, using: &random))
        let bytes = try AcademyJSON.encoder().encode(response)
        let read = try #require(bytes.withUnsafeBytes { PushResponse(plainJSON: $0) })
        #expect(read == response)
        #expect(read == (try AcademyJSON.decoder().decode(PushResponse.self, from: bytes)))
    }

    /// Valid JSON written another way than the encoder writes it: read by hand when it is only
    /// spaced or ordered differently, with the decoder's value.
    @Test(arguments: [
        #"{ "added" : 2 , "acknowledged" : [ "a" , "b" ] }"#,
        "{\n\t\"acknowledged\": [\r\n],\n\"added\": -0\n}\n",
        #"{"acknowledged":["x"],"added":0}"#,
    ])
    func plainJSONWrittenAnotherWayReadsAsTheDecoderReadsIt(_ text: String) throws {
        let bytes = Data(text.utf8)
        let read = try #require(bytes.withUnsafeBytes { PushResponse(plainJSON: $0) })
        #expect(read == (try AcademyJSON.decoder().decode(PushResponse.self, from: bytes)))
    }

    /// Bodies the hand-written reader leaves to the decoder: escapes, keys it does not know or
    /// sees twice, a count that is not a plain whole number, a missing or null field, a
    /// number among the ids, bytes that are not UTF-8 or not JSON.
    @Test(arguments: [
        #"{"acknowledged":["\u0078"],"added":1}"#,
        #"{"acknowledged":["x"],"added":1,"extra":1}"#,
        #"{"acknowledged":["x"],"acknowledged":["y"],"added":1}"#,
        #"{"acknowledged":["x"],"added":1,"added":2}"#,
        #"{"acknowledged":["x"],"added":1.0}"#,
        #"{"acknowledged":["x"],"added":1e0}"#,
        #"{"acknowledged":["x"],"added":01}"#,
        #"{"acknowledged":["x"],"added":99999999999999999999}"#,
        #"{"acknowledged":["x"],"added":"1"}"#,
        #"{"acknowledged":["x"],"added":null}"#,
        #"{"acknowledged":["x"]}"#,
        #"{"added":1}"#,
        #"{"acknowledged":null,"added":1}"#,
        #"{"acknowledged":[1],"added":1}"#,
        #"{"acknowledged":["x",],"added":1}"#,
        #"{"acknowledged":["x"],"added":1,}"#,
        #"{"acknowledged":["x"],"added":1} x"#,
        #"{"acknowledged":["x"],"added":1"#,
        "{\"acknowledged\":[\"a\tb\"],\"added\":1}",
        "[]",
        "",
    ])
    func everythingElseIsLeftToTheDecoder(_ text: String) {
        let bytes = Data(text.utf8)
        #expect(bytes.withUnsafeBytes { PushResponse(plainJSON: $0) } == nil)
    }

    @Test func bytesThatAreNotUTF8AreLeftToTheDecoder() throws {
        var bytes = Data(#"{"acknowledged":[""#.utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: #""],"added":1}"#.utf8)
        #expect(bytes.withUnsafeBytes { PushResponse(plainJSON: $0) } == nil)
        #expect(throws: (any Error).self) {
            try AcademyJSON.decoder().decode(PushResponse.self, from: bytes)
        }
    }
}
