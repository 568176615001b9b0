import ChineseDictionary
import ChineseText
import Foundation
import Storage

/// Fills the pinyin and English that a deck file's notes lack from CC-CEDICT, and keeps, per
/// file, what it filled and which words it could not decide.
///
/// A word's reading is chosen by its own entries (``ReadingChoice``): 银行 is yínháng, never
/// 银 and 行 one by one. What the file says chooses among readings: a reading annotation
/// (`长chang`), a tone (`只（三声）`), a part of speech (`还<副>`), or the note's own pinyin
/// (a Pleco card's `yin2hang2`, when only the English is missing). When readings still
/// differ, the word is undecided and named with its file and line, never guessed; the message
/// says which reading the shipped decks teach, when they teach one.
///
/// A filled note gets the pinyin (tone marks, syllables joined), the English (the first
/// meanings of each entry of that reading, cross-references left out), and, where empty, the
/// traditional form, the measure words (CEDICT's `CL:`), the part of speech of an annotation
/// and the HSK level of the shipped decks; and the tag ``tag``, so a trainer can review it.
public final class DictionaryFill: @unchecked Sendable {
    /// The tag of every note filled from the dictionary.
    public static let tag = "filled-by-dictionary"

    /// What to do with a word that cannot be decided.
    public enum UndecidedWords: Sendable {
        /// Refuse the file (an import: nothing half-written).
        case refuse
        /// Keep the word in a deck draft, with the readings to choose from written where the
        /// pinyin goes, so that importing the draft is refused until someone chooses.
        case markInDraft
    }

    /// What was done to one file.
    public struct FileReport: Sendable {
        /// How many notes got a field from the dictionary.
        public var filled = 0
        /// The words not decided: where, and why.
        public var undecided: [DeckProblem] = []
        /// For a draft, every note as it will be written, in file order; undecided words with
        /// their choices in the pinyin and English, and why they are undecided.
        var drafts: [(note: NoteDraft, undecided: DeckProblem?)] = []
    }

    /// The dictionary read.
    let dictionary: CEDICT
    /// What to do with undecided words.
    let undecidedWords: UndecidedWords
    /// Whether a part of speech is guessed from the glosses where no annotation gives one
    /// (drafts only: our deck files require one).
    let guessesPartOfSpeech: Bool
    /// The reports, by file; only read and written under ``lock`` (files may be read on
    /// another thread than the one that asks for the reports).
    private var reports: [String: FileReport] = [:]
    /// Guards ``reports``.
    private let lock = NSLock()

    /// A filler reading `dictionary` (CC-CEDICT as shipped, unless a test gives another).
    public init(
        dictionary: CEDICT = WordLookup.shippedDictionary, undecidedWords: UndecidedWords = .refuse
    ) {
        self.dictionary = dictionary
        self.undecidedWords = undecidedWords
        self.guessesPartOfSpeech = undecidedWords == .markInDraft
    }

    /// What was filled in `file` and which words were not decided, once it has been read.
    public func report(for file: String) -> FileReport {
        lock.withLock { reports[file] ?? FileReport() }
    }

    /// A note, and what a word list's annotations said of it.
    struct Request {
        var draft: NoteDraft
        var hint = ReadingHint()
    }

    /// What became of a note.
    enum Outcome {
        /// Complete already, or filled (then tagged).
        case kept(NoteDraft)
        /// Not decided: the message, and for a draft, the note with its choices.
        case undecided(String, NoteDraft)
    }

    /// Fills the notes of `file` that lack pinyin or English, in one pass over the dictionary.
    func fill(_ requests: [Request], file: String) -> [Outcome] {
        let needed = requests.filter { $0.draft.needsDictionary }
        guard !needed.isEmpty else {
            let outcomes = requests.map { Outcome.kept($0.draft) }
            record(file: file, outcomes)
            return outcomes
        }
        let entries = dictionary.entries(forHeadwords: Set(needed.map(\.draft.hanzi)))
        let taught = TaughtWords.shipped
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(requests.count)
        for request in requests {
            guard request.draft.needsDictionary else {
                outcomes.append(.kept(request.draft))
                continue
            }
            outcomes.append(
                fill(request, entries: entries[request.draft.hanzi] ?? [], taught: taught))
        }
        record(file: file, outcomes)
        return outcomes
    }

