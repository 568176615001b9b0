import Foundation
import GRDB

/// A row of `note`.
struct NoteRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "note"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var deckId: Int64
    var key: String
    private var hanzi: String
    private var traditional: String
    private var pinyin: String
    private var english: String
    private var partOfSpeech: String
    private var measureWord: String
    private var exampleHanzi: String
    private var examplePinyin: String
    private var exampleEnglish: String
    private var hskLevel: String?
    private var tags: String
    var position: Int
    private var retiredAtMs: Int64?

    /// The note as the rest of the program sees it.
    var content: NoteContent {
        get {
            NoteContent(
                key: key, hanzi: hanzi, traditional: traditional, pinyin: pinyin,
                english: english, partOfSpeech: partOfSpeech, measureWord: measureWord,
                example: exampleHanzi.isEmpty
                    ? nil
                    : ExampleSentence(
                        hanzi: exampleHanzi, pinyin: examplePinyin, english: exampleEnglish),
                hskLevel: hskLevel.flatMap(HSKLevel.init(rawValue:)),
                tags: tags.split(separator: " ").map(String.init))
        }
        set {
            key = newValue.key
            hanzi = newValue.hanzi
            traditional = newValue.traditional
            pinyin = newValue.pinyin
            english = newValue.english
            partOfSpeech = newValue.partOfSpeech
            measureWord = newValue.measureWord
            exampleHanzi = newValue.example?.hanzi ?? ""
            examplePinyin = newValue.example?.pinyin ?? ""
            exampleEnglish = newValue.example?.english ?? ""
            hskLevel = newValue.hskLevel?.rawValue
            tags = newValue.tags.joined(separator: " ")
        }
    }

    /// When the note left its deck, or `nil` while it is in it.
    var retiredAt: Date? {
        get { retiredAtMs.map(Date.init(milliseconds:)) }
        set { retiredAtMs = newValue?.milliseconds }
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    enum Columns {
        static let deckId = Column("deck_id")
        static let position = Column("position")
        static let retiredAtMs = Column("retired_at_ms")
    }
}
