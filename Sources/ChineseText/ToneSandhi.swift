/// Tone sandhi: how the citation tones of a word change when it is spoken.
///
/// Dictionaries and decks store citation tones; the review screen can show the spoken tones
/// beside them. The rules applied:
/// - a third tone before another third tone becomes second (nǐ hǎo → ní hǎo); in a run of third
///   tones every one but the last rises, which is how most words and short phrases are said
///   (longer chains depend on phrasing that pinyin alone does not show);
/// - 不 bù before a fourth tone becomes bú (bú shì);
/// - 一 yī becomes yí before a fourth tone (yí gòng) and yì before the other tones (yì tiān), but
///   keeps yī at the end of a word, in ordinals after 第, in the month 一月 and next to numeral
///   digits (dì yī, shíyī, yī èr sān).
///
/// A run of third tones or a 一/不 change never crosses punctuation. 一 and 不 are recognised only
/// from the hanzi, since yī and bù also spell other characters (衣, 部).
public enum ToneSandhi {
    /// The pinyin as spoken: the same syllables with the tones changed by sandhi.
    public static func spoken(_ pinyin: Pinyin, hanzi: String? = nil) -> Pinyin {
        pinyin.replacingTones(with: spokenTones(of: pinyin, hanzi: hanzi))
    }

    /// The spoken tone of each syllable of `pinyin`, in order.
    public static func spokenTones(of pinyin: Pinyin, hanzi: String? = nil) -> [Tone] {
        let citation = pinyin.tones
        var spoken = citation
        let hanziOfSyllable = hanzi.flatMap { characters(of: $0, matching: pinyin.syllables) }
        for index in citation.indices.dropLast() where !pinyin.hasPunctuation(after: index) {
            guard let hanziOfSyllable else { break }
            let next = citation[index + 1]
            if hanziOfSyllable[index] == "不", citation[index] == .fourth, next == .fourth {
                spoken[index] = .second
            } else if hanziOfSyllable[index] == "一", citation[index] == .first {
                spoken[index] = spokenYi(
                    before: index > 0 ? hanziOfSyllable[index - 1] : nil,
                    after: hanziOfSyllable[index + 1], next: next)
            }
        }
        var index = 0
        while index < citation.count {
            guard citation[index] == .third else {
                index += 1
                continue
            }
            var end = index
            while end + 1 < citation.count, citation[end + 1] == .third,
                !pinyin.hasPunctuation(after: end)
            {
                end += 1
            }
            for rising in index..<end {
                spoken[rising] = .second
            }
            index = end + 1
        }
        return spoken
    }

    /// The spoken tone of 一 between the characters `before` and `after`, `next` being the citation
    /// tone of the syllable after it.
    private static func spokenYi(before: Character?, after: Character, next: Tone) -> Tone {
        if before == "第" || after == "月" || before.map(isDigit) == true || isDigit(after) {
            return .first
        }
        switch next {
        case .fourth: return .second
        case .first, .second, .third: return .fourth
        // 个 is usually written neutral (yí ge) but is a fourth tone underneath.
        case .neutral: return after == "个" || after == "個" ? .second : .first
        }
    }

    /// The hanzi written for each syllable, or `nil` when the hanzi do not line up with them.
    ///
    /// An erhua syllable takes the 儿 that follows its character.
    private static func characters(
        of hanzi: String, matching syllables: [PinyinSyllable]
    ) -> [Character]? {
        let written = hanzi.filter { $0.unicodeScalars.first?.properties.isIdeographic == true }
        var result: [Character] = []
        var remaining = written[...]
        for syllable in syllables {
            guard let character = remaining.popFirst() else { return nil }
            result.append(character)
            if syllable.isErhua, remaining.first == "儿" || remaining.first == "兒" {
                remaining.removeFirst()
            }
        }
        return remaining.isEmpty ? result : nil
    }

    /// Whether the character is a numeral digit, as in counting, years and 十一 (not 百, 千, 万,
    /// before which 一 does change: yìbǎi).
    private static func isDigit(_ character: Character) -> Bool {
        "〇零一二两三四五六七八九十".contains(character)
    }
}
