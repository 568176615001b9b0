/// How many terminal columns text takes, so layouts with hanzi line up.
///
/// Hanzi, kana, hangul, full-width forms and emoji take two columns; combining marks, zero-width
/// characters and control characters none; everything else one. Characters of ambiguous East Asian
/// width (·, …, ü) count as one, as Western terminals show them. ANSI escape sequences (CSI, such
/// as colours) take no columns.
public enum TerminalWidth {
    /// Where padding goes.
    public enum Alignment: Hashable, Sendable {
        /// Text on the left, spaces after it.
        case left
        /// Text on the right, spaces before it.
        case right
        /// Text in the middle; an odd space goes after it.
        case center
    }

    /// The number of columns `text` takes in a terminal.
    public static func columns(of text: String) -> Int {
        var total = 0
        forEachCharacter(of: text) { character, isEscape in
            if !isEscape {
                total += columns(of: character)
            }
        }
        return total
    }

    /// The number of columns one character (a grapheme cluster) takes: 0, 1 or 2.
    public static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) {
            return 0
        }
        // An emoji presentation selector or a regional-indicator flag makes a wide emoji.
        if scalars.contains("\u{FE0F}") || first.properties.isEmojiPresentation {
            return 2
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if (0x1160...0x11FF).contains(value) || value == 0x200B {
            return 0
        }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// Calls `body` for each character of `text`, flagging those inside an ANSI escape sequence.
    ///
    /// Recognised: CSI sequences (`ESC [`, parameter bytes, one final byte) and two-character
    /// escapes. A sequence broken off by any other character ends there, and that character counts
    /// as text again, so a stray ESC cannot swallow what follows.
    static func forEachCharacter(of text: String, _ body: (Character, Bool) -> Void) {
        enum State {
            case text, escape, controlSequence
        }
        var state = State.text
        for character in text {
            let value =
                character.unicodeScalars.count == 1 ? character.unicodeScalars.first?.value : nil
            switch (state, value) {
            case (_, 0x1B):
                state = .escape
                body(character, true)
            case (.escape, 0x5B):
                state = .controlSequence
                body(character, true)
            case (.escape, .some(0x40...0x7E)), (.controlSequence, .some(0x40...0x7E)):
                state = .text
                body(character, true)
            case (.controlSequence, .some(0x30...0x3F)):
                body(character, true)
            default:
                state = .text
                body(character, false)
            }
        }
    }

    /// Code points of East Asian Wide and Fullwidth characters (Unicode's EastAsianWidth.txt, W and
    /// F, grouped into blocks).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul initial jamo
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, ideographic punctuation and space
        0x3041...0x33FF,  // kana, bopomofo, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small forms
        0xFF00...0xFF60,  // full-width forms
        0xFFE0...0xFFE6,  // full-width signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut
        0x1B000...0x1B2FF,  // kana supplement, Nüshu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B to F
        0x30000...0x3FFFD,  // CJK extension G and beyond
    ]
}
