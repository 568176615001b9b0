import ChineseText
import Storage

/// The notes of one file, checked one by one, with every problem kept.
///
/// Our own deck files are read by ``Rules/lianxi``: every rule of docs/DECK_FORMAT.md.
/// Files from other tools are read by ``Rules/foreign``: ids may be missing (the hanzi then
/// serves as the key, so importing the same file again updates its notes in place), the part
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
    private var hanziLocations: [String: NoteDraft.Location] = [:]
    private var keyLocations: [String: NoteDraft.Location] = [:]

    /// Starts an empty draft of `file`.
    init(file: String, rules: Rules) {
        self.file = file
        self.rules = rules
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

    /// Checks `draft` and keeps it as a note if it passes, or its problems if not.
    mutating func add(_ draft: NoteDraft) {
        var check = NoteCheck(draft: draft, rules: rules)
        let note = check.note()
        var messages = check.messages
        if !draft.hanzi.isEmpty {
            if let first = hanziLocations[draft.hanzi] {
                messages.append(
                    "\(draft.hanzi) is already on \(first); a word may be in a deck only once."
                        + " Merge the two notes or delete one.")
            } else {
                hanziLocations[draft.hanzi] = draft.location
            }
        }
        let key = check.key
        if !key.isEmpty {
            if let first = keyLocations[key] {
                if !(rules == .foreign && draft.key.isEmpty) {
                    messages.append(
                        "The id \(key) is already used on \(first); every note needs its own id"
                            + " (ids are never reused).")
                }
            } else {
                keyLocations[key] = draft.location
            }
        }
        for message in messages {
            report(message, at: draft.location)
        }
        if messages.isEmpty, let note {
            notes.append(note)
        }
    }

    /// The deck, or every problem found, in file order.
    func deck(_ metadata: DeckMetadata) throws(DeckProblems) -> DeckContent {
        guard problems.isEmpty else {
            let ordered = problems.enumerated().sorted {
                ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
            }
            throw DeckProblems(ordered.map(\.element))
        }
        guard !notes.isEmpty else {
            throw DeckProblems(
                file: file,
                "The file has no notes: nothing to import. Check that it is the right file.")
        }
        return DeckContent(metadata: metadata, notes: notes)
    }
}
