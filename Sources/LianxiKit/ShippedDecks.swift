/// The decks that ship with Lianxi, built into the program from `decks/*.tsv`.
public enum ShippedDecks {
    /// The `source` recorded for decks loaded from the program itself.
    public static let source = "shipped with Lianxi"

    /// Each shipped deck file: its name (`payments.tsv`) and its text.
    public static var files: [(name: String, text: String)] {
        shippedDeckFiles.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
    }
}
