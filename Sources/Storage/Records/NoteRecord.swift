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
            Self.content(
                key: key, hanzi: hanzi, traditional: traditional, pinyin: pinyin,
                english: english, partOfSpeech: partOfSpeech, measureWord: measureWord,
                example: (exampleHanzi, examplePinyin, exampleEnglish), hskLevel: hskLevel,
                tags: tags)
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

    /// Reads the row by column name, as the synthesised decoding does; that decoding, through
    /// `Decoder` containers, cost about 7 µs a note, most of re-importing a large deck.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        deckId = try row.decode(forColumn: "deck_id")
        key = try row.decode(forColumn: "key")
        hanzi = try row.decode(forColumn: "hanzi")
        traditional = try row.decode(forColumn: "traditional")
        pinyin = try row.decode(forColumn: "pinyin")
        english = try row.decode(forColumn: "english")
        partOfSpeech = try row.decode(forColumn: "part_of_speech")
        measureWord = try row.decode(forColumn: "measure_word")
        exampleHanzi = try row.decode(forColumn: "example_hanzi")
        examplePinyin = try row.decode(forColumn: "example_pinyin")
        exampleEnglish = try row.decode(forColumn: "example_english")
        hskLevel = try row.decode(forColumn: "hsk_level")
        tags = try row.decode(forColumn: "tags")
        position = try row.decode(forColumn: "position")
        retiredAtMs = try row.decode(forColumn: "retired_at_ms")
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The columns `content(row:startingAt:)` reads, in order, for a table aliased `n`.
    static let contentColumns = """
        n.key, n.hanzi, n.traditional, n.pinyin, n.english, n.part_of_speech, n.measure_word,
        n.example_hanzi, n.example_pinyin, n.example_english, n.hsk_level, n.tags
        """

    /// A note read from `contentColumns` at `index` of a row, without record decoding.
    static func content(row: Row, startingAt index: Int) -> NoteContent {
        content(
            key: row[index], hanzi: row[index + 1], traditional: row[index + 2],
            pinyin: row[index + 3], english: row[index + 4], partOfSpeech: row[index + 5],
            measureWord: row[index + 6], example: (row[index + 7], row[index + 8], row[index + 9]),
            hskLevel: row[index + 10], tags: row[index + 11])
    }

    private static func content(
        key: String, hanzi: String, traditional: String, pinyin: String, english: String,
        partOfSpeech: String, measureWord: String,
        example: (hanzi: String, pinyin: String, english: String), hskLevel: String?,
        tags: String
    ) -> NoteContent {
        NoteContent(
            key: key, hanzi: hanzi, traditional: traditional, pinyin: pinyin, english: english,
            partOfSpeech: partOfSpeech, measureWord: measureWord,
            example: example.hanzi.isEmpty
                ? nil
                : ExampleSentence(
                    hanzi: example.hanzi, pinyin: example.pinyin, english: example.english),
            hskLevel: hskLevel.flatMap(HSKLevel.init(rawValue:)),
            tags: tags.split(separator: " ").map(String.init))
    }

    enum Columns {
        static let deckId = Column("deck_id")
        static let position = Column("position")
        static let retiredAtMs = Column("retired_at_ms")
    }
}
