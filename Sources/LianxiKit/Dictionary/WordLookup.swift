import CEDICTData
import ChineseDictionary
import ChineseText
import Foundation
import Storage

/// Looks words up in CC-CEDICT, built into the program, and says which shipped decks teach
/// them and at which HSK level.
public struct WordLookup: Sendable {
    /// The dictionary searched.
    public let dictionary: CEDICT
    /// What the shipped decks say of each word (by simplified hanzi).
    private let taught: [String: TaughtWord]

    /// A word as the shipped decks have it.
    private struct TaughtWord: Sendable {
        var hskLevel: HSKLevel?
        var decks: [String]
    }

    /// CC-CEDICT as shipped with Lianxi (MDBG, CC BY-SA 4.0; see NOTICE).
    public static var shippedDictionary: CEDICT {
        // Built into the program: read in place for the program's whole life.
        CEDICT(
            permanentText: UnsafeBufferPointer(
                start: lianxi_cedict_bytes(), count: lianxi_cedict_count()))
    }

    /// Looks up in `dictionary`, with the HSK levels and decks of the shipped decks.
    public init(dictionary: CEDICT = Self.shippedDictionary) {
        self.dictionary = dictionary
        var taught: [String: TaughtWord] = [:]
        for file in ShippedDecks.files {
            let slug = String(file.name.dropLast(".tsv".count))
            for (hanzi, level) in Self.wordsAndLevels(in: file.text) {
                var word = taught[hanzi] ?? TaughtWord(hskLevel: nil, decks: [])
                word.hskLevel = word.hskLevel ?? level
                if !word.decks.contains(slug) { word.decks.append(slug) }
                taught[hanzi] = word
            }
        }
        self.taught = taught
    }

    /// The hanzi and HSK level of each note of a shipped deck, read from the columns its
    /// `#columns:` header names, without checking the notes: the shipped decks are checked in
    /// full by their tests, and a lookup should cost no more than a glance at them.
    static func wordsAndLevels(in text: String) -> [(hanzi: String, level: HSKLevel?)] {
        var hanziColumn: Int?
        var levelColumn: Int?
        var words: [(hanzi: String, level: HSKLevel?)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            if line.hasPrefix("#columns:") {
                let names = cells.map { $0.replacing("#columns:", with: "") }
                hanziColumn = names.firstIndex(of: "hanzi")
                levelColumn = names.firstIndex(of: "hsk")
            } else if !line.hasPrefix("#"), let hanziColumn, hanziColumn < cells.count {
                let level = levelColumn.flatMap {
                    $0 < cells.count ? HSKLevel(rawValue: String(cells[$0])) : nil
                }
                words.append((String(cells[hanziColumn]), level))
            }
        }
        return words
    }

    /// The hanzi, pinyin, part of speech and HSK level of each note of a shipped deck, read
    /// from the columns its `#columns:` header names, without checking the notes (as
    /// ``wordsAndLevels(in:)``).
    static func taughtWords(
        in text: String
    ) -> [(hanzi: String, pinyin: String, partOfSpeech: String, level: HSKLevel?)] {
        var columns: [String: Int] = [:]
        var words: [(hanzi: String, pinyin: String, partOfSpeech: String, level: HSKLevel?)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            if line.hasPrefix("#columns:") {
                let names = cells.map { $0.replacing("#columns:", with: "") }
                var named: [String: Int] = [:]
                for (index, name) in names.enumerated() where named[String(name)] == nil {
                    named[String(name)] = index
                }
                columns = named
            } else if !line.hasPrefix("#") {
                func cell(_ name: String) -> String {
                    columns[name].flatMap { $0 < cells.count ? String(cells[$0]) : nil } ?? ""
                }
                guard !cell("hanzi").isEmpty else { continue }
                words.append(
                    (
                        cell("hanzi"), cell("pinyin"), cell("part_of_speech"),
                        HSKLevel(rawValue: cell("hsk"))
                    ))
            }
        }
        return words
    }

    /// The entries that answer `text` (hanzi, pinyin in any spelling, or English), best
    /// first, at most `limit`; words the shipped decks teach rank before others, the lower
    /// HSK levels first.
    public func lookUp(_ text: String, limit: Int = 20) -> [LookedUpWord] {
        guard let query = DictionaryQuery(text) else { return [] }
        let levels = HSKLevel.allCases
        let rank = taught.mapValues { word in
            word.hskLevel.flatMap { levels.firstIndex(of: $0) } ?? levels.count
        }
        return dictionary.lookUp(query, rank: rank, limit: limit).map { entry in
            let word = taught[entry.simplified]
            return LookedUpWord(
                entry: entry, hskLevel: word?.hskLevel, decks: word?.decks ?? [])
        }
    }
}

/// A dictionary entry found, with what Lianxi knows of the word.
public struct LookedUpWord: Hashable, Sendable {
    /// The dictionary's entry.
    public let entry: DictionaryEntry
    /// The word's HSK 3.0 level, when a shipped deck gives it.
    public let hskLevel: HSKLevel?
    /// The slugs of the shipped decks that teach the word, by name.
    public let decks: [String]
}

extension LookedUpWord {
    /// The reading with tone marks, syllables joined as a word is written (`màoyì`), or
    /// CC-CEDICT's own text when it is not plain pinyin (letters such as `A` or `xx5`).
    public var pinyin: Pinyin? { try? Pinyin(parsing: entry.numberedPinyin) }

    /// The words as JSON for scripts: an array of objects with `simplified`, `traditional`,
    /// `pinyin` (tone marks), `pinyin_numbered` (CC-CEDICT's), `glosses`, `measure_words`
    /// (`simplified`, `traditional`, `pinyin`), `hsk_level` (null when unknown) and `decks`.
    public static func json(_ words: [LookedUpWord]) throws -> Data {
        struct Word: Encodable {
            let simplified: String
            let traditional: String
            let pinyin: String
            let pinyinNumbered: String
            let glosses: [String]
            let measureWords: [Measure]
            let hskLevel: String?
            let decks: [String]
        }
        struct Measure: Encodable {
            let simplified: String
            let traditional: String
            let pinyin: String
        }
        func marked(_ numbered: String) -> String {
            (try? Pinyin(parsing: numbered))?.written(.toneMarks, spacing: .joined) ?? numbered
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(
            words.map { word in
                Word(
                    simplified: word.entry.simplified, traditional: word.entry.traditional,
                    pinyin: marked(word.entry.numberedPinyin),
                    pinyinNumbered: word.entry.numberedPinyin, glosses: word.entry.glosses,
                    measureWords: word.entry.measureWords.map {
                        Measure(
                            simplified: $0.simplified, traditional: $0.traditional,
                            pinyin: marked($0.numberedPinyin))
                    },
                    hskLevel: word.hskLevel?.rawValue, decks: word.decks)
            })
    }
}
