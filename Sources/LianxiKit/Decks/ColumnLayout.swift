/// Where the fields of a note are in the rows of a file.
struct ColumnLayout: Hashable, Sendable {
    /// The column (from 0) of each field found.
    let positions: [NoteField: Int]
    /// Whether the first row names the columns rather than holding a note.
    let firstRowIsHeader: Bool

    /// The fields every file must have a column for.
    static let requiredFields: [NoteField] = [.hanzi, .pinyin, .english]

    /// The layout given by `mapping`, else by the header row `firstRow`; throws the problems
    /// if a field of `required` has no column.
    ///
    /// With a mapping by column numbers, the first row is a header only when its hanzi cell
    /// holds no Chinese characters.
    init(
        firstRow: DelimitedText.Row, mapping: ColumnMapping?, file: String,
        delimiter: Unicode.Scalar, required: [NoteField] = requiredFields
    ) throws(DeckProblems) {
        var problems: [DeckProblem] = []
        func report(_ message: String) {
            problems.append(DeckProblem(file: file, line: firstRow.line, message: message))
        }
        let header = firstRow.cells.map(CellText.tidied)
        let found = header.map { "“\($0)”" }.joined(separator: ", ")
        let positions: [NoteField: Int]
        if let mapping {
            let (mapped, unknown) = mapping.positions(header: header)
            positions = mapped
            for name in unknown {
                report(
                    "The column mapping names the column “\(name)”, but the header row has no"
                        + " such column; it has \(found).")
            }
            for field in NoteField.allCases {
                if let position = mapped[field], position >= header.count {
                    report(
                        "The column mapping puts \(field) in column \(position + 1), but the first"
                            + " row has \(header.count) columns (separated by"
                            + " \(DelimitedText.name(of: delimiter))).")
                }
            }
            let hanziCell = mapped[.hanzi].flatMap {
                header.indices.contains($0) ? header[$0] : nil
            }
            let namesColumns = mapping.columns.values.contains {
                if case .named = $0 { true } else { false }
            }
            firstRowIsHeader = namesColumns || !(hanziCell?.containsHan ?? false)
        } else {
            positions = ColumnMapping(header: header).positions(header: header).positions
            firstRowIsHeader = true
            for field in required where positions[field] == nil {
                let looksLikeData =
                    header.contains(where: \.containsHan)
                    ? " The first row looks like a note, not a header: add a header row such as"
                        + " hanzi,pinyin,english."
                    : ""
                report(
                    "No column holds the \(field). The header row has \(found). Name the column"
                        + " \(Self.names(of: field)), or give a column mapping such as"
                        + " hanzi=1,pinyin=2,english=3.\(looksLikeData)")
            }
        }
        if let mapping {
            for field in required where mapping.columns[field] == nil {
                report(
                    "The column mapping has no column for the \(field); add \(field)=<column>.")
            }
        }
        guard problems.isEmpty else { throw DeckProblems(problems) }
        self.positions = positions
    }

    /// A layout with known positions.
    init(positions: [NoteField: Int], firstRowIsHeader: Bool) {
        self.positions = positions
        self.firstRowIsHeader = firstRowIsHeader
    }

    /// The draft of the note in `cells`, each cell tidied through `clean`.
    func draft(
        from cells: [String], at location: NoteDraft.Location,
        clean: (String) -> String = CellText.tidied
    ) -> NoteDraft {
        var draft = NoteDraft(location: location)
        for (field, position) in positions where cells.indices.contains(position) {
            draft[field] = clean(cells[position])
        }
        return draft
    }

    /// `hanzi (or simplified, chinese, word, 汉字)`.
    static func names(of field: NoteField) -> String {
        let others = field.names.dropFirst().prefix(4).joined(separator: ", ")
        return "“\(field)” (or \(others))"
    }
}
