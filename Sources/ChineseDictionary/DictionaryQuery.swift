import ChineseText

/// What a person looks up: characters, a reading, or English words.
public enum DictionaryQuery: Hashable, Sendable {
    /// Chinese characters, simplified or traditional: `贸易`, `貿易`.
    case hanzi(String)
    /// A reading, with English words too when the text can be both (`fan`, `long`).
    case pinyin(SyllableSearch, alsoEnglish: String?)
    /// English words, lower case: `trade`.
    case english(String)

    /// Reads what was typed: hanzi when it holds any Chinese character; otherwise pinyin in
    /// any spelling the answer checker accepts (`maoyi`, `mao4yi4`, `màoyì`, `mao4 yi4`) when
    /// it reads as pinyin, and English words when it is plain letters; `nil` when empty.
    public init?(_ text: String) {
        let trimmed = String(text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        guard !trimmed.isEmpty else { return nil }
        if trimmed.unicodeScalars.contains(where: \.isHan) {
            self = .hanzi(trimmed)
            return
        }
        let isPlainEnglish = trimmed.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || " -'".unicodeScalars.contains($0))
        }
        let english = trimmed.lowercased()
        if let syllables = SyllableSearch(trimmed) {
            self = .pinyin(syllables, alsoEnglish: isPlainEnglish ? english : nil)
        } else {
            self = .english(english)
        }
    }
}

/// A reading to find: syllables, each with its tone when the reading gives tones.
public struct SyllableSearch: Hashable, Sendable {
    /// Each syllable's letters as CC-CEDICT spells them (lower case, ü as `u:`), and its
    /// tone number (5 for neutral), or `nil` to match any tone.
    let syllables: [(letters: [UInt8], tone: UInt8?)]

    /// Reads `text` as pinyin; tones count only when some are written (a number or a
    /// mark), so `maoyi` finds every tone and `mao4yi4` only the fourth tones.
    public init?(_ text: String) {
        guard let pinyin = try? Pinyin(parsing: text),
            !text.unicodeScalars.contains(where: { ",.;:!?，。；：！？".unicodeScalars.contains($0) })
        else { return nil }
        let writesTones = text.unicodeScalars.contains {
            ("0"..."5").contains($0)
                || (!$0.isASCII && !"üÜ".unicodeScalars.contains($0)
                    && $0.properties.isAlphabetic)
                || ("\u{300}"..."\u{30C}").contains($0)
        }
        var syllables: [(letters: [UInt8], tone: UInt8?)] = []
        for syllable in pinyin.syllables {
            let letters = Array(
                syllable.letters.split(separator: "ü", omittingEmptySubsequences: false)
                    .joined(separator: "u:").utf8)
            syllables.append((letters, writesTones ? UInt8(syllable.tone.number) : nil))
            if syllable.isErhua {
                // CC-CEDICT writes an erhua as its own syllable: 点儿 [dian3 r5].
                syllables.append((Array("r".utf8), writesTones ? 5 : nil))
            }
        }
        self.syllables = syllables
    }

    /// Syllables already read.
    init(syllables: [(letters: [UInt8], tone: UInt8?)]) {
        self.syllables = syllables
    }

    /// Whether the reading `range` of `bytes` (`mao4 yi4`) is this one.
    func matches(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = range.lowerBound
        for (position, syllable) in syllables.enumerated() {
            if position > 0 {
                guard index < range.upperBound, bytes[index] == UInt8(ascii: " ") else {
                    return false
                }
                index += 1
            }
            for letter in syllable.letters {
                guard index < range.upperBound, bytes[index] | 0x20 == letter | 0x20 else {
                    return false
                }
                index += 1
            }
            if index < range.upperBound,
                (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(bytes[index])
            {
                if let tone = syllable.tone, tone != bytes[index] - UInt8(ascii: "0") {
                    return false
                }
                index += 1
            } else if let tone = syllable.tone, tone != 5 {
                return false
            }
        }
        return index == range.upperBound
    }

    /// Compares the syllables only: letters and tones.
    public static func == (lhs: SyllableSearch, rhs: SyllableSearch) -> Bool {
        lhs.syllables.count == rhs.syllables.count
            && zip(lhs.syllables, rhs.syllables).allSatisfy { $0 == $1 }
    }

    /// Hashes the syllables.
    public func hash(into hasher: inout Hasher) {
        for syllable in syllables {
            hasher.combine(syllable.letters)
            hasher.combine(syllable.tone)
        }
    }
}

extension Unicode.Scalar {
    /// Whether this is a Chinese character (the CJK ideograph blocks).
    var isHan: Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F, 0x3007:
            true
        default: false
        }
    }
}
