/// A piece of a note that a column of a deck file can hold.
public enum NoteField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// A stable id for the note.
    case key
    /// The word in simplified characters.
    case hanzi
    /// The word in traditional characters.
    case traditional
    /// The word's pinyin.
    case pinyin
    /// The English gloss.
    case english
    /// Noun, verb, ….
    case partOfSpeech
    /// The measure word with its pinyin.
    case measureWord
    /// An example sentence in characters.
    case example
    /// The example sentence in pinyin.
    case examplePinyin
    /// The example sentence in English.
    case exampleEnglish
    /// The HSK level.
    case hsk
    /// Tags, separated by spaces.
    case tags

    /// The name to write in a header or a column mapping: `hanzi`, `part_of_speech`.
    public var description: String {
        switch self {
        case .partOfSpeech: "part_of_speech"
        case .measureWord: "measure_word"
        case .examplePinyin: "example_pinyin"
        case .exampleEnglish: "example_english"
        default: rawValue
        }
    }

    /// The header names that mean this field, compared without case, spaces or punctuation.
    var names: [String] {
        switch self {
        case .key: ["id", "guid", "key", "noteid", "uid"]
        case .hanzi:
            [
                "hanzi", "simplified", "chinese", "word", "汉字", "simplifiedchinese",
                "hanzisimplified", "simp", "characters", "character", "headword", "中文", "简体",
                "简体字", "词语", "词", "单词", "生词",
            ]
        case .traditional:
            ["traditional", "traditionalchinese", "hanzitraditional", "trad", "繁体", "繁體", "繁体字"]
        case .pinyin: ["pinyin", "reading", "拼音", "pronunciation"]
        case .english:
            [
                "english", "meaning", "definition", "gloss", "meanings", "definitions", "英文", "英语",
                "意思", "释义", "glossary",
            ]
        case .partOfSpeech: ["partofspeech", "pos", "wordclass", "词性"]
        case .measureWord: ["measureword", "measurewords", "classifier", "mw", "量词"]
        case .example:
            ["example", "sentence", "examplesentence", "examplehanzi", "examplechinese", "例句"]
        case .examplePinyin: ["examplepinyin", "sentencepinyin", "例句拼音"]
        case .exampleEnglish:
            [
                "exampleenglish", "translation", "sentenceenglish", "sentencetranslation",
                "exampletranslation", "examplemeaning", "例句翻译", "例句英文",
            ]
        case .hsk: ["hsk", "level", "hsklevel", "hsk30", "等级"]
        case .tags: ["tags", "tag", "标签"]
        }
    }

    /// The field a header cell names (`Part of speech`, `汉字`, `Simplified`), if any.
    static func named(_ header: String) -> NoteField? {
        let name = String(header.lowercased().filter { $0.isLetter || $0.isNumber })
        return allCases.first { $0.names.contains(name) }
    }
}
