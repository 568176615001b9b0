import ChineseText
import Foundation
import Storage
import TestSupport
import Testing

@testable import LianxiKit

/// The byte-by-byte fast paths of the deck readers against the character-by-character code
/// they replace, kept here as references.
@Suite struct PlainTextFastPathTests {
    /// Every plain scalar past ASCII (ASCII is checked with the rest).
    static let plainScalars: [Unicode.Scalar] = (UInt32(0)...0x10FFFF).compactMap {
        guard let scalar = Unicode.Scalar($0), scalar.isPlain else { return nil }
        return scalar
    }

    /// Cell-like texts: plain text, white space of every kind, byte-order marks, private-use
    /// codes, combining marks and other scalars that are not plain.
    static let texts: [String] = {
        var generator = SeededGenerator(seed: 0x5EED_0201)
        let pieces: [String] = [
            "a", "Z", "to", "pay", "支付", "銀行", "hóng", "jī", "lǜ", "ê", "1", "5", ":", "//",
            "/", ";", ".", ",", "[", "]", "(v.)", "noun", "Verb", "measure", "word", "u:", "v",
            "V", "ｖ", "３", "²", "一", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{3000}", "\u{A0}",
            "\u{2028}", "\u{85}", "\u{FEFF}", "\u{E000}", "\u{F8FF}", "\u{F0001}", "\u{301}",
            "e\u{301}", "\u{200D}", "\u{FE0F}", "👍", "\u{F900}", "\u{212A}", "가", "\u{1100}",
            "ǹ", "ḿ", "ǖ", "Ǚ", "\u{0}", "\u{1F}", "\u{7F}", "é", "ß", "İ",
        ]
        var texts = pieces
        for _ in 0..<6_000 {
            let count = Int.random(in: 0...8, using: &generator)
            texts.append(
                (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }
                    .joined())
        }
        return texts
    }()

    @Test func everyPlainScalarIsACharacterByItselfAndComposed() {
        for scalar in Self.plainScalars {
            let alone = String(scalar)
            let name = "U+\(String(scalar.value, radix: 16))"
            if scalar != "\r" {
                for neighbour in ["a", "\u{1100}", "\u{11A8}", alone] {
                    #expect((neighbour + alone).count == 2, "\(name)")
                    #expect((alone + neighbour).count == 2, "\(name)")
                }
            }
            #expect(alone.precomposedStringWithCanonicalMapping == alone, "\(name)")
            #expect(scalar.isPlainWhitespace == Character(scalar).isWhitespace, "\(name)")
        }
    }

    @Test func noPlainScalarComposesWithTheOneBefore() {
        // A scalar joins the one before it in composition only as the second part of some
        // character's canonical decomposition.
        for value in UInt32(0x80)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            for part in parts.dropFirst() {
                #expect(!part.isPlain || part.isASCII, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func cellsAreTidiedAsBefore() {
        for text in Self.texts {
            #expect(CellText.tidied(text) == Reference.tidied(text), "“\(text)”")
            #expect(
                CellText.withoutPrivateUse(text) == Reference.withoutPrivateUse(text), "“\(text)”")
            let substring = text.dropFirst()
            #expect(CellText.tidied(substring) == Reference.tidied(substring), "“\(text)”")
        }
    }

    @Test func linesAndCellsSplitAsBefore() {
        for text in Self.texts {
            #expect(text.fileLines == Reference.fileLines(text), "“\(text)”")
            let line = text[...]
            let expected = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(CellText.cells(of: line, separatedBy: 0x09) == expected, "“\(text)”")
            let (cells, isPlain) = CellText.cellsWithoutPrivateUse(of: line, separatedBy: 0x09)
            #expect(cells == expected.map(Reference.withoutPrivateUse), "“\(text)”")
            #expect(isPlain == text.unicodeScalars.allSatisfy(\.isPlain), "“\(text)”")
        }
    }

