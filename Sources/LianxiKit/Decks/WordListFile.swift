import Storage

/// Word lists: one word a line, as syllabi and spreadsheets' single columns give them, an
/// index number before the word allowed (`12<TAB>长chang`, the BCT syllabus's shape).
///
/// The words may carry a word list's annotations (``AnnotatedWord``); the pinyin, English and
/// the rest come from the dictionary (``DictionaryFill``). Without one, every word is reported
/// as lacking its pinyin and English.
public enum WordListFile {
    /// Reads the deck in `text`; `file` names it in problems and gives the deck its slug.
    public static func read(
        _ text: String, file: String, options: DeckReadOptions = DeckReadOptions()
    ) throws(DeckProblems) -> DeckContent {
        let name = DeckFileName(path: file)
        var draft = DeckDraft(file: file, rules: .foreign, filling: options.dictionary)
        for (index, line) in text.fileLines.enumerated() {
            let cells = words(on: line)
            if cells.isEmpty { continue }
            guard cells.count == 1 else {
                draft.report(
                    "A word list has one word a line (a number before it is fine); this line has"
                        + " \(cells.count): \(cells.joined(separator: ", ")). Put each word on its"
                        + " own line, or give the file a header row (hanzi, pinyin, english).",
                    at: .line(index + 1))
                continue
            }
            var note = NoteDraft(location: .line(index + 1))
            note.hanzi = cells[0]
            draft.add(note)
        }
        return try draft.deck(
            DeckMetadata(
                slug: name.slug, title: options.title ?? name.baseName, source: name.source))
    }

    /// The cells of a line that are not empty and not an index number, tidied.
    static func words(on line: Substring) -> [String] {
        line.split(separator: "\t").map { CellText.tidied($0.drop(while: { $0 == "\u{FEFF}" })) }
            .filter { !$0.isEmpty && !$0.allSatisfy(\.isNumber) }
    }

    /// Whether `line` reads as a line of a word list: one cell with Chinese characters, and
    /// perhaps an index number.
    static func isWordListLine(_ line: Substring) -> Bool {
        let cells = words(on: line)
        return cells.count == 1 && cells[0].containsHan && !cells[0].contains(",")
    }
}
