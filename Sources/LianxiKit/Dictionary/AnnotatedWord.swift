import ChineseDictionary
import ChineseText

/// A word as printed word lists write it, with its annotations read: the Business Chinese Test
/// syllabus writes `长chang`, `得（de）`, `只（三声）`, `哪（哪儿）`, `里（边）`, `等<动>`,
/// `八/捌` and `不 好意思`.
///
/// - a reading after the word, bare or in brackets (`长chang`, `得（děi）`) chooses the reading;
/// - a tone in brackets (`只（三声）`, `（轻声）`) chooses the reading of that tone;
/// - hanzi in brackets give a second word: the longer form itself (`哪（哪儿）` → 哪, 哪儿) or
///   what to add (`里（边）` → 里, 里边);
/// - a part of speech in angle brackets (`等<动>`, `还<副>`) becomes the note's part of speech
///   and chooses among readings whose meanings differ in kind (还<副> hái, 还<动> huán);
/// - alternatives split by `/` (`八/捌`) are each a word;
/// - spaces between characters are dropped (`不 好意思` → 不好意思).
///
/// A cell with anything else (`T恤`, `卡拉OK`) is taken as it is.
struct AnnotatedWord: Hashable, Sendable {
    /// The word, in characters.
    var hanzi: String
    /// What the annotations say of its reading.
    var hint = ReadingHint()
    /// The part of speech the annotation gives, as decks write it (`verb`).
    var partOfSpeech: String?

    /// The words a word-list cell names, or `nil` when the cell has no annotation Lianxi
    /// understands (it is then the word as it is).
    static func words(in cell: String) -> [AnnotatedWord]? {
        // Nearly every cell is the word alone: Chinese characters only, each a character by
        // itself (no mark joins an ideograph), so nothing to tidy and no annotation. Asking
        // the scalars is much cheaper than tidying the characters.
        if cell.unicodeScalars.allSatisfy(\.isHan) { return nil }
        let tidy = withoutSpacesAroundHan(cell)
        guard tidy.contains(where: { !$0.isHanOrEllipsis }) || tidy != cell else { return nil }
        var words: [AnnotatedWord] = []
        for alternative in tidy.split(whereSeparator: { $0 == "/" || $0 == "／" }) {
            guard let read = annotated(alternative) else { return nil }
            words += read
        }
        return words.isEmpty ? nil : words
    }

    /// One alternative: the characters, then annotations.
    private static func annotated(_ text: Substring) -> [AnnotatedWord]? {
        let base = String(text.prefix(while: \.isHanOrEllipsis))
        guard base.contains(where: \.isHanCharacter) else { return nil }
        var word = AnnotatedWord(hanzi: base)
        var secondForm: String?
        var rest = text.dropFirst(base.count)
        while let first = rest.first {
            if let close = Self.closing[first] {
                guard let end = rest.firstIndex(of: close) else { return nil }
                let inside = String(rest[rest.index(after: rest.startIndex)..<end])
                    .trimmed(of: " ")
                rest = rest[rest.index(after: end)...]
                if first == "<" || first == "＜" || first == "〈" {
                    guard let partOfSpeech = PartOfSpeech.normalized(inside) else { return nil }
                    word.partOfSpeech = partOfSpeech
                    word.hint.wordClass = wordClass(of: partOfSpeech)
                } else if let tone = tones[inside] {
                    word.hint.tone = tone
                } else if inside.allSatisfy(\.isHanCharacter), !inside.isEmpty {
                    secondForm = inside.hasPrefix(base) ? inside : base + inside
                } else if let reading = SyllableSearch(inside) {
                    word.hint.reading = reading
                } else {
                    return nil
                }
            } else {
                // A reading written after the word: 长chang.
                let letters = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == " " })
                guard !letters.isEmpty, let reading = SyllableSearch(letters) else { return nil }
                word.hint.reading = reading
                rest = rest.dropFirst(letters.count)
            }
        }
        var second = secondForm.map { AnnotatedWord(hanzi: $0) }
        second?.partOfSpeech = word.partOfSpeech
        return [word] + (second.map { [$0] } ?? [])
    }

    /// The closing bracket of each opening one.
    private static let closing: [Character: Character] = [
        "(": ")", "（": "）", "<": ">", "＜": "＞", "〈": "〉", "[": "]", "【": "】",
    ]

    /// Tones as syllabi name them.
    private static let tones: [String: Int] = [
        "一声": 1, "二声": 2, "三声": 3, "四声": 4, "轻声": 5, "1声": 1, "2声": 2, "3声": 3, "4声": 4,
        "阴平": 1, "阳平": 2, "上声": 3, "去声": 4,
    ]

    /// The kind of word a part of speech is, as CC-CEDICT's glosses tell kinds apart.
    static func wordClass(of partOfSpeech: String) -> WordClass {
        switch partOfSpeech {
        case "verb": .verb
        case "particle": .particle
        default: .other
        }
    }

    /// `cell` without spaces next to a Chinese character or a bracket, and trimmed.
    private static func withoutSpacesAroundHan(_ cell: String) -> String {
        let characters = Array(cell.trimmed(of: " \u{3000}"))
        var kept = ""
        for (index, character) in characters.enumerated() {
            if character == " " || character == "\u{3000}" {
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                if !before.isLatinLetter || !after.isLatinLetter { continue }
            }
            kept.append(character)
        }
        return kept
    }
}

extension Character {
    /// Whether this is one Chinese character.
    var isHanCharacter: Bool {
        unicodeScalars.count == 1 && unicodeScalars.first.map(\.isHan) == true
    }

    /// A Chinese character, or the ellipsis of a set phrase (`不但……而且`).
    fileprivate var isHanOrEllipsis: Bool { isHanCharacter || self == "…" || self == "⋯" }

    /// A Latin letter, with or without a tone mark, or a tone number.
    fileprivate var isLatinLetter: Bool {
        (isLetter && !isHanCharacter && unicodeScalars.allSatisfy { $0.value < 0x2000 }) || isNumber
    }
}

extension String {
    /// The text without `characters` at either end.
    fileprivate func trimmed(of characters: String) -> String {
        String(
            drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