    @Test func partsOfSpeechAreFoundAsBefore() {
        var generator = SeededGenerator(seed: 0x5EED_0202)
        let words = [
            "verb", "Noun", "NOUN.", "adverb:", "measure", "word", "Word", "to", "pay", "1", "2.",
            "bank;", "a", "number", "idiom", "phrase", "noun\u{301}", "é", "interjection", "",
            " ", "verb\u{0}", "Measure", "words", "particle", "pronoun",
        ]
        var definitions = PlainTextFastPathTests.texts
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...5, using: &generator)
            definitions.append(
                (0..<count).map { _ in words.randomElement(using: &generator) ?? "" }
                    .joined(separator: " "))
        }
        for definition in definitions {
            let found = PlecoFile.partOfSpeech(leading: definition)
            let expected = Reference.partOfSpeech(leading: definition)
            #expect(found.0 == expected.0 && found.1 == expected.1, "“\(definition)”")
        }
    }

    @Test func pinyinCellsConvertAsBefore() {
        var generator = SeededGenerator(seed: 0x5EED_0203)
        var texts = Self.texts
        for _ in 0..<4_000 {
            texts.append(ChineseTextSamples.randomPinyin(using: &generator))
        }
        for text in texts {
            let converted = Result { () throws(PinyinError) in try PinyinCell.toneMarked(text) }
            #expect(converted == Reference.toneMarked(text), "“\(text)”")
        }
    }

    /// The short way of ``PinyinCell/read(_:)`` against the whole parse, over generated cells
    /// and the pinyin of every shipped deck.
    @Test func pinyinCellsReadAsInFull() throws {
        var generator = SeededGenerator(seed: 0x5EED_0206)
        var texts = Self.texts
        let syllables = [
            "zhī", "fù", "Xī'ān", "hǎo", "de", "lǜ", "nǚ", "diǎnr", "r", "ér", "BĚI", "x", "lv4",
            "ma5", "你", "ｎǐ", "lv", "shénme", "tāmen", "'", ",",
        ]
        for _ in 0..<6_000 {
            texts.append(ChineseTextSamples.randomPinyin(using: &generator))
            texts.append(
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    syllables.randomElement(using: &generator) ?? ""
                }.joined(separator: Bool.random(using: &generator) ? " " : ""))
        }
        #expect(!Fixture.shippedDecks.isEmpty)
        for name in Fixture.shippedDecks {
            let text = try String(
                contentsOf: Fixture.decksFolder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                texts += line.split(separator: "\t").map(String.init)
            }
        }
        for text in texts {
            let read = Result { () throws(PinyinError) in try PinyinCell.read(text) }
            let full = Result { () throws(PinyinError) in try PinyinCell.readInFull(text) }
            #expect(read.map(\.toneMarked) == full.map(\.toneMarked), "“\(text)”")
            #expect(read.map(\.key) == full.map(\.key), "“\(text)”")
        }
    }

    @Test func readingKeysAreAsBefore() {
        var generator = SeededGenerator(seed: 0x5EED_0205)
        var texts = [
            "Xī'ān", "xi1an1", "Běijīng", "BEI3JING1", "diǎnr", "dian3r", "dianr3", "dian3 r5",
            "NÜ3", "lv4", "lu:4", "Lüè", "ma5", "ma", "Zhōngguó rén", "yī gè", "ér", "e2r",
        ]
        for _ in 0..<4_000 {
            texts.append(ChineseTextSamples.randomPinyin(using: &generator))
        }
        for text in texts {
            let key = Result { () throws(PinyinError) in try PinyinCell.read(text).key }
            #expect(key == Reference.readingKey(text), "“\(text)”")
        }
    }

    @Test func formatsAreToldAsBefore() {
        var generator = SeededGenerator(seed: 0x5EED_0204)
        let lines = [
            "#separator:tab", "#html:false", "#title:Pay", "#deck:x", "# just a comment", "",
            "\u{FEFF}// Business", "//", "支付\tzhi1fu4\tto pay", "hanzi,pinyin,english",
            "银行[銀行]\tyin2hang2\tbank", "   ", "\u{FEFF}", "支付,zhīfù,to pay",
            "#columns:" + LianxiDeckFile.columnNames.joined(separator: "\t"), "a\u{2028}b",
        ]
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let separator = ["\n", "\r\n", "\r", "\u{85}"].randomElement(using: &generator) ?? "\n"
            let text = (0..<count).map { _ in lines.randomElement(using: &generator) ?? "" }
                .joined(separator: separator)
            #expect(DeckFormat.of(text: text) == Reference.format(of: text), "“\(text)”")
        }
        // Headers beyond the 200th line still count.
        let manyHeaders = Array(repeating: "#separator:tab", count: 250) + ["#html:false"]
        #expect(DeckFormat.of(text: manyHeaders.joined(separator: "\n")) == .ankiText)
        let lateCategory = Array(repeating: "支付\tzhi1fu4\tto pay", count: 201) + ["// Late"]
        #expect(
            DeckFormat.of(text: lateCategory.joined(separator: "\n"))
                == Reference.format(of: lateCategory.joined(separator: "\n")))
    }

    @Test func composedTextsAreEqualAndHashedAsStringsAreEqual() {
        var generator = SeededGenerator(seed: 0x5EED_0206)
        var pairs: [(String, String)] = [
            ("\u{F900}", "\u{8C48}"), ("e\u{301}", "é"), ("\u{212A}", "K"), ("K", "k"),
            ("支付 zhi1fu4", "支付 zhi1fu4"), ("𠀀", "\u{20000}"), ("\u{2F800}", "\u{4E3D}"),
            ("a\u{301}\u{323}", "a\u{323}\u{301}"), ("", ""), ("", "\u{FEFF}"),
            ("가", "\u{1100}\u{1161}"),
        ]
        for _ in 0..<20_000 {
            let first = Self.texts.randomElement(using: &generator) ?? ""
            let second = Self.texts.randomElement(using: &generator) ?? ""
            pairs.append((first, second))
            pairs.append((first, first.decomposedStringWithCanonicalMapping))
        }
        for (first, second) in pairs {
            let (left, right) = (ComposedText(first), ComposedText(second))
            #expect((left == right) == (first == second), "“\(first)” “\(second)”")
            if first == second {
                #expect(left.hashValue == right.hashValue, "“\(first)” “\(second)”")
            }
        }
    }

    @Test func anIdEqualToAnEarlierHanziKeyIsReported() throws {
        let text = "id,hanzi,pinyin,english\n,支付,zhīfù,to pay\n支付 zhi1fu4,银行,yínháng,bank\n"
        let error = #expect(throws: DeckProblems.self) {
            try TabularDeckFile.read(text, file: "keys.csv")
        }
        #expect(
            error?.problems.map(\.description) == [
                "keys.csv:3: The id 支付 zhi1fu4 is already used on line 2; every note needs its own id"
                    + " (ids are never reused)."
            ])
    }

    /// Pieces of hostile text: every kind of character a terminal obeys, and the showable
    /// characters whose first byte is one of theirs.
    static let hostilePieces: [String] = [
        "\u{1B}", "\u{1B}[2J", "\u{7}", "\u{0}", "\u{8}", "\u{B}", "\u{C}", "\u{E}", "\u{1F}",
        "\u{7F}", "\u{80}", "\u{85}", "\u{9B}", "\u{9F}", "\u{A0}", "\u{B7}", "\u{2014}",
        "\u{2028}", "\u{2029}", "\u{202A}", "\u{202C}", "\u{202E}", "\u{2066}", "\u{2069}",
        "\u{200E}", "\u{2260}", "=\u{338}", "\r", "\t",
    ]

    /// A text that ``CellText/mayHoldUnshowable(onceTidied:)`` clears keeps no unshowable
    /// character once tidied in any way the readers tidy cells; and the texts it does not
    /// clear are the ones with a byte that may start one (tabs and line breaks aside).
    @Test func textClearedOfUnshowableCharactersHasNoneOnceTidied() {
        var generator = SeededGenerator(seed: 0x5EED_0207)
        var texts = Self.texts + Self.hostilePieces
        let pieces = Self.texts.prefix(70) + Self.hostilePieces
        for _ in 0..<6_000 {
            let count = Int.random(in: 0...8, using: &generator)
            texts.append(
                (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        var cleared = 0
        for text in texts {
            let besidesWhiteSpace = text.unicodeScalars.contains {
                UntrustedText.unshowableCharacter(in: String($0)) != nil
                    && !(0x09...0x0D).contains($0.value)
            }
            let mayHold = CellText.mayHoldUnshowable(onceTidied: text)
            #expect(mayHold || !besidesWhiteSpace, "“\(text)”")
            guard !mayHold else { continue }
            cleared += 1
            for tidied in [
                CellText.tidied(text), CellText.withoutPrivateUse(text),
                CellText.tidied(text).lowercased(), PlecoFile.tag(for: CellText.tidied(text)),
            ] {
                #expect(UntrustedText.unshowableCharacter(in: tidied) == nil, "“\(text)”")
            }
            for cell in CellText.cellsWithoutPrivateUse(of: text[...], separatedBy: 0x09).cells {
                #expect(UntrustedText.unshowableCharacter(in: cell) == nil, "“\(text)”")
            }
        }
        #expect(cleared > 1_000)
    }

    /// A Pleco file read with its text cleared at once, against the same file with every cell
    /// searched: the same deck, or the same problems, over generated files with hostile
    /// characters anywhere (category lines, headwords, pinyin, definitions).
    @Test func plecoFilesReadAsWhenEveryCellIsSearched() {
        var generator = SeededGenerator(seed: 0x5EED_0208)
        let headwords = ["支付", "银行[銀行]", "發票[发票]", "退款", "得", "一"]
        let definitions = ["to pay", "verb to pay", "bank", "1 noun invoice 2 verb to bill", ""]
        func piece() -> String {
            Bool.random(using: &generator)
                ? Self.hostilePieces.randomElement(using: &generator) ?? ""
                : Self.texts.prefix(70).randomElement(using: &generator) ?? ""
        }
        func spoiled(_ text: String) -> String {
            Int.random(in: 0..<12, using: &generator) == 0 ? text + piece() : text
        }
        var files: [String] = []
        for _ in 0..<2_500 {
            let lines = (0..<Int.random(in: 1...8, using: &generator)).map { _ -> String in
                if Int.random(in: 0..<5, using: &generator) == 0 {
                    return "//" + spoiled(" HSK 3")
                }
                let pinyin = ChineseTextSamples.randomPinyin(using: &generator)
                return [
                    spoiled(headwords.randomElement(using: &generator) ?? ""), spoiled(pinyin),
                    spoiled(definitions.randomElement(using: &generator) ?? ""),
                ].joined(separator: "\t")
            }
            files.append(lines.joined(separator: Bool.random(using: &generator) ? "\n" : "\r\n"))
        }
        var refused = 0
        for text in files {
            let cleared = Result { () throws(DeckProblems) in
                try PlecoFile.read(text, file: "p.txt", searchesEveryCell: false)
            }
            let searched = Result { () throws(DeckProblems) in
                try PlecoFile.read(text, file: "p.txt", searchesEveryCell: true)
            }
            #expect(cleared == searched, "“\(text)”")
            if case .failure(let problems) = searched,
                problems.description.contains("a terminal would obey")
            {
                refused += 1
            }
        }
        // Both ways were taken, and the search refused hostile cells.
        #expect(refused > 100)
        #expect(files.filter { !CellText.mayHoldUnshowable(onceTidied: $0) }.count > 500)
    }

    /// A Pleco file's problems with the whole text cleared at once or not, where the hostile
    /// character is: the first line, a later line, a category line, several lines; and the
    /// characters tidying makes spaces.
    @Test(arguments: [
        (
            "支付\tzhi1fu4\tto pay\u{1B}[2J\n银行\tyin2hang2\tbank\n",
            [
                "p.txt:1: The English holds an escape character (U+001B), which a terminal would"
                    + " obey rather than show; remove it."
            ]
        ),
        (
            "支付\tzhi1fu4\tto pay\n银行\tyin2hang2\tbank\n退款\ttui4kuan3\tre\u{9B}fund\n",
            [
                "p.txt:3: The English holds a control sequence introducer (U+009B), which a"
                    + " terminal would obey rather than show; remove it."
            ]
        ),
        (
            "// HSK\u{202E}3\n支付\tzhi1fu4\tto pay\n银行\tyin2hang2\tbank\n",
            [
                "p.txt:2: The tags holds a right-to-left override (U+202E), which a terminal would"
                    + " obey rather than show; remove it.",
                "p.txt:3: The tags holds a right-to-left override (U+202E), which a terminal would"
                    + " obey rather than show; remove it.",
            ]
        ),
        (
            "支\u{7}付\tzhi1fu4\tto pay\n银行\tyin2hang2\tbank\n退款\ttui4kuan3\t\u{2066}refund\n",
            [
                "p.txt:1: The hanzi holds a bell character (U+0007), which a terminal would obey"
                    + " rather than show; remove it.",
                "p.txt:1: The traditional holds a bell character (U+0007), which a terminal would"
                    + " obey rather than show; remove it.",
                "p.txt:3: The English holds a bidirectional isolate (U+2066), which a terminal"
                    + " would obey rather than show; remove it.",
            ]
        ),
        ("// HSK\t3\r\n支付\tzhi1fu4\tto\rpay\u{2028}now\r\n", []),
        ("// HSK\t3\n支付\tzhi1fu4\tto\rpay\u{B}now\n", []),
    ])
    func plecoProblemsAreTheSameEitherWay(text: String, problems: [String]) {
        for searchesEveryCell in [false, true] {
            let outcome = Result { () throws(DeckProblems) in
                try PlecoFile.read(text, file: "p.txt", searchesEveryCell: searchesEveryCell)
            }
            switch outcome {
            case .success(let deck):
                #expect(problems.isEmpty)
                #expect(deck.notes.first?.english == "to pay now")
                #expect(deck.notes.first?.tags == ["hsk-3"])
            case .failure(let error):
                #expect(error.problems.map(\.description) == problems)
            }
        }
    }

    @Test func plecoLinesWithCombiningMarksAndCodesReadAsTheirText() throws {
        let text =
            "\u{E000}// Business\u{E001}Words\n"
            + "支付\tzhi\u{304}fu\u{300}\tverb to pay\u{E000}with\u{301} money\n"
            + "  \u{E000}\t\t\n"
            + "银行\tyín háng\t\tbank\n"
        let deck = try PlecoFile.read(text, file: "p.txt")
        #expect(
            deck.notes == [
                NoteContent(
                    key: "支付 zhi1fu4", hanzi: "支付", pinyin: "zhīfù",
                    english: "to pay with\u{301} money", partOfSpeech: "verb",
                    tags: ["business-words"]),
                NoteContent(
                    key: "银行 yin2hang2", hanzi: "银行", pinyin: "yín háng", english: "bank",
                    tags: ["business-words"]),
            ])
    }
}

/// Pinyin-like text for cells, from the generator the parser's own tests use.
enum ChineseTextSamples {
    static func randomPinyin(using generator: inout SeededGenerator) -> String {
        let syllables = ["zhi1", "fu4", "lv4", "lu:4", "nü3", "hǎo", "Xī'ān", "er5", "r5", "ｎｉ３"]
        let separators = ["", " ", "'", ", ", "-"]
        return (0..<Int.random(in: 1...4, using: &generator)).map { _ in
            (separators.randomElement(using: &generator) ?? "")
                + (syllables.randomElement(using: &generator) ?? "")
        }.joined()
    }
}

/// The deck readers' text handling as it was before the fast paths.
enum Reference {
    static func tidied(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" })
            .joined(separator: " ")
            .precomposedStringWithCanonicalMapping
    }

    static func withoutPrivateUse(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar.isPrivateUse ? " " : scalar)
        }
        return tidied(String(scalars))
    }

    static func fileLines(_ text: String) -> [Substring] {
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    static let partsOfSpeech: [String: String] = [
        "noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb",
        "pronoun": "pronoun", "numeral": "numeral", "number": "numeral",
        "measure word": "measure", "conjunction": "conjunction", "preposition": "preposition",
        "particle": "particle", "interjection": "interjection", "idiom": "idiom",
        "phrase": "phrase",
    ]

    static func partOfSpeech(leading definition: String) -> (String, String) {
        func trimmingSuffix(_ text: String) -> String {
            String(text.reversed().drop { ".:".contains($0) }.reversed())
        }
        let words = definition.split(separator: " ").map(String.init)
        func partOfSpeech(at index: Int) -> (value: String, length: Int)? {
            guard words.indices.contains(index) else { return nil }
            let one = trimmingSuffix(words[index].lowercased())
            if let value = partsOfSpeech[one] { return (value, 1) }
            guard words.indices.contains(index + 1) else { return nil }
            let two = "\(one) \(trimmingSuffix(words[index + 1].lowercased()))"
            return partsOfSpeech[two].map { ($0, 2) }
        }
        guard let (value, length) = partOfSpeech(at: 0), words.count > length else {
            return ("", definition)
        }
        for index in length..<words.count {
            let startsSense =
                words[index - 1].allSatisfy(\.isNumber) || words[index - 1].hasSuffix(";")
            if startsSense, partOfSpeech(at: index) != nil {
                return ("", definition)
            }
        }
        return (value, words.dropFirst(length).joined(separator: " "))
    }

    static func toneMarked(_ text: String) -> Result<String, PinyinError> {
        Result { () throws(PinyinError) in
            let pinyin = try Pinyin(parsing: text)
            let needsConversion =
                text.contains { $0.isNumber || $0 == "v" || $0 == "V" || $0 == "ｖ" || $0 == "Ｖ" }
                || text.contains("u:") || text.contains("U:")
            return needsConversion ? pinyin.toneMarked : text
        }
    }

    static func readingKey(_ text: String) -> Result<String, PinyinError> {
        Result { () throws(PinyinError) in
            try Pinyin(parsing: text).syllables.map(\.toneNumbered).joined().lowercased()
        }
    }

    static func format(of text: String) -> DeckFormat {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix("\u{FEFF}") }
            .filter { !$0.allSatisfy(\.isWhitespace) }
        guard let first = lines.first else { return .tabular }
        let headers = lines.prefix { $0.hasPrefix("#") }
        let ourColumns = "#columns:" + LianxiDeckFile.columnNames.joined(separator: "\t")
        if headers.contains(where: { $0 == ourColumns || $0.hasPrefix("#title:") }) {
            return .lianxi
        }
        if headers.contains(where: { $0.dropFirst().contains(":") }) {
            return .ankiText
        }
        if lines.prefix(200).contains(where: { $0.hasPrefix("//") }) {
            return .pleco
        }
        let cells = first.split(separator: "\t", omittingEmptySubsequences: false)
        if cells.count >= 2, cells[0].containsHan, !cells[0].contains(","),
            cells[1].contains(where: \.isLetter), !cells[1].containsHan
        {
            return .pleco
        }
        return .tabular
    }
}
