import Foundation
import Storage

/// `lianxi deck new`: turns any word list into a draft of a deck in our own format, filled
/// from CC-CEDICT, for a trainer to review, edit and import.
///
/// Every note gets an id (`prefix-001` …), the hanzi, traditional form, pinyin, English,
/// measure words and HSK level the dictionary and the shipped decks give, the part of speech
/// of the list's annotation, of the shipped deck that teaches the word, or that the glosses
/// show plainly (a noun has measure words, a verb's meanings all start with `to `), empty
/// example columns, and the tag
/// ``DictionaryFill/tag``. A word the dictionary cannot decide is written with its readings
/// to choose from in the pinyin cell (`cháng | zhǎng`) and their meanings in the English cell,
/// which our importer refuses until someone keeps one; a word the dictionary lacks is written
/// with empty pinyin and English, which it refuses too. Nothing undecided can slip through.
public enum DeckDrafting {
    /// A draft deck file and what went into it.
    public struct Draft: Sendable {
        /// The draft, in our deck format.
        public let text: String
        /// How many notes it has.
        public let noteCount: Int
        /// How many notes the dictionary filled.
        public let filledCount: Int
        /// How many notes still lack a part of speech.
        public let withoutPartOfSpeech: Int
        /// The words a person must decide: where in the word list, why, and the line of the
        /// draft they are on.
        public let undecided: [(problem: DeckProblem, draftLine: Int)]
    }

    /// A problem with the options of a draft rather than with the word list.
    public struct Refusal: Error, CustomStringConvertible {
        /// What is wrong and what to do.
        public let description: String
    }

    /// The draft of a deck titled `title` from the word list in `file`, with ids
    /// `idPrefix-001`…; `options` say how to read the file (its dictionary is used if given).
    public static func draft(
        from file: String, title: String, idPrefix: String,
        options: DeckReadOptions = DeckReadOptions(),
        dictionary: DictionaryFill? = nil
    ) throws -> Draft {
        let titleText = title.trimmingCharacters(in: .whitespaces)
        guard !titleText.isEmpty else {
            throw Refusal(description: "--title is empty; give the deck a title.")
        }
        if let problem = DeckText.unshowableProblem(in: titleText, named: "title") {
            throw Refusal(description: "--title: \(problem)")
        }
        guard NoteCheck.isDeckID("\(idPrefix)-001") else {
            throw Refusal(
                description: "The id prefix “\(idPrefix)” is not lower-case letters and digits with"
                    + " hyphens between (like bct-words); give one with --id-prefix.")
        }
        let filling =
            dictionary
            ?? DictionaryFill(
                dictionary: options.dictionary?.dictionary ?? WordLookup.shippedDictionary,
                undecidedWords: .markInDraft)
        var options = options
        options.dictionary = filling
        options.title = titleText
        _ = try DeckReader.read(fileAt: file, options: options)
        let report = filling.report(for: file)
        let drafts = report.drafts
        guard drafts.count <= 9999 else {
            throw Refusal(
                description: "\(file) has \(drafts.count) words; a deck holds at most 9,999.")
        }
        let digits = drafts.count < 1000 ? 3 : 4
        var notes: [NoteContent] = []
        for (index, (draft, _)) in drafts.enumerated() {
            let number = String(index + 1)
            notes.append(
                NoteContent(
                    key: "\(idPrefix)-" + String(repeating: "0", count: digits - number.count)
                        + number,
                    hanzi: draft.hanzi,
                    traditional: draft.traditional.isEmpty ? draft.hanzi : draft.traditional,
                    pinyin: (try? PinyinCell.toneMarked(draft.pinyin)) ?? draft.pinyin,
                    english: draft.english,
                    partOfSpeech: PartOfSpeech.normalized(draft.partOfSpeech) ?? draft.partOfSpeech,
                    measureWord: draft.measureWord,
                    example: nil,
                    hskLevel: HSKCell.lenient(draft.hsk),
                    tags: draft.tags.map { $0.lowercased() }))
        }
        let slug = DeckFileName(path: idPrefix).slug
        let text = LianxiDeckFile.text(
            for: DeckContent(
                metadata: DeckMetadata(slug: slug, title: titleText, source: file), notes: notes))
        let headerLines = text.split(separator: "\n").prefix { $0.hasPrefix("#") }.count
        var undecided: [(problem: DeckProblem, draftLine: Int)] = []
        for (index, (_, problem)) in drafts.enumerated() {
            if let problem { undecided.append((problem, headerLines + index + 1)) }
        }
        return Draft(
            text: text, noteCount: notes.count, filledCount: report.filled,
            withoutPartOfSpeech: notes.count(where: { $0.partOfSpeech.isEmpty }),
            undecided: undecided)
    }
}
