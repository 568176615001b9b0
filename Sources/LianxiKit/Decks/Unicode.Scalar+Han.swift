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
