/// One 4 KiB block of the answer journal (``AnswerJournal``), as bytes: a pure value, encoded
/// and decoded without I/O.
///
/// Every block starts with the same 32 bytes (little-endian):
///
/// | offset | size | field |
/// |---:|---:|---|
/// | 0 | 4 | kind: `LXJH` (a header) or `LXJR` (an answer) |
/// | 4 | 2 | format (1) |
/// | 6 | 2 | the payload's length in bytes |
/// | 8 | 8 | generation |
/// | 16 | 8 | sequence (an answer's place in its generation, from 1; 0 in a header) |
/// | 24 | 8 | FNV-1a 64 of bytes 0-23 and of the payload |
/// | 32 | … | payload |
///
/// A block whose kind, format, length or checksum does not match (zeros never written, a
/// write torn by a power cut, another file's bytes) decodes to `nil`: it is ignored.
enum JournalBlock: Hashable, Sendable {
    /// The journal's header: the generation its answers belong to and how many it holds.
    case header(generation: UInt64, capacity: Int)
    /// An answer of `generation`, the `sequence`-th written since that generation began.
    case answer(JournalRecord, generation: UInt64, sequence: UInt64)

    /// A block's size: one page of the file system and of the disk, so that a block is written
    /// whole or, after a power cut, recognised as torn.
    static let size = 4_096
    /// The bytes before the payload.
    static let headerSize = 32
    /// The largest payload a block holds.
    static let maximumPayload = size - headerSize
    /// The format written, and the only one read.
    static let format: UInt16 = 1

    private static let headerKind: UInt32 = 0x484A_584C  // "LXJH"
    private static let answerKind: UInt32 = 0x524A_584C  // "LXJR"

    /// The block's bytes, `size` of them (zeros after the payload), or `nil` when the payload
    /// does not fit in a block (an answer with thousands of typed characters).
    func encoded() -> [UInt8]? {
        var payload = JournalWriter()
        let kind: UInt32
        let generation: UInt64
        let sequence: UInt64
        switch self {
        case .header(let value, let capacity):
            (kind, generation, sequence) = (Self.headerKind, value, 0)
            payload.integer(Int64(capacity))
        case .answer(let record, let value, let number):
            (kind, generation, sequence) = (Self.answerKind, value, number)
            record.write(to: &payload)
        }
        guard payload.bytes.count <= Self.maximumPayload else { return nil }
        var block = [UInt8](repeating: 0, count: Self.size)
        block.store(kind, at: 0)
        block.store(Self.format, at: 4)
        block.store(UInt16(payload.bytes.count), at: 6)
        block.store(generation, at: 8)
        block.store(sequence, at: 16)
        block.replaceSubrange(
            Self.headerSize..<Self.headerSize + payload.bytes.count, with: payload.bytes)
        block.store(Self.checksum(of: block, payloadLength: payload.bytes.count), at: 24)
        return block
    }

    /// The block in `bytes` (at least `size` of them), or `nil` when they hold no valid block.
    init?(decoding bytes: some RandomAccessCollection<UInt8>) {
        let block = Array(bytes.prefix(Self.size))
        guard block.count == Self.size, block.load(UInt16.self, at: 4) == Self.format else {
            return nil
        }
        let length = Int(block.load(UInt16.self, at: 6))
        guard length <= Self.maximumPayload,
            block.load(UInt64.self, at: 24) == Self.checksum(of: block, payloadLength: length)
        else { return nil }
        let generation = block.load(UInt64.self, at: 8)
        let sequence = block.load(UInt64.self, at: 16)
        var reader = JournalReader(block[Self.headerSize..<Self.headerSize + length])
        switch block.load(UInt32.self, at: 0) {
        case Self.headerKind where sequence == 0:
            guard let capacity = try? reader.integer(), capacity > 0, reader.isAtEnd else {
                return nil
            }
            self = .header(generation: generation, capacity: Int(capacity))
        case Self.answerKind where sequence > 0:
            guard let record = try? JournalRecord(from: &reader), reader.isAtEnd else {
                return nil
            }
            self = .answer(record, generation: generation, sequence: sequence)
        default:
            return nil
        }
    }

    /// FNV-1a 64 over the fixed fields (bytes 0-23) and the payload.
    static func checksum(of block: [UInt8], payloadLength: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in block[0..<24] {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        for byte in block[headerSize..<headerSize + payloadLength] {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// An answer as the journal keeps it: the two rows `StudyDatabase.record(_:progress:)` writes.
struct JournalRecord: Hashable, Sendable {
    /// The answer's row of `review_log`.
    let answer: ReviewLogRecord
    /// The card's new row of `card_state`.
    let state: CardStateRecord

    init(answer: ReviewLogRecord, state: CardStateRecord) {
        self.answer = answer
        self.state = state
    }

    /// The answer's id (`review_log.id`).
    var id: String { answer.id }

    func write(to writer: inout JournalWriter) {
        answer.write(to: &writer)
        state.write(to: &writer)
    }

    init(from reader: inout JournalReader) throws(JournalReader.Truncated) {
        answer = try ReviewLogRecord(from: &reader)
        state = try CardStateRecord(from: &reader)
    }
}

/// Appends values to a block's payload: integers and doubles as 8 bytes, strings as their
/// length (4 bytes) and UTF-8, an optional as a byte (0 absent, 1 present) before the value.
struct JournalWriter {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(256)
    }

    mutating func integer(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: utf8.count).littleEndian) {
            bytes.append(contentsOf: $0)
        }
        bytes.append(contentsOf: utf8)
    }

    mutating func flag(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout Self, T) -> Void) {
        flag(value != nil)
        if let value { write(&self, value) }
    }
}

/// Reads what ``JournalWriter`` wrote, throwing when the bytes end early or hold a value no
/// writer writes.
struct JournalReader {
    /// The payload ended before a value, or a byte was not what the writer writes.
    struct Truncated: Error {}

    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }

    private mutating func take(_ count: Int) throws(Truncated) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - offset >= count else { throw Truncated() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    private mutating func word() throws(Truncated) -> UInt64 {
        let slice = try take(8)
        return slice.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func integer() throws(Truncated) -> Int64 {
        Int64(bitPattern: try word())
    }

    mutating func double() throws(Truncated) -> Double {
        Double(bitPattern: try word())
    }

    mutating func string() throws(Truncated) -> String {
        let length = try take(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard let text = String(validating: try take(length), as: UTF8.self) else {
            throw Truncated()
        }
        return text
    }

    mutating func flag() throws(Truncated) -> Bool {
        switch try take(1).first {
        case 0: false
        case 1: true
        default: throw Truncated()
        }
    }

    mutating func optionalInteger() throws(Truncated) -> Int64? {
        try flag() ? try integer() : nil
    }

    mutating func optionalDouble() throws(Truncated) -> Double? {
        try flag() ? try double() : nil
    }

    mutating func optionalString() throws(Truncated) -> String? {
        try flag() ? try string() : nil
    }
}

extension [UInt8] {
    fileprivate mutating func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) {
            replaceSubrange(offset..<offset + $0.count, with: $0)
        }
    }

    fileprivate func load<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        self[offset..<offset + MemoryLayout<T>.size].reversed().reduce(T.zero) { $0 << 8 | T($1) }
    }
}
