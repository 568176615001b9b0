import Storage

/// The decks that ship with Lianxi, built into the program from `decks/*.tsv`.
public enum ShippedDecks {
    /// The `source` recorded for decks loaded from the program itself.
    public static let source = "shipped with Lianxi"

    /// Each shipped deck file: its name (`payments.tsv`) and its text, in the order of the
    /// beginner's path (``DeckPath``): the starter deck, the core decks by HSK level, then the
    /// business themes.
    public static var files: [(name: String, text: String)] {
        shippedDeckFiles.sorted { path(of: $0.name) < path(of: $1.name) }
    }

    /// The place on the path of the deck in the file called `name` (`core1-1-people.tsv`).
    static func path(of name: String) -> DeckPath {
        DeckPath(slug: name.hasSuffix(".tsv") ? String(name.dropLast(".tsv".count)) : name)
    }

    /// The `#version:` header of a deck file's text, read without parsing the notes.
    static func version(of text: String) -> String? {
        // Only the header lines are read, as bytes: this runs at the start of every session,
        // for every shipped deck, and looking for line ends character by character cost 1 %
        // of a start.
        let key = "#version:".utf8
        var rest = text.utf8[...]
        while rest.first == UInt8(ascii: "#") {
            let end = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            let line = rest[..<end]
            if line.starts(with: key) {
                return String(decoding: line.dropFirst(key.count), as: UTF8.self)
            }
            rest = rest[end...].dropFirst()
        }
        return nil
    }
}
