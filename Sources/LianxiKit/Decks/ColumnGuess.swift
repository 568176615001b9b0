import ChineseText

/// Which columns hold the hanzi, traditional, pinyin and English, guessed from their contents,
/// for files that do not name their columns.
///
/// - hanzi: of the columns where most cells are mostly Chinese characters, the one with the
///   shortest cells (a word is shorter than its example sentence);
/// - traditional: another such column whose cells have as many characters as the hanzi in
///   most rows;
/// - pinyin: of the columns where most cells read as pinyin with at least one tone, the one
///   with the shortest cells;
/// - English: the first other column where most cells are Latin text.
enum ColumnGuess {
    /// The fields guessed for `rows` (cells already plain text), choosing among `columns`.
    static func guess(rows: [[String]], among columns: [Int]) -> [NoteField: Int] {
        var guessed: [NoteField: Int] = [:]
        var free = columns
        func values(_ column: Int) -> [String] {
            rows.compactMap { $0.indices.contains(column) ? $0[column] : nil }.filter {
                !$0.isEmpty
            }
        }
        func mostly(_ column: Int, _ test: (String) -> Bool) -> Bool {
            let cells = values(column)
            return !cells.isEmpty && cells.count(where: test) * 2 >= cells.count
        }
        func averageLength(_ column: Int) -> Double {
            let cells = values(column)
            return Double(cells.reduce(0) { $0 + $1.count }) / Double(max(cells.count, 1))
        }
        func take(_ field: NoteField, _ column: Int?) {
            guard let column else { return }
            guessed[field] = column
            free.removeAll { $0 == column }
        }

        let hanColumns = free.filter { mostly($0, \.isMostlyHan) }
        take(.hanzi, hanColumns.min { averageLength($0) < averageLength($1) })
        if let hanzi = guessed[.hanzi] {
            let sameLength = hanColumns.first { column in
                column != hanzi
                    && rows.count(where: { row in
                        row.indices.contains(column) && row.indices.contains(hanzi)
                            && row[column].count == row[hanzi].count
                    }) * 5 >= rows.count * 4
            }
            take(.traditional, sameLength)
        }
        free.removeAll { hanColumns.contains($0) }
        let pinyinColumns = free.filter { mostly($0, isTonedPinyin) }
        take(.pinyin, pinyinColumns.min { averageLength($0) < averageLength($1) })
        take(.english, free.first { mostly($0, \.isLatinText) && !pinyinColumns.contains($0) })
        return guessed
    }

    /// What a column holding `field` would look like, for messages: `holds mostly Chinese
    /// characters`.
    static func clue(for field: NoteField) -> String {
        switch field {
        case .hanzi: "holds mostly Chinese characters"
        case .pinyin: "holds pinyin with tones"
        case .english: "holds English"
        default: "is named \(field)"
        }
    }

    /// Whether `text` reads as pinyin with at least one tone mark or tone number.
    static func isTonedPinyin(_ text: String) -> Bool {
        guard let pinyin = try? Pinyin(parsing: text) else { return false }
        return pinyin.tones.contains { $0 != .neutral }
    }
}
