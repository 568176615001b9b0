/// What the report needs of a deck release: its title and, in file order, each word's key,
/// hanzi, pinyin, English and HSK level.
///
/// Releases arrive in Lianxi's own deck format (`lianxi deck publish` rewrites every file in
/// it after the checks of `deck import`), so the columns are found by the `#columns:` header;
/// a row without a key or hanzi is left out of the report (a laptop would refuse the release).
struct ReleaseCatalogue: Hashable, Sendable {
    /// One word of the release.
    struct Word: Hashable, Sendable {
        let key: String
        let hanzi: String
        let pinyin: String
        let english: String
        /// `1` … `6`, `7-9`, or `nil`.
        let hskLevel: String?
    }

    /// The HSK levels a report groups by (`HSKLevel` in `Storage`).
    static let levels: Set<String> = ["1", "2", "3", "4", "5", "6", "7-9"]

    let title: String
    let words: [Word]

    /// Reads `text`, the release of the deck `slug`.
    init(text: String, slug: String) {
        var title = slug
        var columns = [
            "id", "hanzi", "traditional", "pinyin", "english", "part_of_speech", "measure_word",
            "example", "example_pinyin", "example_english", "hsk", "tags",
        ]
        var words: [Word] = []
        var keys: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.hasPrefix("#") {
                if line.hasPrefix("#title:") {
                    title = String(line.dropFirst("#title:".count))
                } else if line.hasPrefix("#columns:") {
                    columns = line.dropFirst("#columns:".count).split(
                        separator: "\t", omittingEmptySubsequences: false
                    ).map(String.init)
                }
                continue
            }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            func cell(_ name: String) -> String {
                guard let index = columns.firstIndex(of: name), index < cells.count else {
                    return ""
                }
                return String(cells[index])
            }
            let key = cell("id")
            let hanzi = cell("hanzi")
            guard !key.isEmpty, !hanzi.isEmpty, keys.insert(key).inserted else { continue }
            let level = cell("hsk")
            words.append(
                Word(
                    key: key, hanzi: hanzi, pinyin: cell("pinyin"), english: cell("english"),
                    hskLevel: Self.levels.contains(level) ? level : nil))
        }
        self.title = title.isEmpty ? slug : title
        self.words = words
    }
}
