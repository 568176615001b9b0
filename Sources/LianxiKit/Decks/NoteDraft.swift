/// The cells of one note as a file holds them, before they are checked.
struct NoteDraft: Hashable, Sendable {
    /// Where a note is in its file.
    enum Location: Hashable, Sendable, CustomStringConvertible {
        /// A line of a text file, from 1.
        case line(Int)
        /// The n-th note of a package, from 1.
        case note(Int)

        /// `line 12` or `note 3`.
        var description: String {
            switch self {
            case .line(let line): "line \(line)"
            case .note(let number): "note \(number)"
            }
        }
    }

    /// Where the note is.
    var location: Location
    /// The id, if the file gives one.
    var key = ""
    /// The simplified characters.
    var hanzi = ""
    /// The traditional characters.
    var traditional = ""
    /// The pinyin, with tone marks or numbers.
    var pinyin = ""
    /// The English gloss.
    var english = ""
    /// The part of speech.
    var partOfSpeech = ""
    /// The measure words, `个 gè; 家 jiā`.
    var measureWord = ""
    /// The example sentence.
    var example = ""
    /// The example's pinyin.
    var examplePinyin = ""
    /// The example's English.
    var exampleEnglish = ""
    /// The HSK level as written.
    var hsk = ""
    /// The tags.
    var tags: [String] = []
    /// Whether the dictionary filled some of the cells (``DictionaryFill``).
    var isFilledFromDictionary = false

    /// A draft at `location` with `cells` placed by field.
    init(location: Location, cells: [NoteField: String] = [:]) {
        self.location = location
        for (field, value) in cells {
            self[field] = value
        }
    }

    /// The cell of `field`; tags are read and written as one space-separated cell.
    subscript(field: NoteField) -> String {
        get {
            switch field {
            case .key: key
            case .hanzi: hanzi
            case .traditional: traditional
            case .pinyin: pinyin
            case .english: english
            case .partOfSpeech: partOfSpeech
            case .measureWord: measureWord
            case .example: example
            case .examplePinyin: examplePinyin
            case .exampleEnglish: exampleEnglish
            case .hsk: hsk
            case .tags: tags.joined(separator: " ")
            }
        }
        set {
            switch field {
            case .key: key = newValue
            case .hanzi: hanzi = newValue
            case .traditional: traditional = newValue
            case .pinyin: pinyin = newValue
            case .english: english = newValue
            case .partOfSpeech: partOfSpeech = newValue
            case .measureWord: measureWord = newValue
            case .example: example = newValue
            case .examplePinyin: examplePinyin = newValue
            case .exampleEnglish: exampleEnglish = newValue
            case .hsk: hsk = newValue
            case .tags: tags = newValue.split(whereSeparator: \.isWhitespace).map(String.init)
            }
        }
    }
}
