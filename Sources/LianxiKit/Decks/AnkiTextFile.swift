import Storage

/// Anki's "Notes in Plain Text" exports, and text files written for Anki's importer.
///
/// Reads the header lines Anki writes and understands: `#separator:` (`tab`, `comma`,
/// `semicolon`, `space`, `pipe`, `colon` or the character itself), `#html:`, `#tags column:`,
/// `#guid column:`, `#notetype column:`, `#deck column:`, `#columns:`, `#deck:` (the title)
/// and `#tags:` (tags for every note). With `#html:true` (Anki's default) fields are turned
/// from HTML into plain text.
///
/// The remaining columns are the note's fields: found by their `#columns:` names like a
/// spreadsheet's header, or by the column mapping of the options, and otherwise guessed from
/// their contents (see ``ColumnGuess``). The guid column, when there is one, gives the keys.
public enum AnkiTextFile {
    /// Reads the deck in `text`; `file` names it in problems and gives the deck its slug.
    public static func read(
        _ text: String, file: String, options: DeckReadOptions = DeckReadOptions()
    ) throws(DeckProblems) -> DeckContent {
        let name = DeckFileName(path: file)
        var draft = DeckDraft(file: file, rules: .foreign, filling: options.dictionary)
        var lines = text.fileLines[...]
        var headers: [String: (value: String, line: Int)] = [:]
        var lineNumber = 0
        while let line = lines.first, line.hasPrefix("#") {
            lineNumber += 1
            lines = lines.dropFirst()
            let parts = line.dropFirst().split(separator: ":", maxSplits: 1)
            guard let key = parts.first else { continue }
            let raw = parts.count == 2 ? String(parts[1]) : ""
            // A literal space separator is the one value that is only white space.
            let value = CellText.trimmed(raw).isEmpty ? raw : CellText.trimmed(raw)
            headers[CellText.trimmed(key).lowercased()] = (value, lineNumber)
        }
        let body = lines.joined(separator: "\n")

        let delimiter: Unicode.Scalar
        if let separator = headers["separator"] {
            guard let scalar = Self.separator(named: separator.value) else {
                throw DeckProblems(
                    file: file, line: separator.line,
                    "“\(separator.value)” is not a separator Anki knows; write tab, comma,"
                        + " semicolon, space, pipe or colon.")
            }
            delimiter = scalar
        } else {
            delimiter = DelimitedText.delimiter(of: body.prefix { !$0.isNewline }, preferring: nil)
        }
        let isHTML = headers["html"].map { $0.value.lowercased() != "false" } ?? true
        let clean: (String) -> String = { isHTML ? HTMLText.plainText($0) : CellText.tidied($0) }

        var special: [String: Int] = [:]
        for column in ["guid", "tags", "notetype", "deck"] {
            guard let header = headers["\(column) column"] else { continue }
            guard let number = Int(header.value), number >= 1 else {
                draft.report(
                    "“\(header.value)” is not a column number; columns count from 1.",
                    at: .line(header.line))
                continue
            }
            special[column] = number - 1
        }
        let rows = DelimitedText.rows(body, delimiter: delimiter, firstLine: lineNumber + 1)
        let fieldColumns = Set(0..<(rows.map(\.cells.count).max() ?? 0))
            .subtracting(special.values).sorted()

        let layout: ColumnLayout
        do {
            layout = try Self.layout(
                rows: rows, fieldColumns: fieldColumns, headers: headers, options: options,
                delimiter: delimiter, clean: clean, file: file)
        } catch {
            throw DeckProblems(draft.problems + error.problems)
        }
        let extraTags = headers["tags"].map { $0.value.split(separator: " ").map(String.init) }
        for row in rows {
            var note = layout.draft(from: row.cells, at: .line(row.line), clean: clean)
            if let guid = special["guid"], row.cells.indices.contains(guid) {
                note.key = CellText.tidied(row.cells[guid])
            }
            if let tags = special["tags"], row.cells.indices.contains(tags) {
                note[.tags] = row.cells[tags]
            }
            note.tags += extraTags ?? []
            draft.add(note)
        }
        let deckName = headers["deck"]?.value.split(separator: ":").last.map(String.init)
        return try draft.deck(
            DeckMetadata(
                slug: name.slug, title: options.title ?? deckName ?? name.baseName,
                source: name.source))
    }

    /// Where the fields are: by the options' mapping, else by `#columns:` names, with the
    /// fields still missing guessed from the contents.
    private static func layout(
        rows: [DelimitedText.Row], fieldColumns: [Int],
        headers: [String: (value: String, line: Int)], options: DeckReadOptions,
        delimiter: Unicode.Scalar, clean: (String) -> String, file: String
    ) throws(DeckProblems) -> ColumnLayout {
        let names = headers["columns"].map {
            $0.value.unicodeScalars.split(separator: delimiter).map {
                CellText.tidied(String(String.UnicodeScalarView($0)))
            }
        }
        var positions: [NoteField: Int]
        if let mapping = options.columns {
            let (mapped, unknown) = mapping.positions(header: names)
            if !unknown.isEmpty {
                throw DeckProblems(
                    file: file, line: headers["columns"]?.line,
                    "The column mapping names \(unknown.map { "“\($0)”" }.joined(separator: ", ")),"
                        + " but the file has no #columns: header with such a name.")
            }
            positions = mapped
        } else {
            positions =
                names.map { ColumnMapping(header: $0).positions(header: $0).positions }
                ?? [:]
            positions = positions.filter { fieldColumns.contains($0.value) }
        }
        let cleanRows = rows.map { $0.cells.map(clean) }
        let unused = fieldColumns.filter { !positions.values.contains($0) }
        for (field, position) in ColumnGuess.guess(rows: cleanRows, among: unused)
        where positions[field] == nil {
            positions[field] = position
        }
        let shape = delimiter == "\t" ? "hanzi<tab>pinyin<tab>english" : "hanzi,pinyin,english"
        let problems = options.requiredFields.filter { positions[$0] == nil }.map { field in
            DeckProblem(
                file: file, line: rows.first?.line,
                message: "No column holds the \(field): none \(ColumnGuess.clue(for: field))."
                    + " Name the columns in a header line such as #columns:\(shape), or give a"
                    + " column mapping such as hanzi=1,pinyin=2,english=3.")
        }
        guard problems.isEmpty else { throw DeckProblems(problems) }
        return ColumnLayout(positions: positions, firstRowIsHeader: false)
    }

    /// The delimiter a `#separator:` value names.
    static func separator(named name: String) -> Unicode.Scalar? {
        switch name.lowercased() {
        case "tab", "\t": "\t"
        case "comma", ",": ","
        case "semicolon", ";": ";"
        case "space", " ": " "
        case "pipe", "|": "|"
        case "colon", ":": ":"
        default: name.unicodeScalars.count == 1 ? name.unicodeScalars.first : nil
        }
    }
}