    /// Keeps the report of `file`.
    private func record(file: String, _ outcomes: [Outcome]) {
        var report = FileReport()
        for outcome in outcomes {
            switch outcome {
            case .kept(let draft):
                if draft.isFilledFromDictionary { report.filled += 1 }
                if undecidedWords == .markInDraft { report.drafts.append((draft, nil)) }
            case .undecided(let message, let draft):
                let problem = draft.problem(message, file: file)
                report.undecided.append(problem)
                if undecidedWords == .markInDraft { report.drafts.append((draft, problem)) }
            }
        }
        lock.withLock { reports[file] = report }
    }

    /// One note.
    private func fill(_ request: Request, entries: [DictionaryEntry], taught: TaughtWords)
        -> Outcome
    {
        var draft = request.draft
        var hint = request.hint
        if !draft.pinyin.isEmpty {
            guard let reading = SyllableSearch(draft.pinyin) else {
                // NoteCheck says what is wrong with the pinyin.
                return .kept(draft)
            }
            hint.reading = reading
        }
        switch ReadingChoice.choose(among: entries, hint: hint) {
        case .decided(let reading):
            return fill(&draft, with: reading, wordClass: hint.wordClass, taught: taught)
        case .undecided(let readings):
            let teaching = readings.filter { taught.teaches(draft.hanzi, $0.numberedPinyin) }
            let suggestion =
                teaching.count == 1
                ? " The shipped decks teach \(Self.written(teaching[0]))." : ""
            let choices = readings.map {
                "\(Self.written($0)) “\($0.meanings(limit: 2).joined(separator: "; "))”"
            }
            var marked = draft
            let traditional = Set(readings.map(\.traditional))
            if marked.traditional.isEmpty, traditional.count == 1, let form = traditional.first {
                marked.traditional = form
            }
            marked.pinyin = readings.map(Self.written).joined(separator: " | ")
            marked.english = readings.map {
                "\(Self.written($0)): \($0.meanings(limit: 2).joined(separator: "; "))"
            }.joined(separator: " | ")
            return .undecided(
                "\(draft.hanzi) has several readings with different meanings in CC-CEDICT: "
                    + choices.joined(separator: " or ")
                    + ". Write the pinyin of the one meant (or annotate the word, like 长chang)."
                    + suggestion,
                marked)
        case .contradicted(let available):
            let readings = available.map(Self.written).joined(separator: ", ")
            let given =
                draft.pinyin.isEmpty ? "the reading annotated" : "the pinyin “\(draft.pinyin)”"
            return .undecided(
                "CC-CEDICT has \(draft.hanzi) only as \(readings), not with \(given); check it.",
                draft)
        case .missing:
            let phrase = draft.hanzi.contains("…") || draft.hanzi.contains("⋯")
            return .undecided(
                phrase
                    ? "\(draft.hanzi) is a set phrase CC-CEDICT does not have as a whole; write its"
                        + " pinyin and English."
                    : "\(draft.hanzi) is not in CC-CEDICT; write its pinyin and English.",
                draft)
        }
    }

    /// Fills the empty fields of `draft` from `reading`; an annotation that the word is a verb
    /// keeps the meanings of a verb (`等<动>`: to wait for, not etc.), when there are some.
    private func fill(
        _ draft: inout NoteDraft, with reading: WordReading, wordClass: WordClass?,
        taught: TaughtWords
    ) -> Outcome {
        var meanings = reading.meanings(limit: 2)
        if wordClass == .verb {
            let verbs = meanings.filter { $0.hasPrefix("to ") }
            if !verbs.isEmpty { meanings = verbs }
        }
        if draft.english.isEmpty {
            guard !meanings.isEmpty else {
                let reference = reading.entries.flatMap(\.glosses).first ?? ""
                return .undecided(
                    "CC-CEDICT gives \(draft.hanzi) no meaning of its own (“\(reference)”); write"
                        + " its English.", draft)
            }
            draft.english = meanings.joined(separator: "; ")
        }
        if draft.pinyin.isEmpty { draft.pinyin = Self.written(reading) }
        if draft.traditional.isEmpty { draft.traditional = reading.traditional }
        if draft.measureWord.isEmpty {
            draft.measureWord = reading.measureWords.map {
                "\($0.simplified) \(Self.written(numbered: $0.numberedPinyin))"
            }.joined(separator: "; ")
        }
        if draft.hsk.isEmpty, let level = taught.level(of: draft.hanzi) {
            draft.hsk = level.rawValue
        }
        if draft.partOfSpeech.isEmpty, guessesPartOfSpeech {
            draft.partOfSpeech =
                taught.partOfSpeech(of: draft.hanzi, reading.numberedPinyin)
                ?? Self.partOfSpeech(reading, meanings: meanings)
        }
        if !draft.tags.contains(Self.tag) { draft.tags.append(Self.tag) }
        draft.isFilledFromDictionary = true
        return .kept(draft)
    }

