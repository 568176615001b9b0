import Foundation

// A push of 5,000 answers is 1.3 MB of JSON; Foundation's JSONEncoder and JSONDecoder spent
// tens of milliseconds on each, on the sync's critical path (docs/BENCHMARKS.md, session 10).
// These write and read the same bytes by hand. The writer's output is byte for byte
// `AcademyJSON.encoder()`'s; the reader takes only the plainest form of the protocol's JSON
// and returns nil for anything else, which the caller then gives to `AcademyJSON.decoder()`:
// the same value, or the same error message, as before.

extension PushRequest {
    /// The request as `AcademyJSON.encoder()` writes it (sorted keys, no escaped slashes),
    /// written directly; nil if an answer holds a number JSON cannot carry (infinite or not
    /// a number), for which the encoder's own error is the one to show.
    public func encodedJSON() -> Data? {
        var writer = JSONWriter()
        writer.reserve(answers.count * 300 + 16)
        writer.raw("{\"answers\":[")
        for (index, answer) in answers.enumerated() {
            if index > 0 { writer.byte(UInt8(ascii: ",")) }
            guard writer.answer(answer) else { return nil }
        }
        writer.raw("]}")
        return Data(writer.bytes)
    }

    /// Reads a push written in the protocol's plainest form: an object whose only key is
    /// `answers`, each answer an object of the protocol's keys (in any order, at most once
    /// each), strings without escapes, whole numbers as digits; nil for anything else,
    /// including JSON that is valid but written another way, and bytes that are not JSON.
    public init?(plainJSON bytes: UnsafeRawBufferPointer) {
        var reader = JSONReader(bytes: bytes)
        guard reader.take(UInt8(ascii: "{")), let key = reader.key(),
            reader.matches(key, "answers"), reader.take(UInt8(ascii: "["))
        else { return nil }
        var answers: [SyncedAnswer] = []
        if !reader.take(UInt8(ascii: "]")) {
            repeat {
                guard let answer = reader.answer() else { return nil }
                answers.append(answer)
            } while reader.take(UInt8(ascii: ","))
            guard reader.take(UInt8(ascii: "]")) else { return nil }
        }
        guard reader.take(UInt8(ascii: "}")), reader.atEnd else { return nil }
        self.init(answers: answers)
    }
}

/// JSON bytes as `JSONEncoder` writes them with `.sortedKeys` and `.withoutEscapingSlashes`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    mutating func byte(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A string with JSONEncoder's escapes: the quote, the backslash, and control characters
    /// below U+0020 (the five with a short form by it, the others as `\u00XX`).
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0..<0x20:
                    raw("\\u00")
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0xF)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// A double as JSONEncoder writes it: its shortest text, without a trailing `.0`; false
    /// for a number JSON cannot hold.
    mutating func number(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
        return true
    }

    /// One answer, its keys in sorted order, absent optionals left out.
    mutating func answer(_ answer: SyncedAnswer) -> Bool {
        raw("{\"card\":")
        string(answer.card)
        raw(",\"deck\":")
        string(answer.deck)
        if let duration = answer.durationMs {
            raw(",\"duration_ms\":")
            integer(duration)
        }
        raw(",\"id\":")
        string(answer.id)
        if let interval = answer.intervalSeconds {
            raw(",\"interval_seconds\":")
            guard number(interval) else { return false }
        }
        raw(",\"note\":")
        string(answer.note)
        if let phase = answer.phaseAfter {
            raw(",\"phase_after\":")
            string(phase)
        }
        if let phase = answer.phaseBefore {
            raw(",\"phase_before\":")
            string(phase)
        }
        if let previous = answer.previousIntervalSeconds {
            raw(",\"previous_interval_seconds\":")
            guard number(previous) else { return false }
        }
        raw(",\"rating\":")
        integer(Int64(answer.rating))
        raw(",\"reviewed_at_ms\":")
        integer(answer.reviewedAtMs)
        if let typed = answer.typedAnswer {
            raw(",\"typed_answer\":")
            string(typed)
        }
        if let verdict = answer.verdict {
            raw(",\"verdict\":")
            string(verdict)
        }
        byte(UInt8(ascii: "}"))
        return true
    }
}

