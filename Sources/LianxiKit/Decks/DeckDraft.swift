import ChineseText
import Storage

/// The notes of one file, checked one by one, with every problem kept.
///
/// Our own deck files are read by ``Rules/lianxi``: every rule of docs/DECK_FORMAT.md.
/// Files from other tools are read by ``Rules/foreign``: ids may be missing (the word, hanzi and
/// reading, then serves as the key, so importing the same file again updates its notes in
/// place, and a polyphone such as 得 dé, de, děi is one note per reading), the part
/// of speech and HSK level may be spelled as those tools spell them, and the traditional
/// characters default to the simplified ones.
struct DeckDraft {
    /// How strictly the cells are read.
    enum Rules: Hashable, Sendable {
        /// Our own deck files: every cell as docs/DECK_FORMAT.md says.
        case lianxi
        /// Files from other tools.
        case foreign
    }

    /// The file, as the person named it.
    let file: String
    /// How strictly the cells are read.
    let rules: Rules
    /// The problems found so far.
    private(set) var problems: [DeckProblem] = []
    /// The notes that passed every check, in file order.
    private(set) var notes: [NoteContent] = []
    /// The keys earlier versions gave the notes keyed by their word (``NoteCheck/formerKey``),
    /// by position in ``notes``.
    private var formerKeys: [String?] = []
    /// Whether any note has a former key.
    private var hasFormerKeys = false
    /// Where each word (hanzi and reading) and each key was first seen.
    ///
    /// One table for both, since a note without an id is keyed by its word: one look-up then
    /// serves both checks. Texts are compared as `String` compares them, but hashed by their
    /// composed bytes (``ComposedText``): hashing a `String` of Chinese characters is not cheap.
    private var firstLocations: [ComposedText: FirstLocations] = [:]

    /// Where a text was first seen as a hanzi and as a key.
    private struct FirstLocations {
        var asHanzi: NoteDraft.Location?
        var asKey: NoteDraft.Location?
    }

    /// Where the notes go in batches as they pass, while the file is still read, if anywhere
    /// (only while no problem is found: any problem rolls the import back anyway).
    var stream: NoteStream?
    /// How many of ``notes`` were sent to ``stream``.
    private var sent = 0
    /// The notes sent at a time: a statement's worth of inserts (see `StudyDatabase`).
    static let notesPerBatch = 1000

    /// Whether the reader knows that no cell of the notes it adds holds a character a terminal
    /// obeys rather than shows (``CellText/mayHoldUnshowable(onceTidied:)``), so that the notes
    /// checked as they are added need not be searched for one; the notes the dictionary fills
    /// are searched anyway, since the dictionary's text is not the file's.
    var cellsAreShowable = false

    /// What fills the notes that lack pinyin or English, if anything does.
    let filling: DictionaryFill?
    /// With a filling, the notes read, waiting for the dictionary (one pass for them all).
    private var waiting: [DictionaryFill.Request] = []
    /// Whether notes were checked at once although there is a filling (``add(_:)``), so that
    /// the filling still records a report for the file.
    private var checkedBeforeFilling = false
    /// How many undecided words were kept for a draft instead of reported.
    private var keptUndecided = 0

    /// Starts an empty draft of `file`; `filling` fills what notes lack from the dictionary.
    init(file: String, rules: Rules, filling: DictionaryFill? = nil) {
        self.file = file
        self.rules = rules
        self.filling = filling
    }

    /// Makes room for `count` notes, so that a large file does not grow the tables again and
    /// again.
    mutating func reserveCapacity(_ count: Int) {
        notes.reserveCapacity(count)
        firstLocations.reserveCapacity(rules == .lianxi ? 2 * count : count)
        formerKeys.reserveCapacity(count)
    }

    /// Records a problem at `location`, or about the whole file when it is `nil`.
    mutating func report(_ message: String, at location: NoteDraft.Location?) {
        switch location {
        case .line(let line):
            problems.append(DeckProblem(file: file, line: line, message: message))
        case .note(let number):
            problems.append(
                DeckProblem(file: file, line: nil, message: "note \(number): \(message)"))
        case nil:
            problems.append(DeckProblem(file: file, line: nil, message: message))
        }
    }

    /// Takes the note `draft`: checks it now, or with a filling once every note is read.
    ///
    /// With a filling, the hanzi of a file from another tool may carry a word list's
    /// annotations (``AnnotatedWord``): they are read, and alternatives become notes of their own.
    ///
    /// A note that lacks nothing the dictionary gives is checked at once, as long as no note
    /// before it waits (so notes are still checked in file order) and undecided words are
    /// refused (a draft keeps every note in its report): the dictionary would keep it as it
    /// is, and holding every note of a large file for one pass cost a seventh of reading it.
    mutating func add(_ draft: NoteDraft) {
        guard let filling else {
            check(draft, cellsAreShowable: cellsAreShowable)
            return
        }
        guard rules == .foreign, let words = AnnotatedWord.words(in: draft.hanzi) else {
            if waiting.isEmpty, filling.undecidedWords == .refuse, !draft.needsDictionary {
                checkedBeforeFilling = true
                check(draft, cellsAreShowable: cellsAreShowable)
            } else {
                waiting.append(DictionaryFill.Request(draft: draft))
            }
            return
        }
        for word in words {
            var each = draft
            each.hanzi = word.hanzi
            if each.partOfSpeech.isEmpty, let partOfSpeech = word.partOfSpeech {
                each.partOfSpeech = partOfSpeech
            }
            waiting.append(DictionaryFill.Request(draft: each, hint: word.hint))
        }
    }

