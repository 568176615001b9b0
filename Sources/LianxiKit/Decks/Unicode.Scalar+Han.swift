extension Unicode.Scalar {
    /// Whether the scalar is a Chinese character (a CJK unified or compatibility ideograph).
    var isHan: Bool {
        switch value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF:
            true
        default:
            false
        }
    }

    /// Whether the scalar is in a Private Use Area, where Pleco keeps its formatting codes.
    var isPrivateUse: Bool {
        (0xE000...0xF8FF).contains(value) || value >= 0xF0000
    }

    /// Whether the scalar is always a character by itself, whatever stands around it (CR
    /// aside, which joins an LF but is white space either way), and is unchanged by Unicode
    /// normalization: ASCII, Latin letters and their precomposed tone-marked forms, common
    /// punctuation, CJK ideographs and symbols, full-width forms, private-use characters and
    /// the byte-order mark.
    ///
    /// Combining marks, joiners, variation selectors, Hangul jamo, regional indicators and
    /// compatibility ideographs are left out: text with them is read character by character.
    var isPlain: Bool {
        switch value {
        case 0x00...0x2FF, 0x1E00...0x1EFF, 0x2010...0x205F, 0x3000...0x3029, 0x3030...0x303F,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xE000...0xF8FF, 0xFEFF, 0xFF01...0xFF65,
            0x20000...0x2A6DF, 0xF0000...0x10FFFD:
            true
        default:
            false
        }
    }

    /// For a plain scalar (see ``isPlain``), whether it is white space.
    var isPlainWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension StringProtocol {
    /// Whether the text holds at least one Chinese character.
    var containsHan: Bool { unicodeScalars.contains(where: \.isHan) }

    /// Whether the text is mostly Chinese: it has Chinese characters and at least as many of
    /// them as Latin letters.
    var isMostlyHan: Bool {
        let han = unicodeScalars.count(where: \.isHan)
        let latin = unicodeScalars.count { $0.properties.isAlphabetic && $0.value < 0x250 }
        return han > 0 && han >= latin
    }

    /// Whether the text has Latin letters and no Chinese characters: English, most likely.
    var isLatinText: Bool {
        !containsHan && unicodeScalars.contains { $0.properties.isAlphabetic && $0.value < 0x250 }
    }
}
