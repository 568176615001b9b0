import Testing

@testable import LianxiKit

/// The annotations of printed word lists (the BCT syllabus's), read from a cell.
@Suite struct AnnotatedWordTests {
    /// Each word of a cell as `hanzi`, then `reading`, `tone`, `part of speech` when given.
    private func described(_ cell: String) -> [String]? {
        AnnotatedWord.words(in: cell)?.map { word in
            var parts = [word.hanzi]
            if word.hint.reading != nil { parts.append("reading") }
            if let tone = word.hint.tone { parts.append("tone \(tone)") }
            if let partOfSpeech = word.partOfSpeech { parts.append(partOfSpeech) }
            return parts.joined(separator: " ")
        }
    }

    @Test(arguments: [
        ("长chang", ["长 reading"]),
        ("得（de）", ["得 reading"]),
        ("得(děi)", ["得 reading"]),
        ("只（三声）", ["只 tone 3"]),
        ("等<动>", ["等 verb"]),
        ("还<副>", ["还 adverb"]),
        ("过＜助＞", ["过 particle"]),
        ("八/捌", ["八", "捌"]),
        ("其他/其它", ["其他", "其它"]),
        ("哪（哪儿）", ["哪", "哪儿"]),
        ("里（边）", ["里", "里边"]),
        ("不 好意思", ["不好意思"]),
        ("一 帆 风 顺 ", ["一帆风顺"]),
        (" 挣钱 ", ["挣钱"]),
    ])
    func readsTheAnnotationsOfTheSyllabus(cell: String, expected: [String]) {
        #expect(described(cell) == expected)
    }

    @Test(arguments: ["银行", "不但……而且", "T恤", "卡拉OK", "长<形状>", "长（", "pay"])
    func takesOtherCellsAsTheyAre(cell: String) {
        #expect(AnnotatedWord.words(in: cell) == nil)
    }
}
