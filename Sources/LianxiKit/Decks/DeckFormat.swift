import Foundation

/// The kinds of deck file Lianxi reads.
public enum DeckFormat: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Our own deck files (docs/DECK_FORMAT.md).
    case lianxi
    /// Spreadsheet exports with a header row: CSV, TSV, semicolon-separated.
    case tabular
    /// Anki's "Notes in Plain Text" exports, with `#separator:` headers.
    case ankiText
    /// Pleco's flashcard text exports.
    case pleco
    /// Anki deck packages (`.apkg`).
    case ankiPackage
    /// Word lists: one word a line, perhaps after an index number, no header.
    case wordList = "word-list"

    /// The format's name for people: `Anki package`.
    public var description: String {
        switch self {
        case .lianxi: "Lianxi deck"
        case .tabular: "spreadsheet (CSV/TSV)"
        case .ankiText: "Anki notes in plain text"
        case .pleco: "Pleco flashcards"
        case .ankiPackage: "Anki package"
        case .wordList: "word list"
        }
    }

    /// The format of a file, from its name and contents.
    ///
    /// A zip archive, or an `.apkg`/`.colpkg` file, is a package. Text with our `#columns:`
    /// header or a `#title:` header is ours; other text starting with `#key:value` headers is Anki's; text with `//`
    /// category lines, or whose first line is a card (`简体[繁體]`, hanzi, tab, pinyin) rather
    /// than a header row, is Pleco's; text whose lines are each one word (perhaps after an index
    /// number) is a word list; anything else is a spreadsheet with a header row.
    public static func of(fileName: String, contents data: Data) -> DeckFormat {
        if isPackage(fileName: fileName, start: data) { return .ankiPackage }
        return of(text: String(decoding: data.prefix(64 * 1024), as: UTF8.self))
    }

    /// Whether the file named `fileName`, whose first bytes are `start`, is a package: its
    /// extension is `.apkg` or `.colpkg`, or it starts like a zip archive.
    static func isPackage(fileName: String, start: Data) -> Bool {
        ["apkg", "colpkg"].contains(DeckFileName(path: fileName).fileExtension)
            || start.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// The format of decoded text (see ``of(fileName:contents:)``).
    static func of(text: String) -> DeckFormat {
        // The lines that hold something, without a byte-order mark: the header lines at the
        // top and then up to the 200th line, which is all that tells formats apart.
        var lines: [Substring] = []
        var headerCount = 0
        var rest = text[...]
        while lines.count < 200 || headerCount == lines.count,
            let line = nextLine(of: &rest)?.trimmingPrefix("\u{FEFF}")
        {
            if line.allSatisfy(\.isWhitespace) { continue }
            if headerCount == lines.count, line.hasPrefix("#") {
                headerCount += 1
            }
            lines.append(line)
        }
        guard let first = lines.first else { return .tabular }
        let headers = lines.prefix(headerCount)
        let ourColumns = "#columns:" + LianxiDeckFile.columnNames.joined(separator: "\t")
        // Anki writes no #title: header; only our files have one.
        if headers.contains(where: { $0 == ourColumns || $0.hasPrefix("#title:") }) {
            return .lianxi
        }
        if headers.contains(where: { $0.dropFirst().contains(":") }) {
            return .ankiText
        }
        if lines.prefix(200).contains(where: { $0.hasPrefix("//") }) {
            return .pleco
        }
        let cells = first.split(separator: "\t", omittingEmptySubsequences: false)
        if cells.count >= 2, cells[0].containsHan, !cells[0].contains(","),
            cells[1].contains(where: \.isLetter), !cells[1].containsHan
        {
            return .pleco
        }
        if lines.prefix(200).allSatisfy(WordListFile.isWordListLine) {
            return .wordList
        }
        return .tabular
    }

    /// The next line of `rest` that is not empty, with `rest` moved past it; lines end at any
    /// line break.
    private static func nextLine(of rest: inout Substring) -> Substring? {
        guard let start = rest.firstIndex(where: { !$0.isNewline }) else {
            rest = rest[rest.endIndex...]
            return nil
        }
        let end = rest[start...].firstIndex(where: \.isNewline) ?? rest.endIndex
        defer { rest = rest[end...] }
        return rest[start..<end]
    }
}
