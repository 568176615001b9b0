/// Text that came from a file, a bundle or a keyboard, made safe to show in a terminal.
///
/// A terminal obeys control characters wherever they come from: an ESC sequence in a gloss can
/// clear the screen, set the clipboard (OSC 52) or forge a link (OSC 8), and a right-to-left
/// override turns the rest of a line around. Such characters are never meant in a word list, a
/// name or an answer, so ``shown(_:)`` makes each visible instead of obeyed, and
/// ``unshowableCharacter(in:)`` finds one, for importers that refuse them.
///
/// What counts: the C0 controls (U+0000–U+001F, ESC and BEL among them), DEL (U+007F), the C1
/// controls (U+0080–U+009F, CSI U+009B among them), the line and paragraph separators (U+2028,
/// U+2029), and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069). The marks U+200E and U+200F change no order beyond the character next to them
/// and are left alone, as are zero-width joiners and variation selectors.
public enum UntrustedText {
    /// `text` as it can be shown in a terminal: a tab or a line break is one space, every other
    /// control character is shown by its picture (`␛` for ESC, `␇` for BEL, `␡` for DEL), and C1
    /// controls and bidirectional overrides as their code (`<U+202E>`).
    ///
    /// Text without such characters is returned as it is; shown text shows the same again.
    public static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnshowable) else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            guard isUnshowable(scalar) else {
                result.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x0A where previousWasCarriageReturn:
                // CR LF is one line break, so one space.
                continue
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029:
                result.append(" ")
            case 0x00..<0x20:
                result.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F:
                result.append("\u{2421}")
            default:
                result.append(contentsOf: code(of: scalar).unicodeScalars)
            }
        }
        return String(result)
    }

    /// The first character of `text` that a terminal would obey rather than show (see
    /// ``UntrustedText``), if there is one.
    public static func unshowableCharacter(in text: String) -> Unicode.Scalar? {
        // Text without a byte that may start one, nearly all text, needs no decoding into
        // scalars.
        var bytes = text
        let mayHaveOne = bytes.withUTF8 { utf8 in utf8.contains(where: mayStartUnshowable) }
        return mayHaveOne ? text.unicodeScalars.first(where: isUnshowable) : nil
    }

    /// Whether `byte` of UTF-8 text may start an unshowable character: every one starts with a
    /// byte below 0x20, 0x7F, 0xC2 (the C1 controls) or 0xE2 (U+2028 to U+2069), none of which
    /// is ever a continuation byte.
    public static func mayStartUnshowable(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }

    /// The first unshowable character of `text` other than a tab or a line break, if any: for
    /// text whose white space is tidied into single spaces before it is kept.
    public static func unshowableCharacterBesidesWhiteSpace(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first {
            isUnshowable($0) && !["\t", "\n", "\r", "\u{2028}", "\u{2029}"].contains($0)
        }
    }

    /// A name for `scalar` in a message: `an escape character (U+001B)`,
    /// `a right-to-left override (U+202E)`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let name =
            switch scalar.value {
            case 0x1B: "an escape character"
            case 0x07: "a bell character"
            case 0x09: "a tab"
            case 0x0A, 0x0D, 0x2028, 0x2029: "a line break"
            case 0x9B: "a control sequence introducer"
            case 0x202E: "a right-to-left override"
            case 0x202D: "a left-to-right override"
            case 0x202A, 0x202B: "a bidirectional embedding"
            case 0x202C: "a bidirectional pop"
            case 0x2066...0x2069: "a bidirectional isolate"
            default: "a control character"
            }
        return "\(name) (\(code(of: scalar).dropFirst().dropLast()))"
    }

    /// `text` without the bidirectional controls it leaves open or closes without opening, so
    /// that shown inside a longer line (a web page's table cell, say) it cannot reorder what
    /// follows it; paired embeddings, overrides and isolates are kept.
    ///
    /// An embedding or override (U+202A, U+202B, U+202D, U+202E) is closed by U+202C, an isolate
    /// (U+2066–U+2068) by U+2069, which also closes the embeddings opened inside it.
    public static func withBalancedBidi(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard
            scalars.contains(where: {
                (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
            })
        else { return text }
        var kept = Array(repeating: true, count: scalars.count)
        // Positions of the openers not closed yet, innermost last.
        var open: [Int] = []
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E, 0x2066...0x2068:
                open.append(index)
            case 0x202C:
                if let last = open.last, scalars[last].value < 0x2066 {
                    open.removeLast()
                } else {
                    kept[index] = false
                }
            case 0x2069:
                if let isolate = open.lastIndex(where: { scalars[$0].value >= 0x2066 }) {
                    // Embeddings left open inside the isolate end with it.
                    for inner in open[(isolate + 1)...] { kept[inner] = false }
                    open.removeSubrange(isolate...)
                } else {
                    kept[index] = false
                }
            default:
                break
            }
        }
        for index in open { kept[index] = false }
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() where kept[index] {
            result.append(scalar)
        }
        return String(result)
    }

    /// Whether a terminal would obey `scalar` rather than show it.
    public static func isUnshowable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `<U+202E>`: a code point in the form people look up.
    private static func code(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)>"
    }
}
