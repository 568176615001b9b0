/// One reading of a word and the dictionary's entries with that reading: 长 cháng (long) is
/// one reading of 长, zhǎng (chief; to grow) another.
public struct WordReading: Hashable, Sendable {
    /// The reading in CC-CEDICT's tone numbers: `chang2`, `yin2 hang2`.
    public let numberedPinyin: String
    /// The entries with this reading, in the dictionary's order (several when the word has
    /// several traditional forms, as 系 xì has 係, 系 and 繫).
    public let entries: [DictionaryEntry]

    /// Groups `entries` with the same reading.
    public init(numberedPinyin: String, entries: [DictionaryEntry]) {
        self.numberedPinyin = numberedPinyin
        self.entries = entries
    }

    /// The traditional form: the one that is also the simplified form when there is one (系),
    /// otherwise the first entry's.
    public var traditional: String {
        entries.first { $0.traditional == $0.simplified }?.traditional
            ?? entries.first?.traditional ?? ""
    }

    /// The meanings, without cross-references (`variant of …`, `see …`, `also pr. …`) and
    /// without repeats: at most `limit` from each entry, the first ones, which CC-CEDICT
    /// gives the commonest senses.
    public func meanings(limit: Int = 3) -> [String] {
        var meanings: [String] = []
        for entry in entries {
            let own = entry.glosses.filter { !DictionaryEntry.isReference($0) }
            for gloss in own.prefix(limit) where !meanings.contains(gloss) {
                meanings.append(gloss)
            }
        }
        return meanings
    }

    /// The measure words of all the entries, without repeats.
    public var measureWords: [MeasureWord] {
        var words: [MeasureWord] = []
        for word in entries.flatMap(\.measureWords) where !words.contains(word) {
            words.append(word)
        }
        return words
    }
}

/// What a word list says of the reading it means, besides the characters: a reading
/// (`长chang`, a Pleco card's `yin2hang2`), a tone (`只（三声）`), a part of speech (`还<副>`).
public struct ReadingHint: Hashable, Sendable {
    /// The reading given, as syllables to find.
    public var reading: SyllableSearch?
    /// The tone given for a word of one syllable: 1 to 4, or 5 for the neutral tone.
    public var tone: Int?
    /// The kind of word given.
    public var wordClass: WordClass?

    /// A hint; every part may be left out.
    public init(reading: SyllableSearch? = nil, tone: Int? = nil, wordClass: WordClass? = nil) {
        self.reading = reading
        self.tone = tone
        self.wordClass = wordClass
    }

    /// Whether the hint says nothing.
    public var isEmpty: Bool { reading == nil && tone == nil && wordClass == nil }
}

/// The kinds of word that tell readings apart in CC-CEDICT's glosses: a verb's first gloss
/// starts with `to ` (还 huán, to return), a particle's speaks of a particle or marker
/// (过 guo, experienced action marker).
public enum WordClass: Hashable, Sendable {
    /// A verb.
    case verb
    /// A particle (助词).
    case particle
    /// Any other kind: noun, adverb, adjective, preposition…
    case other
}

/// How a word's reading is decided from its own dictionary entries, never character by
/// character: 银行 is yínháng because the entry 银行 says so, whatever 行 alone may be.
public enum ReadingChoice: Hashable, Sendable {
    /// One reading fits.
    case decided(WordReading)
    /// Several readings fit, with different meanings; a person must choose.
    case undecided([WordReading])
    /// The word has readings, but none fits the hint.
    case contradicted(available: [WordReading])
    /// The dictionary does not have the word.
    case missing

