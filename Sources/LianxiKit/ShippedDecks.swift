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

    /// The deck for absolute beginners, studied first.
    static let firstDeck = "starter.tsv"
}
