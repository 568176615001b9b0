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
        var writer = JSONWriter(capacity: 16 + answers.count * 320)
        defer { writer.deallocate() }
        writer.reserve(16)
        writer.raw("{\"answers\":[")
        for (index, answer) in answers.enumerated() {
            writer.reserve(JSONWriter.longest(of: answer))
            if index > 0 { writer.byte(UInt8(ascii: ",")) }
            guard writer.answer(answer) else { return nil }
        }
        writer.reserve(16)
        writer.raw("]}")
        return writer.data
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
///
/// The bytes go into one buffer through a pointer, in runs: a text without a character to
/// escape is copied whole, a whole number is written from its digits without a `String`, and
/// each key is written with the punctuation around it. Room is made once per answer, for the
/// most it can take (``longest(of:)``), so the writes themselves check nothing. Appending to
/// an array byte by byte took about 10,000 instructions for an answer of 300 bytes, and
/// appending runs to an array about 4,000 (docs/BENCHMARKS.md, session 15).
///
/// The writer owns its buffer: one is made, used and freed (``deallocate()``) in one scope,
/// never copied.
struct JSONWriter {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    /// A writer with room for `capacity` bytes to begin with.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    /// Frees the buffer; the writer is not used after.
    func deallocate() {
        start.deallocate()
    }

    /// The bytes written.
    var data: Data {
        Data(bytes: start, count: count)
    }

    /// Makes room for `extra` more bytes; every write must have room made for it first.
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: start, count: count)
        start.deallocate()
        (start, capacity) = (moved, grown)
    }

    /// The most bytes `answer` can take, with the comma before it: every byte of its texts
    /// escaped as `\u00XX` (six bytes), and 512 for the keys and punctuation (at most about
    /// 220 bytes), three whole numbers (20 bytes each at most) and two doubles (24 at most).
    static func longest(of answer: SyncedAnswer) -> Int {
        let texts =
            answer.id.utf8.count + answer.deck.utf8.count + answer.note.utf8.count
            + answer.card.utf8.count + (answer.typedAnswer?.utf8.count ?? 0)
            + (answer.verdict?.utf8.count ?? 0) + (answer.phaseBefore?.utf8.count ?? 0)
            + (answer.phaseAfter?.utf8.count ?? 0)
        return 512 + 6 * texts
    }

    mutating func byte(_ byte: UInt8) {
        assert(count < capacity, "no room made for a byte")
        start[count] = byte
        count += 1
    }

    private mutating func copy(_ bytes: UnsafePointer<UInt8>, count length: Int) {
        assert(count + length <= capacity, "no room made for \(length) bytes")
        (start + count).initialize(from: bytes, count: length)
        count += length
    }

    mutating func raw(_ text: StaticString) {
        copy(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Whether `byte` is written escaped in a string: the quote, the backslash and the control
    /// characters below U+0020.
    @inline(__always)
    private static func escapes(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// A string's bytes with JSONEncoder's escapes, without the quotes around them.
    ///
    /// The escapes are the quote's, the backslash's, and those of the control characters below
    /// U+0020 (the five with a short form by it, the others as `\u00XX`). The bytes between
    /// two escapes are copied as one run.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var run = 0
            for index in 0..<utf8.count where Self.escapes(base[index]) {
                copy(base + run, count: index - run)
                escape(base[index])
                run = index + 1
            }
            copy(base + run, count: utf8.count - run)
        }
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        default:
            raw("\\u00")
            self.byte(Self.hexDigit(byte >> 4))
            self.byte(Self.hexDigit(byte & 0xF))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// A whole number in decimal digits, written from the last digit back into a small buffer
    /// on the stack and copied in one run.
    mutating func integer(_ value: Int64) {
        if (0..<10).contains(value) {
            byte(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Int64's longest, "-9223372036854775808", is 20 bytes; the buffer holds 24.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                return
            }
            var magnitude = value.magnitude
            var first = buffer.count
            repeat {
                first -= 1
                base[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                first -= 1
                base[first] = UInt8(ascii: "-")
            }
            copy(base + first, count: buffer.count - first)
        }
    }

    /// A double as JSONEncoder writes it: its shortest text, without a trailing `.0`; false
    /// for a number JSON cannot hold.
    ///
    /// A whole number below 2^53 is written as the integer it is (Swift's shortest text of
    /// such a double is its digits and `.0`; from 2^53 on it may be written with an exponent,
    /// and -0 keeps its sign): most intervals are whole seconds.
    mutating func number(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if value.magnitude < 9_007_199_254_740_992, value.rounded(.towardZero) == value,
            value != 0 || value.sign == .plus
        {
            integer(Int64(value))
            return true
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.text(text)
        return true
    }

    /// One answer, its keys in sorted order, absent optionals left out; each key is written
    /// with the quotes and punctuation around it.
    mutating func answer(_ answer: SyncedAnswer) -> Bool {
        raw("{\"card\":\"")
        text(answer.card)
        raw("\",\"deck\":\"")
        text(answer.deck)
        if let duration = answer.durationMs {
            raw("\",\"duration_ms\":")
            integer(duration)
            raw(",\"id\":\"")
        } else {
            raw("\",\"id\":\"")
        }
        text(answer.id)
        if let interval = answer.intervalSeconds {
            raw("\",\"interval_seconds\":")
            guard number(interval) else { return false }
            raw(",\"note\":\"")
        } else {
            raw("\",\"note\":\"")
        }
        text(answer.note)
        byte(UInt8(ascii: "\""))
        if let phase = answer.phaseAfter {
            raw(",\"phase_after\":\"")
            text(phase)
            byte(UInt8(ascii: "\""))
        }
        if let phase = answer.phaseBefore {
            raw(",\"phase_before\":\"")
            text(phase)
            byte(UInt8(ascii: "\""))
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
            raw(",\"typed_answer\":\"")
            text(typed)
            byte(UInt8(ascii: "\""))
        }
        if let verdict = answer.verdict {
            raw(",\"verdict\":\"")
            text(verdict)
            byte(UInt8(ascii: "\""))
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

    /// The bytes of a string without escapes or control characters, quotes taken, and whether
    /// they are all ASCII.
    private mutating func stringBytes() -> (range: Range<Int>, isASCII: Bool)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var bits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start..<(index - 1), bits < 0x80)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            bits |= byte
            index += 1
        }
        return nil
    }

    /// An object's key and the colon after it.
    mutating func key() -> Range<Int>? {
        guard let key = stringBytes(), take(UInt8(ascii: ":")) else { return nil }
        return key.range
    }

    /// Whether the bytes at `range` are `name`'s.
    func matches(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { name in name.elementsEqual(bytes[range]) }
    }

    /// A string of valid UTF-8 without escapes.
    ///
    /// ASCII, the usual case (an answer's id), is valid UTF-8 as it is: it is not validated
    /// again, which took four times as long as making the string (an acknowledgement lists
    /// 5,000 ids).
    mutating func string() -> String? {
        guard let (range, isASCII) = stringBytes() else { return nil }
        let text = UnsafeRawBufferPointer(rebasing: bytes[range])
        return isASCII
            ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
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
