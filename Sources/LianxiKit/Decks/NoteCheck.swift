import ChineseText
import Storage

/// The checks of one note's cells, with a message for each problem.
struct NoteCheck {
    /// The cells checked.
    let draft: NoteDraft
    /// How strictly.
    let rules: DeckDraft.Rules
    /// What is wrong, for the person fixing the file.
    private(set) var messages: [String] = []

    /// Whether the cells are known to hold no character a terminal obeys rather than shows, so
    /// that ``note()`` need not look for one (see ``DeckDraft/cellsAreShowable``).
    let cellsAreShowable: Bool

    /// Prepares the checks of `draft`; `cellsAreShowable` skips the search for unshowable
    /// characters in cells known to hold none.
    init(draft: NoteDraft, rules: DeckDraft.Rules, cellsAreShowable: Bool = false) {
        self.draft = draft
        self.rules = rules
        self.cellsAreShowable = cellsAreShowable
        self.word = draft.hanzi
    }

    /// The reading as a key (``PinyinCell/read(_:)``), once ``note()`` has read it.
    private(set) var readingKey: String? {
        didSet { word = readingKey.map { "\(draft.hanzi) \($0)" } ?? draft.hanzi }
    }

    /// The word: its hanzi and, once ``note()`` has read it, its reading (`得 de2`).
    ///
    /// A word with two readings is two words (得 dé, de and děi). Kept rather than computed,
    /// since the key, the former key and the draft's table of words each ask for it.
    private(set) var word: String

    /// Whether the note has no id of its own and is keyed by its word.
    var isKeyedByWord: Bool { rules == .foreign && draft.key.isEmpty }

    /// The note's key: its id, or for files from other tools without one, its word.
    var key: String {
        isKeyedByWord ? word : draft.key
    }

    /// The key earlier versions gave a note without an id (its hanzi alone), when it differs:
    /// when the word has a reading after its hanzi.
    var formerKey: String? {
        isKeyedByWord && readingKey != nil ? draft.hanzi : nil
    }

    /// The note, or `nil` with ``messages`` saying why not.
    mutating func note() -> NoteContent? {
        if !cellsAreShowable {
            checkShowable()
        }
        checkKey()
        checkCharacters(draft.hanzi, column: "hanzi", required: true)
        checkCharacters(draft.traditional, column: "traditional", required: rules == .lianxi)
        let pinyin = reading(draft.pinyin)
        if draft.english.isEmpty {
            messages.append("The English is missing.")
        }
        let partOfSpeech = partOfSpeech()
        let measureWord = measureWords()
        let example = example()
        let hskLevel = hskLevel()
        guard messages.isEmpty, let pinyin else { return nil }
        return NoteContent(
            key: key, hanzi: draft.hanzi, traditional: draft.traditional, pinyin: pinyin,
            english: draft.english, partOfSpeech: partOfSpeech, measureWord: measureWord,
            example: example, hskLevel: hskLevel, tags: draft.tags.map { $0.lowercased() })
    }

    /// Refuses characters a terminal obeys rather than shows (escape sequences, bidirectional
    /// overrides; see ``UntrustedText``): no word list means them, and shown they would clear
    /// the screen or forge a link.
    private mutating func checkShowable() {
        for field in NoteField.allCases {
            if let message = DeckText.unshowableProblem(in: draft[field], named: field.label) {
                messages.append(message)
            }
        }
    }

    private mutating func checkKey() {
        guard rules == .lianxi else { return }
        if draft.key.isEmpty {
            messages.append("The id is missing; every note needs one, like pay-001.")
        } else if !Self.isDeckID(draft.key) {
            messages.append(
                "The id “\(draft.key)” is not a deck prefix and three or four digits, like pay-001 or core1-0001."
            )
        }
    }

