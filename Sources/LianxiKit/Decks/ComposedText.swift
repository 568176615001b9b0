import Foundation

/// Text as a draft's tables compare it: equal when `String` calls it equal (canonically
/// equivalent), hashed by the UTF-8 bytes of its composed form.
///
/// Hashing a `String` of Chinese characters normalises its Unicode scalar by scalar on every
/// look-up, which made the draft's table of first-seen words cost more than each note's other
/// bookkeeping. Text of plain scalars only (``Unicode/Scalar/isPlain``) is composed already, so
/// its own bytes are its composed form and it is only scanned; other text is composed once,
/// with Foundation, as ``CellText`` composes the cells it tidies.
struct ComposedText: Hashable {
    /// The text, composed (NFC).
    let composed: String

    /// `text`, composed unless it is plain.
    init(_ text: String) {
        var text = text
        let isPlain = text.withUTF8(Self.isPlain)
        composed = isPlain ? text : text.precomposedStringWithCanonicalMapping
    }

    static func == (lhs: ComposedText, rhs: ComposedText) -> Bool {
        lhs.composed.utf8.elementsEqual(rhs.composed.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = composed
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether every scalar of the valid UTF-8 `bytes` is plain: ASCII bytes at once, others
    /// decoded.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            guard let (scalar, width) = CellText.decodeScalar(in: bytes, at: index),
                scalar.isPlain
            else { return false }
            index += width
        }
        return true
    }
}
