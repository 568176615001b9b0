import ChineseText
import Storage

/// The check every deck importer applies to text it keeps: no character that a terminal would
/// obey rather than show (``UntrustedText``).
///
/// Tabs and line breaks inside a cell of a file from another tool are tidied into single spaces
/// before this check (``CellText``), so a multi-line definition imports as one line; any other
/// control character, and every bidirectional embedding, override or isolate, is refused with
/// the place it is in.
enum DeckText {
    /// The message for the first unshowable character of `text`, or `nil` if it has none.
    ///
    /// `name` says where the text is, as a sentence starts: `The English`, `The title`.
    static func unshowableProblem(in text: String, named name: String) -> String? {
        guard let scalar = UntrustedText.unshowableCharacter(in: text) else { return nil }
        return "\(name) holds \(UntrustedText.describe(scalar)), which a terminal would obey"
            + " rather than show; remove it."
    }

    /// The problems of a deck's title, description, version and file name, about the whole
    /// file.
    static func metadataProblems(_ metadata: DeckMetadata, file: String) -> [DeckProblem] {
        let fields = [
            ("The title", metadata.title), ("The description", metadata.description),
            ("The version", metadata.version ?? ""), ("The file name", metadata.source),
        ]
        return fields.compactMap { name, text in
            unshowableProblem(in: text, named: name).map {
                DeckProblem(file: file, line: nil, message: $0)
            }
        }
    }
}

extension NoteField {
    /// The field as a sentence names it: `The English`, `The example pinyin`.
    var label: String {
        switch self {
        case .key: "The id"
        case .hanzi: "The hanzi"
        case .traditional: "The traditional"
        case .pinyin: "The pinyin"
        case .english: "The English"
        case .partOfSpeech: "The part of speech"
        case .measureWord: "The measure word"
        case .example: "The example"
        case .examplePinyin: "The example pinyin"
        case .exampleEnglish: "The example English"
        case .hsk: "The HSK level"
        case .tags: "The tags"
        }
    }
}