    /// Chooses among `entries` (a word's entries, as ``CEDICT/entries(forHeadwords:)`` gives
    /// them) with `hint`.
    ///
    /// Surnames, names and variants count only when the word has nothing else. A reading
    /// written without tones is first read as pinyin writes it, each unmarked syllable in the
    /// neutral tone (`得（de）` is de, not dé), and when no entry has that, with its tones
    /// unknown (`长chang` is cháng). A part of speech keeps the readings whose glosses fit it,
    /// when any do.
    public static func choose(among entries: [DictionaryEntry], hint: ReadingHint) -> ReadingChoice
    {
        guard !entries.isEmpty else { return .missing }
        let major = entries.filter { !$0.isMinor }
        let readings = WordReading.grouping(major.isEmpty ? entries : major)
        var candidates = readings
        if let search = hint.reading {
            let neutral = candidates.filter {
                search.neutralWhereToneless.matches($0.numberedPinyin)
            }
            candidates =
                neutral.isEmpty ? candidates.filter { search.matches($0.numberedPinyin) } : neutral
            if candidates.isEmpty {
                // A surname or a name may be what the reading means: 北京 Běijīng.
                let all = WordReading.grouping(entries).filter { search.matches($0.numberedPinyin) }
                guard !all.isEmpty else { return .contradicted(available: readings) }
                candidates = all
            }
        }
        if let tone = hint.tone {
            let toned = candidates.filter { $0.singleTone == tone }
            guard !toned.isEmpty else { return .contradicted(available: readings) }
            candidates = toned
        }
        if let wordClass = hint.wordClass, candidates.count > 1 {
            let fitting = candidates.filter { $0.fits(wordClass) }
            if !fitting.isEmpty { candidates = fitting }
        }
        return candidates.count == 1 ? .decided(candidates[0]) : .undecided(candidates)
    }
}

extension WordReading {
    /// `entries` grouped by reading (without regard to capitals), in the order each reading
    /// first comes.
    static func grouping(_ entries: [DictionaryEntry]) -> [WordReading] {
        var order: [String] = []
        var groups: [String: [DictionaryEntry]] = [:]
        for entry in entries {
            let key = entry.numberedPinyin.lowercased()
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        return order.compactMap { key in
            groups[key].flatMap { group in
                group.first.map { WordReading(numberedPinyin: $0.numberedPinyin, entries: group) }
            }
        }
    }

    /// The tone of a reading of one syllable (5 for neutral); `nil` for longer readings.
    var singleTone: Int? {
        guard !numberedPinyin.contains(" ") else { return nil }
        guard let tone = numberedPinyin.last?.wholeNumberValue, (1...5).contains(tone) else {
            return 5
        }
        return tone
    }

    /// Whether the glosses read as those of `wordClass`.
    func fits(_ wordClass: WordClass) -> Bool {
        let glosses = entries.flatMap(\.glosses).filter { !DictionaryEntry.isReference($0) }
        let isVerb = glosses.first?.hasPrefix("to ") ?? false
        switch wordClass {
        case .verb: return isVerb
        case .particle:
            return glosses.contains { $0.contains("particle") || $0.contains("marker") }
        case .other: return !isVerb
        }
    }
}

extension DictionaryEntry {
    /// Whether the entry is a surname, a name, a variant or a cross-reference, which a word
    /// list means only when the word has nothing else.
    public var isMinor: Bool {
        if numberedPinyin.first?.isUppercase ?? false { return true }
        return glosses.allSatisfy { gloss in
            Self.isReference(gloss) || gloss.hasPrefix("surname ")
        }
    }

    /// Whether a gloss only points elsewhere: `variant of 只[zhi3]`, `see 哪吒[Ne2 zha1]`,
    /// `also pr. [shui2]`, `Taiwan pr. [xing4] …`.
    static func isReference(_ gloss: String) -> Bool {
        let starts = [
            "variant of", "old variant of", "see ", "used in ", "archaic variant",
            "Japanese variant", "erhua variant", "unofficial variant", "also pr.", "Taiwan pr.",
            "also written", "abbr. for",
        ]
        if starts.contains(where: { gloss.hasPrefix($0) }) { return true }
        // `euphemistic variant of 屄[bi1]`, `Cantonese variant of …`: a word or two before.
        guard let variant = gloss.firstRange(of: "variant of ") else { return false }
        return gloss[..<variant.lowerBound].split(separator: " ").count <= 2
            && !gloss[..<variant.lowerBound].contains(";")
    }
}

extension SyllableSearch {
    /// Whether a reading in CC-CEDICT's spelling (`yin2 hang2`) is this one.
    public func matches(_ numberedPinyin: String) -> Bool {
        let bytes = Array(numberedPinyin.utf8)
        return bytes.withUnsafeBufferPointer { matches(0..<bytes.count, of: $0) }
    }

    /// The same syllables with each one written without a tone taken as neutral, as pinyin
    /// leaves the neutral tone unmarked.
    var neutralWhereToneless: SyllableSearch {
        SyllableSearch(
            syllables: syllables.map { (letters: $0.letters, tone: Optional($0.tone ?? 5)) })
    }
}
