/// The parts of speech a deck may give a word, and the spellings other tools use for them.
enum PartOfSpeech {
    /// The values our deck files allow, in the order docs/DECK_FORMAT.md lists them.
    static let allowed = [
        "noun", "verb", "adjective", "adverb", "pronoun", "numeral", "measure", "conjunction",
        "preposition", "particle", "interjection", "phrase", "idiom",
    ]

    /// Other spellings, lower-case, without a final full stop.
    private static let spellings: [String: String] = [
        "n": "noun", "nouns": "noun", "名词": "noun", "名": "noun",
        "v": "verb", "vb": "verb", "verbs": "verb", "动词": "verb", "动": "verb",
        "adj": "adjective", "a": "adjective", "形容词": "adjective", "形": "adjective",
        "adv": "adverb", "副词": "adverb", "副": "adverb",
        "pron": "pronoun", "r": "pronoun", "代词": "pronoun", "代": "pronoun",
        "num": "numeral", "number": "numeral", "数词": "numeral", "数": "numeral",
        "m": "measure", "mw": "measure", "measure word": "measure", "measureword": "measure",
        "classifier": "measure", "cl": "measure", "量词": "measure", "量": "measure",
        "conj": "conjunction", "c": "conjunction", "连词": "conjunction", "连": "conjunction",
        "prep": "preposition", "p": "preposition", "介词": "preposition", "介": "preposition",
        "part": "particle", "ptcl": "particle", "u": "particle", "助词": "particle",
        "助": "particle",
        "interj": "interjection", "int": "interjection", "intj": "interjection",
        "e": "interjection", "叹词": "interjection", "叹": "interjection",
        "expression": "phrase", "expr": "phrase", "phr": "phrase", "短语": "phrase",
        "chengyu": "idiom", "成语": "idiom",
    ]

    /// The allowed value that `text` spells (`n.`, `Verb`, `measure word`, `名词`), if any.
    static func normalized(_ text: String) -> String? {
        var word = text.lowercased()
        if word.hasSuffix(".") { word.removeLast() }
        return allowed.contains(word) ? word : spellings[word]
    }
}
