import Foundation
import Storage

/// Our own deck files (docs/DECK_FORMAT.md): header lines, then one note per line in twelve
/// tab-separated cells.
///
/// Reading checks every rule and reports every problem; writing gives back the same bytes for
/// a file that follows the format, so `text(for: read(file))` is the file itself.
public enum LianxiDeckFile {
    /// The twelve column names, in order, as the `#columns:` header lists them.
    public static let columnNames = [
        "id", "hanzi", "traditional", "pinyin", "english", "part_of_speech", "measure_word",
        "example", "example_pinyin", "example_english", "hsk", "tags",
    ]

    /// The prefix of the Anki deck name in the `#deck:` header.
    static let ankiDeckPrefix = "Lianxi::"

    /// Reads the deck in `text`; `file` names it in problems and gives the deck its slug
    /// (`decks/payments.tsv` → `payments`); `filling` fills missing pinyin and English.
    public static func read(
        _ text: String, file: String, filling: DictionaryFill? = nil
    ) throws(DeckProblems) -> DeckContent {
        var draft = DeckDraft(file: file, rules: .lianxi, filling: filling)
        var header = Header()
        var inHeader = true
        for (index, line) in text.fileLines.enumerated() {
            let number = index + 1
            if line.hasPrefix("#") {
                if inHeader {
                    header.read(line, at: number, into: &draft)
                } else {
                    draft.report(
                        "Header lines come before the notes; move “\(line.prefix(30))” to the top.",
                        at: .line(number))
                }
                continue
            }
            if inHeader {
                inHeader = false
                header.checkComplete(before: number, into: &draft)
            }
            if line.allSatisfy(\.isWhitespace) { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count == columnNames.count else {
                draft.report(
                    "This line has \(cells.count) cells; a note has \(columnNames.count),"
                        + " separated by tabs (empty cells are fine, but their tabs must be there).",
                    at: .line(number))
                continue
            }
            var note = NoteDraft(location: .line(number))
            for (field, cell) in zip(NoteField.allCases, cells) {
                note[field] = CellText.tidied(cell)
            }
            draft.add(note)
        }
        if inHeader {
            header.checkComplete(before: nil, into: &draft)
        }
        let name = DeckFileName(path: file)
        return try draft.deck(
            DeckMetadata(
                slug: name.slug, title: header.values["title"] ?? "",
                description: header.values["description"] ?? "",
                version: header.values["version"], source: name.source))
    }

    /// The file for `deck`, byte for byte as our deck files are written.
    public static func text(for deck: DeckContent) -> String {
        let metadata = deck.metadata
        var lines = [
            "#separator:tab",
            "#html:false",
            "#title:\(oneLine(metadata.title))",
        ]
        // The description is optional, and a header without a value does not read back.
        if !metadata.description.isEmpty {
            lines.append("#description:\(oneLine(metadata.description))")
        }
        if let version = metadata.version {
            lines.append("#version:\(oneLine(version))")
        }
        lines += [
            "#deck:\(ankiDeckName(title: metadata.title))",
            "#guid column:1",
            "#tags column:\(columnNames.count)",
            "#columns:" + columnNames.joined(separator: "\t"),
        ]
        for note in deck.notes {
            let cells = [
                note.key, note.hanzi, note.traditional, note.pinyin, note.english,
                note.partOfSpeech, note.measureWord, note.example?.hanzi ?? "",
                note.example?.pinyin ?? "", note.example?.english ?? "",
                note.hskLevel?.rawValue ?? "", note.tags.joined(separator: " "),
            ]
            lines.append(cells.map(oneLine).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The Anki deck a title files under: `Lianxi::` and the title up to its first colon
    /// (`Starter: first words at work` → `Lianxi::Starter`).
    static func ankiDeckName(title: String) -> String {
        let short = title.split(separator: ":", maxSplits: 1).first.map(String.init) ?? title
        return ankiDeckPrefix + CellText.tidied(short)
    }

    /// `text` with tabs and line breaks made spaces, so a cell can never break the format.
    private static func oneLine(_ text: String) -> String {
        text.contains(where: \.isNewline) || text.contains("\t")
            ? CellText.tidied(text) : text
    }
}

extension LianxiDeckFile {
    /// The header lines read so far.
    struct Header {
        /// Each header's value, by name.
        private(set) var values: [String: String] = [:]
        private var lines: [String: Int] = [:]

        /// The headers in the order files write them, with the value each must have (`nil`
        /// for free text) and whether it may be left out.
        static let expected: [(name: String, value: String?, isOptional: Bool)] = [
            ("separator", "tab", false),
            ("html", "false", false),
            ("title", nil, false),
            ("description", nil, true),
            ("version", nil, true),
            ("deck", nil, false),
            ("guid column", "1", false),
            ("tags column", String(columnNames.count), false),
            ("columns", columnNames.joined(separator: "\t"), false),
        ]

        /// Reads the header line `line` (`#title:Payments`).
        mutating func read(_ line: Substring, at number: Int, into draft: inout DeckDraft) {
            let parts = line.dropFirst().split(separator: ":", maxSplits: 1)
            let name = parts.first.map { String($0).lowercased() } ?? ""
            let value = parts.count == 2 ? CellText.trimmed(parts[1]) : ""
            guard parts.count == 2, let rule = Self.expected.first(where: { $0.name == name })
            else {
                let names = Self.expected.map { "#\($0.name)" }
                draft.report(
                    "“\(line.prefix(40))” is not a header of a Lianxi deck; the headers are"
                        + " \(names.dropLast().joined(separator: ", ")) and \(names.last ?? "").",
                    at: .line(number))
                return
            }
            if let first = lines[name] {
                draft.report(
                    "The header #\(name): is given twice; keep the one on line \(first) or this"
                        + " one.",
                    at: .line(number))
                return
            }
            lines[name] = number
            values[name] = value
            if let expected = rule.value, value != expected {
                let shown = expected.replacingOccurrences(of: "\t", with: "<tab>")
                draft.report("The header must be #\(name):\(shown).", at: .line(number))
            }
            if name == "title", value.allSatisfy(\.isWhitespace) {
                draft.report("The title is empty; give the deck a title.", at: .line(number))
            }
        }

        /// Reports the headers that are missing, and a `#deck:` that does not match the
        /// title; `line` is where the notes start.
        func checkComplete(before line: Int?, into draft: inout DeckDraft) {
            for rule in Self.expected where !rule.isOptional && values[rule.name] == nil {
                let example = rule.value?.replacingOccurrences(of: "\t", with: "<tab>") ?? "…"
                draft.report(
                    "The header line #\(rule.name):\(example) is missing; it goes before the"
                        + " notes.",
                    at: line.map { .line($0) })
            }
            if let deck = values["deck"], let title = values["title"],
                deck != LianxiDeckFile.ankiDeckName(title: title)
            {
                draft.report(
                    "The header must be #deck:\(LianxiDeckFile.ankiDeckName(title: title)):"
                        + " “Lianxi::” and the title up to its first colon.",
                    at: lines["deck"].map { .line($0) })
            }
        }
    }
}
