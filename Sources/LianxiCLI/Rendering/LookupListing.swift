import ChineseText
import LianxiKit

/// The results of `lianxi lookup` as text: for each word its forms, its pinyin in tone
/// colours, its HSK level and decks, its meanings and its measure words.
///
/// ```
/// 贸易 貿易  màoyì  HSK 4 · economy
///     (commercial) trade
///     measure word: 个 個 gè
/// ```
struct LookupListing {
    let words: [LookedUpWord]
    let style: ScreenStyle

    var text: String {
        words.map(block).joined(separator: "\n")
    }

    private func block(_ word: LookedUpWord) -> String {
        let entry = word.entry
        var heading = style.bold(entry.simplified)
        if entry.traditional != entry.simplified { heading += " " + entry.traditional }
        heading += "  " + reading(entry.numberedPinyin)
        var known: [String] = []
        if let level = word.hskLevel { known.append("HSK \(level.rawValue)") }
        if !word.decks.isEmpty { known.append(word.decks.joined(separator: ", ")) }
        if !known.isEmpty { heading += "  " + style.dim(known.joined(separator: " · ")) }
        var lines = [heading]
        lines += entry.glosses.map { "    " + $0 }
        if !entry.measureWords.isEmpty {
            let measures = entry.measureWords.map { measure in
                let forms =
                    measure.traditional == measure.simplified
                    ? measure.simplified : "\(measure.simplified) \(measure.traditional)"
                return forms + " " + reading(measure.numberedPinyin)
            }
            let label = measures.count == 1 ? "measure word" : "measure words"
            lines.append("    " + style.dim(label + ": ") + measures.joined(separator: ", "))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// CC-CEDICT's numbered reading with tone marks, syllables joined, in tone colours; its own
    /// text when it is not plain pinyin.
    private func reading(_ numbered: String) -> String {
        guard let pinyin = try? Pinyin(parsing: numbered) else { return numbered }
        return style.isPlain
            ? pinyin.written(.toneMarks, spacing: .joined)
            : style.palette.colored(pinyin, depth: style.depth, spacing: .joined)
    }
}
