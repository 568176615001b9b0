import Storage

/// Spreadsheet exports: comma-, semicolon- or tab-separated values with a header row.
///
/// Columns are found by their header (``NoteField`` names and aliases such as `simplified`,
/// `meaning`, `汉字`) or by the column mapping of the options. The delimiter is the
/// extension's (`.tsv` tab, `.csv` comma) when the header row has it, otherwise the one the
/// header row has most of. A byte-order mark, CRLF line ends and quoted cells (holding
/// delimiters, quotes written `""`, or line breaks) are read as spreadsheets write them.
public enum TabularDeckFile {
    /// Reads the deck in `text`; `file` names it in problems and gives the deck its slug.
    public static func read(
        _ text: String, file: String, options: DeckReadOptions = DeckReadOptions()
    ) throws(DeckProblems) -> DeckContent {
        let name = DeckFileName(path: file)
        let firstLine = text.prefix { !$0.isNewline }
        let preferred: Unicode.Scalar? =
            switch name.fileExtension {
            case "tsv", "tab": "\t"
            case "csv": ","
            default: nil
            }
        let delimiter = DelimitedText.delimiter(of: firstLine, preferring: preferred)
        let rows = DelimitedText.rows(text, delimiter: delimiter)
        guard let first = rows.first else {
            throw DeckProblems(file: file, "The file has no rows: nothing to import.")
        }
        let layout = try ColumnLayout(
            firstRow: first, mapping: options.columns, file: file, delimiter: delimiter,
            required: options.requiredFields)
        var draft = DeckDraft(file: file, rules: .foreign, filling: options.dictionary)
        for (index, row) in rows.enumerated() where index > 0 || !layout.firstRowIsHeader {
            if index == rows.count - 1, let lines = unclosedQuoteLines(row, delimiter: delimiter) {
                draft.report(
                    "A quoted cell that starts on this line is never closed, so the \(lines)"
                        + " lines after it ran into one cell. Add the closing quote (\").",
                    at: .line(row.line))
                continue
            }
            draft.add(layout.draft(from: row.cells, at: .line(row.line)))
        }
        return try draft.deck(
            DeckMetadata(
                slug: name.slug, title: options.title ?? name.baseName, source: name.source))
    }

    /// For a last row with a cell that runs over several lines and holds the delimiter after a
    /// line break, which only happens when a quote is left open, the lines it swallowed.
    static func unclosedQuoteLines(
        _ row: DelimitedText.Row, delimiter: Unicode.Scalar
    ) -> Int? {
        for cell in row.cells {
            let lines = cell.split(whereSeparator: \.isNewline)
            if lines.count > 1,
                lines.dropFirst().contains(where: { $0.unicodeScalars.contains(delimiter) })
            {
                return lines.count - 1
            }
        }
        return nil
    }
}