    /// Fills the notes waiting for the dictionary, then checks them in file order.
    private mutating func fillWaiting() {
        guard let filling, !waiting.isEmpty || checkedBeforeFilling else { return }
        let outcomes = filling.fill(waiting, file: file)
        waiting = []
        for outcome in outcomes {
            switch outcome {
            case .kept(let draft):
                check(draft)
            case .undecided(let message, let draft):
                switch filling.undecidedWords {
                case .refuse: report(message, at: draft.location)
                case .markInDraft: keptUndecided += 1
                }
            }
        }
    }

    /// Checks `draft` and keeps it as a note if it passes, or its problems if not;
    /// `cellsAreShowable` as in ``NoteCheck/init(draft:rules:cellsAreShowable:)``.
    private mutating func check(_ draft: NoteDraft, cellsAreShowable: Bool = false) {
        var check = NoteCheck(draft: draft, rules: rules, cellsAreShowable: cellsAreShowable)
        let note = check.note()
        var messages = check.messages
        let key = check.key
        let word = check.word
        let keyIsHanzi = check.isKeyedByWord
        var firstAsHanzi: NoteDraft.Location?
        var firstAsKey: NoteDraft.Location?
        if keyIsHanzi {
            if !draft.hanzi.isEmpty {
                let entry = Self.record(
                    draft.location, asHanzi: true, asKey: true,
                    in: &firstLocations[ComposedText(word), default: FirstLocations()])
                (firstAsHanzi, firstAsKey) = (entry.asHanzi, entry.asKey)
            }
        } else {
            if !draft.hanzi.isEmpty {
                firstAsHanzi =
                    Self.record(
                        draft.location, asHanzi: true, asKey: false,
                        in: &firstLocations[ComposedText(word), default: FirstLocations()]
                    ).asHanzi
            }
            if !key.isEmpty {
                firstAsKey =
                    Self.record(
                        draft.location, asHanzi: false, asKey: true,
                        in: &firstLocations[ComposedText(key), default: FirstLocations()]
                    ).asKey
            }
        }
        if let first = firstAsHanzi {
            messages.append(
                "\(draft.hanzi) \(draft.pinyin) is already on \(first); a word may be in a deck"
                    + " only once with each reading. Merge the two notes or delete one.")
        }
        if let first = firstAsKey, !keyIsHanzi {
            messages.append(
                "The id \(key) is already used on \(first); every note needs its own id"
                    + " (ids are never reused).")
        }
        for message in messages {
            report(message, at: draft.location)
        }
        if messages.isEmpty, let note {
            notes.append(note)
            let former = check.formerKey
            formerKeys.append(former)
            hasFormerKeys = hasFormerKeys || former != nil
            if notes.count - sent >= Self.notesPerBatch { sendNotes() }
        }
    }

    /// Sends the notes not sent yet to ``stream``, if there is one and no problem was found.
    private mutating func sendNotes() {
        guard let stream, problems.isEmpty, sent < notes.count else { return }
        stream.send(Array(notes[sent...]))
        sent = notes.count
    }

    /// Records `location` in `entry` for each role asked for that has no location yet, and
    /// returns the locations recorded before, for the roles asked for.
    private static func record(
        _ location: NoteDraft.Location, asHanzi: Bool, asKey: Bool,
        in entry: inout FirstLocations
    ) -> FirstLocations {
        var before = FirstLocations()
        if asHanzi {
            before.asHanzi = entry.asHanzi
            entry.asHanzi = entry.asHanzi ?? location
        }
        if asKey {
            before.asKey = entry.asKey
            entry.asKey = entry.asKey ?? location
        }
        return before
    }

    /// The deck, or every problem found, in file order.
    mutating func deck(_ metadata: DeckMetadata) throws(DeckProblems) -> DeckContent {
        fillWaiting()
        guard problems.isEmpty else {
            let ordered = problems.enumerated().sorted {
                ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
            }
            throw DeckProblems(ordered.map(\.element))
        }
        guard !notes.isEmpty || keptUndecided > 0 else {
            throw DeckProblems(
                file: file,
                "The file has no notes: nothing to import. Check that it is the right file.")
        }
        sendNotes()
        return DeckContent(
            metadata: metadata, notes: notes, formerKeys: hasFormerKeys ? formerKeys : [])
    }
}
