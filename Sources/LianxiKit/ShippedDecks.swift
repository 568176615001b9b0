/// The decks that ship with Lianxi, built into the program from `decks/*.tsv`.
public enum ShippedDecks {
    /// The `source` recorded for decks loaded from the program itself.
    public static let source = "shipped with Lianxi"

    /// Each shipped deck file: its name (`payments.tsv`) and its text, the starter deck first
    /// (new cards are introduced in this order), the themed decks after it by name.
    public static var files: [(name: String, text: String)] {
        shippedDeckFiles
            .sorted {
                ($0.name == firstDeck ? 0 : 1, $0.name) < ($1.name == firstDeck ? 0 : 1, $1.name)
            }
            .map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
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

    /// The deck for absolute beginners, studied first.
    static let firstDeck = "starter.tsv"
}
