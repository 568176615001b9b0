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
        // Only the header lines are read: this runs at the start of every session.
        var rest = text[...]
        while rest.hasPrefix("#") {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            if line.hasPrefix("#version:") { return String(line.dropFirst("#version:".count)) }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        return nil
    }
}
