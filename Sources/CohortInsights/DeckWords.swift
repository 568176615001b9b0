/// The words of a deck file in Lianxi's format (docs/DECK_FORMAT.md), read just enough to
/// label the hardest words: the `#columns:` header names the id, hanzi, pinyin and english
/// columns; other header lines and lines without an id are skipped.
///
/// The server reads its releases this way (it does not import decks); a line that does not
/// read is left out, since a release was checked by `lianxi deck publish` before it was sent.
public enum DeckWords {
    /// The labels of `text`'s notes, by note key.
    public static func labels(in text: String) -> [String: WordLabel] {
        var columns = ["id", "hanzi", "traditional", "pinyin", "english"]
        var labels: [String: WordLabel] = [:]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if line.hasPrefix("#") {
                if line.hasPrefix("#columns:") {
                    columns = line.dropFirst("#columns:".count)
                        .split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                }
                continue
            }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            func cell(_ name: String) -> String? {
                guard let index = columns.firstIndex(of: name), index < cells.count else {
                    return nil
                }
                return String(cells[index])
            }
            guard let key = cell("id"), !key.isEmpty, let hanzi = cell("hanzi") else { continue }
            labels[key] = WordLabel(
                hanzi: hanzi, pinyin: cell("pinyin") ?? "", english: cell("english") ?? "")
        }
        return labels
    }
}