/// Reads the plainest form of JSON: every method returns nil (or false) rather than guess, and
/// leaves the rest to `JSONDecoder`.
struct JSONReader {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Whether only whitespace is left.
    var atEnd: Bool {
        mutating get {
            skipSpace()
            return index == bytes.count
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Takes `byte` after any whitespace, if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The bytes of a string without escapes or control characters, quotes taken.
    private mutating func stringBytes() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// An object's key and the colon after it.
    mutating func key() -> Range<Int>? {
        guard let key = stringBytes(), take(UInt8(ascii: ":")) else { return nil }
        return key
    }

    /// Whether the bytes at `range` are `name`'s.
    func matches(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { name in name.elementsEqual(bytes[range]) }
    }

    /// A string of valid UTF-8 without escapes.
    mutating func string() -> String? {
        guard let range = stringBytes() else { return nil }
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// `null`, if it is next.
    mutating func null() -> Bool {
        skipSpace()
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"),
            bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
            bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// A whole number written as digits (an optional minus, no leading zero), within Int64.
    mutating func integer() -> Int64? {
        skipSpace()
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var magnitude: UInt64 = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            guard !overflow, !carry else { return nil }
            magnitude = sum
            index += 1
        }
        let count = index - start
        guard count > 0, count == 1 || bytes[start] != UInt8(ascii: "0"), !continuesNumber
        else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return Int64(exactly: magnitude)
    }

    /// Whether a fraction or an exponent follows digits (not a whole number then).
    private var continuesNumber: Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// A number in JSON's grammar, read as the nearest double.
    mutating func number() -> Double? {
        skipSpace()
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
            {
                index += 1
            }
            return index - from
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0")
        else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count,
            bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
        {
            index += 1
            if index < bytes.count,
                bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
            {
                index += 1
            }
            guard digits() > 0 else { return nil }
        }
        let text = String(
            decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `null` as nil, or a value `read` reads; nil when neither is next.
    private mutating func optional<Value>(_ read: (inout JSONReader) -> Value?) -> Value?? {
        if null() { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }

    /// One answer: an object of the protocol's keys, each at most once, the required ones all
    /// present; optionals may be `null`.
    mutating func answer() -> SyncedAnswer? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var (id, deck, note, card): (String?, String?, String?, String?) = (nil, nil, nil, nil)
        var (reviewedAtMs, rating, durationMs): (Int64?, Int64?, Int64?) = (nil, nil, nil)
        var (typedAnswer, verdict, phaseBefore, phaseAfter): (String?, String?, String?, String?)
        var (intervalSeconds, previousIntervalSeconds): (Double?, Double?)
        // One bit a key: a key seen twice is left to JSONDecoder.
        var seen: UInt16 = 0
        func first(_ bit: UInt16) -> Bool {
            defer { seen |= bit }
            return seen & bit == 0
        }
        let text: (inout JSONReader) -> String? = { $0.string() }
        let whole: (inout JSONReader) -> Int64? = { $0.integer() }
        let real: (inout JSONReader) -> Double? = { $0.number() }
        if !take(UInt8(ascii: "}")) {
            repeat {
                guard let key = key() else { return nil }
                switch key.count {
                case 2 where matches(key, "id"):
                    guard first(1 << 0), let value = string() else { return nil }
                    id = value
                case 4 where matches(key, "deck"):
                    guard first(1 << 1), let value = string() else { return nil }
                    deck = value
                case 4 where matches(key, "note"):
                    guard first(1 << 2), let value = string() else { return nil }
                    note = value
                case 4 where matches(key, "card"):
                    guard first(1 << 3), let value = string() else { return nil }
                    card = value
                case 14 where matches(key, "reviewed_at_ms"):
                    guard first(1 << 4), let value = integer() else { return nil }
                    reviewedAtMs = value
                case 6 where matches(key, "rating"):
                    guard first(1 << 5), let value = integer() else { return nil }
                    rating = value
                case 11 where matches(key, "duration_ms"):
                    guard first(1 << 6), let value = optional(whole) else { return nil }
                    durationMs = value
                case 12 where matches(key, "typed_answer"):
                    guard first(1 << 7), let value = optional(text) else { return nil }
                    typedAnswer = value
                case 7 where matches(key, "verdict"):
                    guard first(1 << 8), let value = optional(text) else { return nil }
                    verdict = value
                case 12 where matches(key, "phase_before"):
                    guard first(1 << 9), let value = optional(text) else { return nil }
                    phaseBefore = value
                case 11 where matches(key, "phase_after"):
                    guard first(1 << 10), let value = optional(text) else { return nil }
                    phaseAfter = value
                case 16 where matches(key, "interval_seconds"):
                    guard first(1 << 11), let value = optional(real) else { return nil }
                    intervalSeconds = value
                case 25 where matches(key, "previous_interval_seconds"):
                    guard first(1 << 12), let value = optional(real) else { return nil }
                    previousIntervalSeconds = value
                default:
                    return nil
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        guard let id, let deck, let note, let card, let reviewedAtMs, let rating,
            let rating = Int(exactly: rating)
        else { return nil }
        return SyncedAnswer(
            id: id, deck: deck, note: note, card: card, reviewedAtMs: reviewedAtMs,
            rating: rating, durationMs: durationMs, typedAnswer: typedAnswer, verdict: verdict,
            phaseBefore: phaseBefore, phaseAfter: phaseAfter, intervalSeconds: intervalSeconds,
            previousIntervalSeconds: previousIntervalSeconds)
    }
}