    /// The part of speech the glosses show plainly: a noun has measure words and no meaning
    /// starting with `to `, a verb's meanings all start with `to `, a measure word is a
    /// classifier; empty when they do not say.
    private static func partOfSpeech(_ reading: WordReading, meanings: [String]) -> String {
        let first = meanings.first ?? ""
        if first.hasPrefix("classifier for") || first.hasPrefix("measure word") { return "measure" }
        if !reading.measureWords.isEmpty, !meanings.contains(where: { $0.hasPrefix("to ") }) {
            return "noun"
        }
        if first.hasPrefix("to "), meanings.allSatisfy({ $0.hasPrefix("to ") }) { return "verb" }
        return ""
    }

    /// A reading with tone marks, syllables joined (`yínháng`, `Běijīng`), or CC-CEDICT's own
    /// text when it is not plain pinyin.
    static func written(_ reading: WordReading) -> String {
        written(numbered: reading.numberedPinyin)
    }

    /// CC-CEDICT's tone numbers (`yin2 hang2`) with tone marks, joined.
    static func written(numbered: String) -> String {
        (try? Pinyin(parsing: numbered))?.written(.toneMarks, spacing: .joined) ?? numbered
    }
}

extension NoteDraft {
    /// Whether the note names a word but lacks its pinyin or English.
    var needsDictionary: Bool {
        (pinyin.isEmpty || english.isEmpty) && hanzi.containsHan
    }

    /// A problem at this note's place in `file`.
    func problem(_ message: String, file: String) -> DeckProblem {
        switch location {
        case .line(let line): DeckProblem(file: file, line: line, message: message)
        case .note(let number):
            DeckProblem(file: file, line: nil, message: "note \(number): \(message)")
        }
    }
}

/// The words the shipped decks teach: their readings and HSK levels.
struct TaughtWords: Sendable {
    /// The readings of each word (tone-marked, as the decks write them), each with the part
    /// of speech the deck gives it.
    private var readings: [String: [(reading: SyllableSearch, partOfSpeech: String)]] = [:]
    /// The lowest HSK level of each word.
    private var levels: [String: HSKLevel] = [:]

    /// The shipped decks' words, read once.
    static let shipped: TaughtWords = {
        var words = TaughtWords()
        for file in ShippedDecks.files {
            for (hanzi, pinyin, partOfSpeech, level) in WordLookup.taughtWords(in: file.text) {
                if let search = SyllableSearch(pinyin) {
                    words.readings[hanzi, default: []].append((search, partOfSpeech))
                }
                if let level, words.levels[hanzi].map({ level < $0 }) ?? true {
                    words.levels[hanzi] = level
                }
            }
        }
        return words
    }()

    /// Whether a shipped deck teaches `hanzi` with the reading `numberedPinyin`.
    func teaches(_ hanzi: String, _ numberedPinyin: String) -> Bool {
        readings[hanzi]?.contains { $0.reading.matches(numberedPinyin) } ?? false
    }

    /// The part of speech a shipped deck gives `hanzi` with the reading `numberedPinyin`.
    func partOfSpeech(of hanzi: String, _ numberedPinyin: String) -> String? {
        readings[hanzi]?.first { $0.reading.matches(numberedPinyin) && !$0.partOfSpeech.isEmpty }?
            .partOfSpeech
    }

    /// The HSK level the shipped decks give `hanzi`.
    func level(of hanzi: String) -> HSKLevel? { levels[hanzi] }
}

extension DictionaryFill: Hashable {
    /// Fillers are the same only when they are one object: each keeps its own reports.
    public static func == (lhs: DictionaryFill, rhs: DictionaryFill) -> Bool { lhs === rhs }

    /// Hashes the object's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
