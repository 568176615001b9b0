import Foundation

// A push's acknowledgement lists its 5,000 ids back: JSONDecoder took about 6 ms for the two
// of a sync of 10,000 answers, on the sync's critical path (docs/BENCHMARKS.md, session 10's
// profile). This reads the plain form by hand, with PushJSON.swift's reader, and returns nil
// for anything else, which the caller then gives to `AcademyJSON.decoder()`: the same value,
// or the same error, as before.

extension PushResponse {
    /// Reads an acknowledgement written in the protocol's plainest form: an object of the keys
    /// `acknowledged` (an array of strings without escapes) and `added` (a whole number), in
    /// any order, each once; nil for anything else, including JSON that is valid but written
    /// another way (another key, escapes, a fraction), and bytes that are not JSON.
    public init?(plainJSON bytes: UnsafeRawBufferPointer) {
        var reader = JSONReader(bytes: bytes)
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        var acknowledged: [String]?
        var added: Int?
        if !reader.take(UInt8(ascii: "}")) {
            repeat {
                guard let key = reader.key() else { return nil }
                if acknowledged == nil, reader.matches(key, "acknowledged") {
                    guard let ids = reader.strings() else { return nil }
                    acknowledged = ids
                } else if added == nil, reader.matches(key, "added") {
                    guard let value = reader.integer(), let count = Int(exactly: value) else {
                        return nil
                    }
                    added = count
                } else {
                    return nil
                }
            } while reader.take(UInt8(ascii: ","))
            guard reader.take(UInt8(ascii: "}")) else { return nil }
        }
        guard reader.atEnd, let acknowledged, let added else { return nil }
        self.init(acknowledged: acknowledged, added: added)
    }
}

extension JSONReader {
    /// An array of strings without escapes.
    mutating func strings() -> [String]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var values: [String] = []
        if take(UInt8(ascii: "]")) { return values }
        repeat {
            guard let value = string() else { return nil }
            values.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? values : nil
    }
}
