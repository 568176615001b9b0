import Storage

/// Pleco's flashcard text exports: `//` category lines, and one card per line as
/// `简体[繁體]<TAB>pinyin<TAB>definition`.
///
/// - A category line (`// Business/Payments`) tags the cards under it (`business/payments`).
/// - The headword is `简体[繁體]`, or one form when both scripts write the word alike. Pleco
///   writes first the script the person studies. Which side is simplified comes from the
///   options' ``PlecoCharacterOrder``; without one, each headword whose sides differ votes
///   with the characters that belong to one script only (``ChineseScript``), and the file
///   follows the majority; with no votes, simplified first.
/// - Pinyin with tone numbers (`zhi1fu4`) becomes tone marks (`zhīfù`).
/// - The definition is kept as the English, without Pleco's formatting codes; a leading part
///   of speech (`verb to pay`) moves to the part of speech when it is the only one.
/// - Cards have no ids, so the hanzi is each note's key.
public enum PlecoFile {
    /// Reads the deck in `text`; `file` names it in problems and gives the deck its slug.
    public static func read(
        _ text: String, file: String, options: DeckReadOptions = DeckReadOptions()
    ) throws(DeckProblems) -> DeckContent {
        let name = DeckFileName(path: file)
        var draft = DeckDraft(file: file, rules: .foreign)
        var cards: [(line: Int, cells: [String], category: String?)] = []
        var category: String?
        for (index, rawLine) in text.fileLines.enumerated() {
            let line = CellText.withoutPrivateUse(rawLine)
            if line.isEmpty { continue }
            if line.hasPrefix("//") {
                let title = CellText.tidied(line.dropFirst(2))
                category = title.isEmpty ? nil : title
                continue
            }
            let cells = rawLine.split(separator: "\t", omittingEmptySubsequences: false)
                .map(CellText.withoutPrivateUse)
            guard cells.count >= 2 else {
                draft.report(
                    "A Pleco card line is the headword, its pinyin and its definition, separated"
                        + " by tabs; this line has no tab.",
                    at: .line(index + 1))
                continue
            }
            cards.append((index + 1, cells, category))
        }
        let order = options.characterOrder ?? characterOrder(of: cards.map { $0.cells[0] })
        for card in cards {
            var note = NoteDraft(location: .line(card.line))
            let (first, second) = headword(card.cells[0])
            (note.hanzi, note.traditional) =
                order == .simplifiedFirst ? (first, second) : (second, first)
            note.pinyin = card.cells[1]
            let definition = card.cells.dropFirst(2).joined(separator: " ")
            (note.partOfSpeech, note.english) = partOfSpeech(leading: CellText.tidied(definition))
            note.tags = card.category.map { [tag(for: $0)] } ?? []
            draft.add(note)
        }
        return try draft.deck(
            DeckMetadata(
                slug: name.slug, title: options.title ?? name.baseName, source: name.source))
    }

    /// The two forms of a headword: `支付` → (支付, 支付), `银行[銀行]` → (银行, 銀行).
    static func headword(_ text: String) -> (String, String) {
        guard text.hasSuffix("]"), let open = text.firstIndex(of: "[") else {
            return (text, text)
        }
        let first = CellText.tidied(text[..<open])
        let second = CellText.tidied(
            text[text.index(after: open)..<text.index(before: text.endIndex)])
        return (first, second.isEmpty ? first : second)
    }

    /// The order most headwords of a file vote for; simplified first when none can tell.
    static func characterOrder(of headwords: [String]) -> PlecoCharacterOrder {
        var votes = 0
        for text in headwords {
            let (first, second) = headword(text)
            for (left, right) in zip(first, second) where left != right {
                if ChineseScript.simplifiedOnly.contains(left)
                    || ChineseScript.traditionalOnly.contains(right)
                {
                    votes += 1
                }
                if ChineseScript.traditionalOnly.contains(left)
                    || ChineseScript.simplifiedOnly.contains(right)
                {
                    votes -= 1
                }
            }
        }
        return votes < 0 ? .traditionalFirst : .simplifiedFirst
    }

    /// The parts of speech Pleco's dictionaries write before a definition.
    private static let partsOfSpeech: [String: String] = [
        "noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb",
        "pronoun": "pronoun", "numeral": "numeral", "number": "numeral",
        "measure word": "measure", "conjunction": "conjunction", "preposition": "preposition",
        "particle": "particle", "interjection": "interjection", "idiom": "idiom",
        "phrase": "phrase",
    ]

    /// `verb to pay` → (`verb`, `to pay`); a definition with no part of speech in front, or
    /// with several senses of different parts of speech, stays as it is.
    static func partOfSpeech(leading definition: String) -> (String, String) {
        let words = definition.split(separator: " ").map(String.init)
        func partOfSpeech(at index: Int) -> (value: String, length: Int)? {
            guard words.indices.contains(index) else { return nil }
            let one = words[index].lowercased().trimmingSuffix(".:")
            if let value = partsOfSpeech[one] { return (value, 1) }
            guard words.indices.contains(index + 1) else { return nil }
            let two = "\(one) \(words[index + 1].lowercased().trimmingSuffix(".:"))"
            return partsOfSpeech[two].map { ($0, 2) }
        }
        guard let (value, length) = partOfSpeech(at: 0), words.count > length else {
            return ("", definition)
        }
        // Another part of speech after a sense number or a semicolon starts another sense.
        for index in length..<words.count {
            let startsSense =
                words[index - 1].allSatisfy(\.isNumber) || words[index - 1].hasSuffix(";")
            if startsSense, partOfSpeech(at: index) != nil {
                return ("", definition)
            }
        }
        return (value, words.dropFirst(length).joined(separator: " "))
    }

    /// The tag for a category: lower-case, spaces made hyphens (`HSK 1` → `hsk-1`).
    static func tag(for category: String) -> String {
        category.lowercased().split(separator: " ").joined(separator: "-")
    }
}

/// Which script a Pleco export writes first in its headwords.
public enum PlecoCharacterOrder: String, CaseIterable, Hashable, Sendable {
    /// `简体[繁體]`: Pleco set to simplified characters (its default).
    case simplifiedFirst
    /// `繁體[简体]`: Pleco set to traditional characters.
    case traditionalFirst
}

extension String {
    /// The text without trailing characters from `characters`.
    fileprivate func trimmingSuffix(_ characters: String) -> String {
        String(reversed().drop { characters.contains($0) }.reversed())
    }
}
