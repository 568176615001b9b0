/// Choices a person can make when a file cannot say everything about itself.
public struct DeckReadOptions: Hashable, Sendable {
    /// The format to read, instead of the one the extension and contents suggest.
    public var format: DeckFormat?
    /// Which column holds which field, for spreadsheets, Anki text files and packages whose
    /// columns or fields are not named in a way Lianxi recognises.
    public var columns: ColumnMapping?
    /// Which script a Pleco export writes first, when guessing would not do.
    public var characterOrder: PlecoCharacterOrder?
    /// The deck's title, instead of the one from the file (or its name).
    public var title: String?
    /// What fills the pinyin and English that notes lack, from CC-CEDICT; `nil` refuses such
    /// notes.
    public var dictionary: DictionaryFill?

    /// Creates options; every choice left `nil` is made from the file.
    public init(
        format: DeckFormat? = nil, columns: ColumnMapping? = nil,
        characterOrder: PlecoCharacterOrder? = nil, title: String? = nil,
        dictionary: DictionaryFill? = nil
    ) {
        self.format = format
        self.columns = columns
        self.characterOrder = characterOrder
        self.title = title
        self.dictionary = dictionary
    }

    /// The fields a file must have a column for: only the hanzi when the dictionary fills
    /// the rest.
    var requiredFields: [NoteField] {
        dictionary == nil ? ColumnLayout.requiredFields : [.hanzi]
    }
}
