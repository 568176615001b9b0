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
    ///
    /// With a `stream`, the notes are sent to it in batches as they pass their checks.
    public static func read(
        _ text: String, file: String, options: DeckReadOptions = DeckReadOptions(),
        notesTo stream: NoteStream? = nil
    ) throws(DeckProblems) -> DeckContent {
        try read(text, file: file, options: options, notesTo: stream, searchesEveryCell: false)
    }

    /// ``read(_:file:options:notesTo:)``; `searchesEveryCell` searches every cell for
    /// characters a terminal obeys rather than shows even when the whole text has none (for
    /// the tests that compare the two ways).
    static func read(
        _ text: String, file: String, options: DeckReadOptions = DeckReadOptions(),
        notesTo stream: NoteStream? = nil, searchesEveryCell: Bool
    ) throws(DeckProblems) -> DeckContent {
        let name = DeckFileName(path: file)
        var draft = DeckDraft(file: file, rules: .foreign, filling: options.dictionary)
        draft.stream = stream
        // Every cell and category is the text's own characters tidied (``CellText``), so a text
        // without any that tidying keeps has none in its cells: one pass over the bytes instead
        // of one per cell.
        draft.cellsAreShowable = !searchesEveryCell && !CellText.mayHoldUnshowable(onceTidied: text)
        // Which side of `简体[繁體]` is simplified decides each note, and without an order given
        // all headwords vote first. A text without a `[` has no such headword: every line
        // becomes a note as it is read, so the first notes reach the stream before the last
        // line is split.
        let knownOrder =
            options.characterOrder ?? (Self.mayHoldBracket(text) ? nil : .simplifiedFirst)
        let lines = text.fileLines
        draft.reserveCapacity(lines.count)
        var cards: [Card] = []
        var tags: [String: String] = [:]
        var category: String?
        for (index, rawLine) in lines.enumerated() {
            // The cells, and whether all of them were plain text; a plain line tidied is its
            // cells tidied and joined by spaces, so it need not be tidied itself.
            let (cells, isPlain) = CellText.cellsWithoutPrivateUse(of: rawLine, separatedBy: 0x09)
            let start =
                isPlain
                ? cells.first { !$0.isEmpty } ?? "" : CellText.withoutPrivateUse(rawLine)
            if start.isEmpty { continue }
            // In plain text every scalar is a character, so the bytes tell the prefix.
            if isPlain ? start.utf8.starts(with: "//".utf8) : start.hasPrefix("//") {
                let line = CellText.withoutPrivateUse(rawLine)
                let title = CellText.tidied(line.dropFirst(2))
                category = title.isEmpty ? nil : title
                continue
            }
            guard cells.count >= 2 else {
                draft.report(
                    "A Pleco card line is the headword, its pinyin and its definition, separated"
                        + " by tabs; this line has no tab.",
                    at: .line(index + 1))
                continue
            }
            let card = Card(line: index + 1, cells: cells, isPlain: isPlain, category: category)
            if let knownOrder {
                draft.add(note(of: card, order: knownOrder, tags: &tags))
            } else {
                cards.append(card)
            }
        }
        if knownOrder == nil {
            let order = characterOrder(of: cards.map { $0.cells[0] })
            for card in cards {
                draft.add(note(of: card, order: order, tags: &tags))
            }
        }
        return try draft.deck(
            DeckMetadata(
                slug: name.slug, title: options.title ?? name.baseName, source: name.source))
    }

    /// A card line of the file, split into its cells.
    private struct Card {
        /// The line's number, from 1.
        let line: Int
        /// The cells, each as ``CellText/withoutPrivateUse(_:)`` makes it.
        let cells: [String]
        /// Whether every cell was plain text.
        let isPlain: Bool
        /// The category line above it, if any.
        let category: String?
    }

    /// The note drafted from `card`, its headword read in `order`; `tags` keeps the tag of
    /// each category seen.
    private static func note(
        of card: Card, order: PlecoCharacterOrder, tags: inout [String: String]
    ) -> NoteDraft {
        var note = NoteDraft(location: .line(card.line))
        let (first, second) = headword(card.cells[0])
        (note.hanzi, note.traditional) =
            order == .simplifiedFirst ? (first, second) : (second, first)
        note.pinyin = card.cells[1]
        (note.partOfSpeech, note.english) = partOfSpeech(leading: definition(of: card))
        if let category = card.category {
            let categoryTag = tags[category] ?? Self.tag(for: category)
            tags[category] = categoryTag
            note.tags = [categoryTag]
        }
        return note
    }

    /// Whether `text` may hold a `[`, the byte of which is never part of another character.
    private static func mayHoldBracket(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { CellText.firstOffset(of: UInt8(ascii: "["), in: $0) != nil }
    }

    /// The definition of a card: its cells after the pinyin, joined and tidied.
    private static func definition(of card: Card) -> String {
        guard card.isPlain else {
            return CellText.tidied(card.cells.dropFirst(2).joined(separator: " "))
        }
        // Plain cells are tidy already, and joining them adds no space but between them.
        if card.cells.count == 3 {
            return card.cells[2]
        }
        return card.cells.dropFirst(2).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The two forms of a headword: `支付` → (支付, 支付), `银行[銀行]` → (银行, 銀行).
    static func headword(_ text: String) -> (String, String) {
        bracketedHeadword(text) ?? (text, text)
    }

    /// The two forms of a headword written `简体[繁體]`, or `nil` for a headword of one form.
    private static func bracketedHeadword(_ text: String) -> (String, String)? {
        // A character that is `]` ends in the byte of `]`; most headwords end otherwise.
        guard text.utf8.last == UInt8(ascii: "]"), text.hasSuffix("]"),
            let open = text.firstIndex(of: "[")
        else {
            return nil
        }
        let first = CellText.tidied(text[..<open])
        let second = CellText.tidied(
            text[text.index(after: open)..<text.index(before: text.endIndex)])
        return (first, second.isEmpty ? first : second)
    }

    /// The order most headwords of a file vote for; simplified first when none can tell.
    static func characterOrder(of headwords: [String]) -> PlecoCharacterOrder {
        var votes = 0
        // A headword of one form has the same characters on both sides: no vote.
        for text in headwords {
            guard let (first, second) = bracketedHeadword(text) else { continue }
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
        if !mayStartWithPartOfSpeech(definition) {
            return ("", definition)
        }
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

    /// The first words of every part of speech in ``partsOfSpeech``.
    private static let partOfSpeechFirstWords = Set(
        partsOfSpeech.keys.map { String($0.prefix { $0 != " " }) })

    /// Whether `definition` may start with a part of speech; `false` only when its first word
    /// is plain ASCII and no part of speech starts with it, the common case, which then needs
    /// no splitting into words.
    private static func mayStartWithPartOfSpeech(_ definition: String) -> Bool {
        var definition = definition
        return definition.withUTF8 { bytes in
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 {
                start += 1
            }
            var end = start
            while end < bytes.count, bytes[end] != 0x20 {
                // Past a non-ASCII scalar, words and letters may not be what bytes suggest.
                guard bytes[end] < 0x80 else { return true }
                end += 1
            }
            // The space ends the word only if the character after it is not a combining mark.
            if end + 1 < bytes.count, bytes[end + 1] >= 0x80 {
                return true
            }
            while end > start, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x3A {
                end -= 1
            }
            let word = bytes[start..<end]
            // The word is ASCII, so lower-casing its letters is all that lowercased() does.
            return partOfSpeechFirstWordBytes.contains { candidate in
                candidate.count == word.count
                    && zip(candidate, word).allSatisfy { $0 == $1 || $0 == Self.lowercased($1) }
            }
        }
    }

    /// The bytes of ``partOfSpeechFirstWords``, which are lower-case ASCII.
    private static let partOfSpeechFirstWordBytes = partOfSpeechFirstWords.map { Array($0.utf8) }

    /// The lower-case form of an ASCII letter byte; other bytes unchanged.
    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
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