    /// Whether `id` is lower-case letters and digits (hyphens between), a hyphen and three or
    /// four digits: `pay-001`, `cross-border-012`, `core1-0001`.
    static func isDeckID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let number = parts.last, (3...4).contains(number.count),
            number.allSatisfy(\.isASCIIDigit)
        else { return false }
        return parts.dropLast().allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCIIDigit || ("a"..."z").contains($0) }
        }
    }

    private mutating func checkCharacters(_ text: String, column: String, required: Bool) {
        if text.isEmpty {
            if required {
                messages.append(
                    column == "hanzi"
                        ? "The hanzi is missing."
                        : "The traditional characters are missing; repeat the hanzi when they do"
                            + " not differ.")
            }
        } else if !text.containsHan {
            messages.append(
                "The \(column) “\(text)” has no Chinese characters; is it in the right column?")
        }
    }

    /// The note's pinyin with tone marks, its key kept in ``readingKey``; or `nil` and a
    /// message.
    private mutating func reading(_ text: String) -> String? {
        guard let (toneMarked, key) = pinyinAndKey(text, column: "pinyin") else { return nil }
        readingKey = key
        return toneMarked
    }

    /// `text` with tone marks, or `nil` and a message.
    private mutating func pinyin(_ text: String, column: String) -> String? {
        pinyinAndKey(text, column: column)?.toneMarked
    }

    /// `text` with tone marks and as a key (``PinyinCell/read(_:)``), or `nil` and a message.
    private mutating func pinyinAndKey(
        _ text: String, column: String
    ) -> (toneMarked: String, key: String)? {
        guard !text.isEmpty else {
            messages.append("The \(column) is missing.")
            return nil
        }
        // No text without a `|` can hold " | " (nothing is canonically equivalent to `|`), and
        // looking for the byte is much cheaper than Foundation's search.
        if column == "pinyin", text.utf8.contains(UInt8(ascii: "|")), text.contains(" | ") {
            messages.append(
                "The pinyin still offers several readings (\(text)): keep the one meant, and its"
                    + " English (lianxi deck new left this choice to you).")
            return nil
        }
        do {
            return try PinyinCell.read(text)
        } catch {
            messages.append(
                "The \(column) “\(text)” is not pinyin: \(error) Write it with tone marks"
                    + " (zhīfù) or tone numbers (zhi1fu4).")
            return nil
        }
    }

    /// The allowed parts of speech, for messages.
    private static let allowedPartsOfSpeech = PartOfSpeech.allowed.joined(separator: ", ")

    private mutating func partOfSpeech() -> String {
        let allowed = Self.allowedPartsOfSpeech
        switch rules {
        case .lianxi:
            if draft.partOfSpeech.isEmpty {
                messages.append("The part of speech is missing; use one of \(allowed).")
            } else if !PartOfSpeech.allowed.contains(draft.partOfSpeech) {
                messages.append(
                    "“\(draft.partOfSpeech)” is not a part of speech; use one of \(allowed).")
            }
            return draft.partOfSpeech
        case .foreign:
            guard !draft.partOfSpeech.isEmpty else { return "" }
            guard let normalized = PartOfSpeech.normalized(draft.partOfSpeech) else {
                messages.append(
                    "“\(draft.partOfSpeech)” is not a part of speech; use one of \(allowed), or"
                        + " leave it empty.")
                return ""
            }
            return normalized
        }
    }

    /// The measure words as `个 gè; 家 jiā`, tone numbers converted.
    private mutating func measureWords() -> String {
        guard !draft.measureWord.isEmpty else { return "" }
        let separator: Character = ";"
        var written: [String] = []
        for item in draft.measureWord.split(separator: separator) {
            let item = CellText.tidied(item)
            let hanzi = String(item.prefix { $0.unicodeScalars.allSatisfy(\.isHan) })
            let reading = item.dropFirst(hanzi.count).drop { $0 == " " }
            let hasSpace = item.dropFirst(hanzi.count).first == " "
            if hanzi.isEmpty || (rules == .lianxi && (reading.isEmpty || !hasSpace)) {
                messages.append(
                    "The measure word “\(item)” is not written as hanzi and pinyin, like 个 gè;"
                        + " separate several with “; ”.")
                continue
            }
            guard !reading.isEmpty else {
                written.append(hanzi)
                continue
            }
            do {
                written.append("\(hanzi) \(try PinyinCell.toneMarked(String(reading)))")
            } catch {
                messages.append(
                    "The pinyin of the measure word “\(item)” is not pinyin: \(error)")
            }
        }
        return written.joined(separator: "; ")
    }

    private mutating func example() -> ExampleSentence? {
        guard !draft.example.isEmpty else {
            if !draft.examplePinyin.isEmpty || !draft.exampleEnglish.isEmpty {
                messages.append(
                    "The example’s pinyin or English is given but the example sentence is"
                        + " missing.")
            }
            return nil
        }
        let pinyin = pinyin(draft.examplePinyin, column: "example pinyin")
        if draft.exampleEnglish.isEmpty {
            messages.append("The example English is missing; an example needs its English.")
        }
        return pinyin.map {
            ExampleSentence(hanzi: draft.example, pinyin: $0, english: draft.exampleEnglish)
        }
    }

    private mutating func hskLevel() -> HSKLevel? {
        guard !draft.hsk.isEmpty else { return nil }
        let level = rules == .lianxi ? HSKCell.exact(draft.hsk) : HSKCell.lenient(draft.hsk)
        if level == nil {
            messages.append(
                "The HSK level “\(draft.hsk)” is not 1 to 6 or 7-9 (leave it empty when no HSK"
                    + " list has the word).")
        }
        return level
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
