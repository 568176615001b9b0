import Testing

@testable import LianxiKit

@Suite struct ColumnMappingTests {
    @Test func numbersAndNamesAreRead() throws {
        let mapping = try ColumnMapping(parsing: "hanzi=1, reading=2,english=Meaning,繁体=4")
        #expect(mapping.columns[.pinyin] == .number(2))
        #expect(mapping.columns[.english] == .named("Meaning"))
        #expect(mapping.description == "hanzi=1,traditional=4,pinyin=2,english=Meaning")
    }

    @Test func everyProblemIsReported() {
        let error = #expect(throws: ColumnMappingError.self) {
            try ColumnMapping(parsing: "hanzi=0,colour=2,pinyin,english=3,english=4")
        }
        #expect(
            error?.problems == [
                "hanzi=0: columns count from 1.",
                "“colour” is not a field; the fields are key, hanzi, traditional, pinyin, english,"
                    + " part_of_speech, measure_word, example, example_pinyin, example_english,"
                    + " hsk, tags.",
                "“pinyin” is not field=column, like hanzi=1.",
                "english is given twice.",
            ])
    }

    @Test(arguments: [
        ("Hanzi", NoteField.hanzi), ("Simplified", .hanzi), ("汉字", .hanzi), ("word", .hanzi),
        ("Traditional", .traditional), ("Reading", .pinyin), ("Meaning", .english),
        ("Definition", .english), ("Gloss", .english), ("Part of speech", .partOfSpeech),
        ("POS", .partOfSpeech), ("Measure word", .measureWord), ("Sentence", .example),
        ("Example pinyin", .examplePinyin), ("Translation", .exampleEnglish),
        ("example_english", .exampleEnglish), ("HSK", .hsk), ("Level", .hsk), ("Tags", .tags),
        ("GUID", .key), ("id", .key),
    ])
    func headerNamesMapToFields(header: String, field: NoteField) {
        #expect(NoteField.named(header) == field)
    }

    @Test(arguments: ["Notes", "Front", "Back", ""])
    func otherHeadersMapToNothing(header: String) {
        #expect(NoteField.named(header) == nil)
    }
}
