import ChineseText

/// The pinyin of a cell as a deck stores it: tone marks, spaced as the writer spaced it.
enum PinyinCell {
    /// `text` checked with ChineseText and written with tone marks.
    ///
    /// Pinyin already written with tone marks is kept exactly as it is (only checked), so the
    /// writer's word breaks, capitals and apostrophes stay; pinyin with tone numbers, `v` or
    /// `u:` (`zhi1fu4`, `lv4`) is converted to tone marks (`zhīfù`, `lǜ`), spacing kept.
    static func toneMarked(_ text: String) throws(PinyinError) -> String {
        try read(text).toneMarked
    }

    /// ``toneMarked(_:)``, and the reading as a key: its syllables with tone numbers, in lower
    /// case, run together (`xi1an1` for `Xī'ān`, `de5` for `de`), the same however a cell
    /// spells, spaces or capitalises them.
    static func read(_ text: String) throws(PinyinError) -> (toneMarked: String, key: String) {
        // Most cells are letters with tone marks, spaces and apostrophes, kept as they are: only
        // their syllables are needed, not the whole parse and its `Pinyin`.
        if !needsConversion(text), let syllables = Pinyin.markedSyllables(in: text) {
            return (text, key(of: syllables))
        }
        return try readInFull(text)
    }

    /// ``read(_:)`` by the whole parse, which reports problems: what the short way must agree
    /// with.
    static func readInFull(
        _ text: String
    ) throws(PinyinError) -> (toneMarked: String, key: String) {
        let pinyin = try Pinyin(parsing: text)
        return (needsConversion(text) ? pinyin.toneMarked : text, key(of: pinyin.syllables))
    }

    /// The reading key of `syllables`: each syllable's ``PinyinSyllable/toneNumbered`` in lower
    /// case, run together, its bytes written into one string (the letters are lower case
    /// already, so only a capital's case differs, and no syllable needs a string of its own).
    static func key(of syllables: [PinyinSyllable]) -> String {
        var count = 0
        for syllable in syllables {
            count += syllable.letters.utf8.count + (syllable.isErhua ? 2 : 1)
        }
        return String(unsafeUninitializedCapacity: count) { bytes in
            var end = 0
            for syllable in syllables {
                for byte in syllable.letters.utf8 {
                    bytes[end] = byte
                    end += 1
                }
                if syllable.isErhua {
                    bytes[end] = UInt8(ascii: "r")
                    end += 1
                }
                bytes[end] = UInt8(ascii: "0") + UInt8(syllable.tone.number)
                end += 1
            }
            return end
        }
    }

    /// Whether `text` has tone numbers or a stand-in for ü.
    private static func needsConversion(_ text: String) -> Bool {
        plainNeedsConversion(text) ?? generalNeedsConversion(text)
    }

    /// ``needsConversion(_:)`` for text of plain scalars, read scalar by scalar since each is a
    /// character by itself; `nil` for other text.
    private static func plainNeedsConversion(_ text: String) -> Bool? {
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            guard scalar.isPlain else { return nil }
            switch scalar {
            case "0"..."9", "v", "V", "ｖ", "Ｖ": return true
            case ":" where previous == "u" || previous == "U": return true
            default:
                // Latin letters are not numbers; asking the others is slower.
                if !scalar.isASCII, !scalar.isLatinLetterBlock, scalar.properties.numericType != nil
                {
                    return true
                }
                previous = scalar
            }
        }
        return false
    }

    /// ``needsConversion(_:)`` for any text, character by character.
    private static func generalNeedsConversion(_ text: String) -> Bool {
        text.contains { $0.isNumber || $0 == "v" || $0 == "V" || $0 == "ｖ" || $0 == "Ｖ" }
            || text.contains("u:") || text.contains("U:")
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is in the Latin blocks of letters with diacritics: Latin-1 letters,
    /// Latin Extended-A and -B, IPA, spacing modifiers and Latin Extended Additional, where no
    /// scalar is a number.
    fileprivate var isLatinLetterBlock: Bool {
        (0xC0...0x2FF).contains(value) || (0x1E00...0x1EFF).contains(value)
    }
}
