/// Reads text character by character into runs of pinyin letters, tone numbers and separators.
///
/// A run is a stretch of letters with nothing between them; a tone number closes it. Spaces,
/// apostrophes and punctuation separate runs. Characters that have no place in pinyin become runs
/// of their own that carry the problem, so that the parser can report them and the answer checker
/// can still line up the rest.
///
/// Most text is read scalar by scalar from a table (``scanScalars(_:)``); text with scalars that
/// may join their neighbours into one character, such as combining tone marks, is read character
/// by character (``scanCharacters(_:)``). Both read the same text the same way.
enum PinyinScanner {
    /// A letter read from the text, with the tone of the mark it carried.
    struct Letter: Hashable, Sendable {
        /// The letter in lower case: a to z (without v), `ü` or `ê`.
        var value: Unicode.Scalar
        /// The tone of the mark written on the letter, if any.
        var tone: Tone?
        /// Whether it was written as a capital.
        var isUppercase: Bool
        /// The character offset of the letter in the text.
        var offset: Int
    }

    /// Letters written together, then an optional tone number; or a stretch that is not pinyin.
    struct Run: Hashable, Sendable {
        /// The letters of the run; empty when the run is not pinyin.
        var letters: [Letter] = []
        /// The tone number written after the letters, if any.
        var toneNumber: Tone?
        /// The character offsets the run covers, tone number included.
        var range: Range<Int>
        /// Why the run is not pinyin, if it is not.
        var problem: PinyinError?
    }

    /// The text scanned, for quoting fragments by character offsets.
    struct SourceText: Hashable, Sendable {
        /// The text.
        var text: String
        /// Whether every character of the text is one scalar, so offsets count scalars too.
        var isOneScalarPerCharacter: Bool

        /// The text from character `start` up to character `end`, as written.
        func fragment(_ start: Int, _ end: Int) -> String {
            if isOneScalarPerCharacter {
                let scalars = text.unicodeScalars
                let lower = scalars.index(scalars.startIndex, offsetBy: start)
                let upper = scalars.index(lower, offsetBy: end - start)
                return String(scalars[lower..<upper])
            }
            let lower = text.index(text.startIndex, offsetBy: start)
            let upper = text.index(lower, offsetBy: end - start)
            return String(text[lower..<upper])
        }
    }

    /// The runs of a text and what separates them.
    struct Scan: Hashable, Sendable {
        /// The text scanned.
        var source: SourceText
        /// The runs in reading order.
        var runs: [Run]
        /// The separators before, between and after the runs (one more than the runs), with runs
        /// of whitespace written as one space and apostrophes left out.
        var gaps: [String]

        /// The text from character `start` up to character `end`, as written.
        func text(_ start: Int, _ end: Int) -> String {
            source.fragment(start, end)
        }
    }

    /// A pinyin letter and the tone of its mark, as a table entry.
    struct LetterForm: Hashable, Sendable {
        /// The letter in lower case: a to z (without v), `ü` or `ê`.
        var letter: Unicode.Scalar
        /// The tone of the mark the form carries, if any.
        var tone: Tone?
    }

    /// The letters pinyin is written with, in every spelling, and the tone each form carries.
    ///
    /// `Character` equality is canonical equivalence, so a precomposed `ǚ` and `u` followed by
    /// combining marks find the same entry.
    static let letters: [Character: LetterForm] = {
        var table: [Character: LetterForm] = [:]
        for letter in "abcdefghijklmnopqrstuwxyzüê".unicodeScalars {
            table[Character(letter)] = LetterForm(letter: letter, tone: nil)
        }
        table["v"] = LetterForm(letter: "ü", tone: nil)
        for (letter, forms) in ToneMarkPlacement.markedForms {
            guard let scalar = letter.unicodeScalars.first else { continue }
            for (form, tone) in zip(forms, [Tone.first, .second, .third, .fourth]) {
                table[form] = LetterForm(letter: scalar, tone: tone)
            }
        }
        for tone in [Tone.first, .second, .third, .fourth] {
            if let mark = tone.combiningMark {
                table[Character("v\(mark)")] = LetterForm(letter: "ü", tone: tone)
            }
        }
        // Keyboards without a caron often produce a breve; it can only mean the third tone.
        for letter in "aeiouü".unicodeScalars {
            table[Character("\(letter)\u{306}")] = LetterForm(letter: letter, tone: .third)
        }
        return table
    }()

    /// How the scalar scan reads one scalar.
    enum ScalarClass: Hashable, Sendable {
        /// A pinyin letter in one of its forms.
        case letter(LetterForm, isUppercase: Bool)
        /// An ASCII digit.
        case digit(Int)
        /// `:`, which makes a `u` before it `ü`.
        case colon
        /// An apostrophe, which only separates.
        case apostrophe
        /// White space.
        case whitespace
        /// Punctuation, kept as a separator.
        case punctuation
        /// Anything else.
        case other
    }

    /// How each ASCII scalar reads, by value.
    private static let asciiClasses: [ScalarClass] = (0..<128).map { value in
        guard let scalar = Unicode.Scalar(value) else { return .other }
        return characterClass(Character(scalar))
    }

    /// How the letters of the Latin blocks past ASCII (U+0080 to U+02FF, then U+1E00 to
    /// U+1EFF) read, at their offset in the blocks; `nil` for the other scalars there.
    ///
    /// The letters are the scalars of the table's one-scalar forms, their capitals, and the
    /// precomposed vowels with a breve; tests check every other scalar of the blocks.
    private static let latinLetterClasses: [ScalarClass?] = {
        var table: [ScalarClass?] = Array(repeating: nil, count: 0x380)
        var candidates = Array("ăĕĭŏŭĂĔĬŎŬ".unicodeScalars)
        for form in letters.keys where form.unicodeScalars.count == 1 {
            candidates += form.unicodeScalars
            candidates += form.unicodeScalars.flatMap(\.properties.uppercaseMapping.unicodeScalars)
        }
        for scalar in candidates {
            guard let offset = latinOffset(of: scalar) else { continue }
            let form = characterClass(Character(scalar))
            if case .letter = form {
                table[offset] = form
            }
        }
        return table
    }()

    /// Where `scalar` is in ``latinLetterClasses``, if it is in the blocks.
    private static func latinOffset(of scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x80..<0x300: Int(scalar.value - 0x80)
        case 0x1E00..<0x1F00: Int(scalar.value - 0x1E00) + 0x280
        default: nil
        }
    }

    /// How the character scan reads `character` (already made half-width).
    static func characterClass(_ character: Character) -> ScalarClass {
        if let form = letter(character) {
            return .letter(form, isUppercase: character.isUppercase)
        }
        if let digit = character.wholeNumberValue, character.isASCII {
            return .digit(digit)
        }
        if character == ":" {
            return .colon
        }
        if isApostrophe(character) {
            return .apostrophe
        }
        if character.isWhitespace {
            return .whitespace
        }
        if character.isPunctuation {
            return .punctuation
        }
        return .other
    }

    /// How the scalar scan reads `scalar` (already made half-width), if it is a character by
    /// itself.
    static func scalarClass(_ scalar: Unicode.Scalar) -> ScalarClass {
        if scalar.isASCII {
            return asciiClasses[Int(scalar.value)]
        }
        if let offset = latinOffset(of: scalar), let form = latinLetterClasses[offset] {
            return form
        }
        // The scan only sees scalars that are characters by themselves, so the character's
        // properties are the scalar's.
        if isApostrophe(Character(scalar)) {
            return .apostrophe
        }
        if scalar.properties.isWhitespace {
            return .whitespace
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        default:
            return .other
        }
    }

    /// Splits `text` into runs and separators.
    static func scan(_ text: String) -> Scan {
        scanScalars(text) ?? scanCharacters(text)
    }

    /// A character as written in the text: one scalar, or any character.
    private enum Written {
        case scalar(Unicode.Scalar)
        case character(Character)

        var character: Character {
            switch self {
            case .scalar(let scalar): Character(scalar)
            case .character(let character): character
            }
        }
    }

    /// Collects runs and gaps as the text is read.
    private struct Builder {
        var runs: [Run] = []
        var gaps: [String] = []
        var pendingGap = ""
        /// Whether `pendingGap` ends with a space (tracked, since asking the string is slow).
        var pendingGapEndsWithSpace = false
        var runIsOpen = false

        init() {
            // Most texts are a few words; room for them saves growing the arrays.
            runs.reserveCapacity(4)
            gaps.reserveCapacity(5)
        }

        mutating func startRun(_ run: Run) {
            gaps.append(pendingGap)
            pendingGap = ""
            pendingGapEndsWithSpace = false
            runs.append(run)
        }

        mutating func addLetter(_ letter: Letter) {
            if runIsOpen {
                runs[runs.count - 1].letters.append(letter)
                runs[runs.count - 1].range =
                    runs[runs.count - 1].range.lowerBound..<(letter.offset + 1)
            } else {
                var letters: [Letter] = []
                letters.reserveCapacity(8)
                letters.append(letter)
                startRun(Run(letters: letters, range: letter.offset..<(letter.offset + 1)))
                runIsOpen = true
            }
        }

        mutating func addProblem(at offset: Int, _ problem: PinyinError) {
            if let last = runs.last, last.problem != nil, last.range.upperBound == offset,
                pendingGap.isEmpty
            {
                runs[runs.count - 1].range = last.range.lowerBound..<(offset + 1)
            } else {
                startRun(Run(range: offset..<(offset + 1), problem: problem))
            }
            runIsOpen = false
        }

        mutating func addToGap(_ written: Written) {
            switch written {
            case .scalar(let scalar):
                // A scalar that is a character by itself stays one after a space.
                pendingGap.unicodeScalars.append(scalar)
                pendingGapEndsWithSpace = false
            case .character(let character):
                pendingGap.append(character)
                pendingGapEndsWithSpace = pendingGap.hasSuffix(" ")
            }
        }

        /// Reads `written` at `offset`, which reads as `form` once made half-width.
        mutating func add(_ written: Written, _ form: ScalarClass, at offset: Int) {
            switch form {
            case .letter(let letter, let isUppercase):
                addLetter(
                    Letter(
                        value: letter.letter, tone: letter.tone, isUppercase: isUppercase,
                        offset: offset))
            case .digit(let digit):
                if runIsOpen, let tone = Tone(number: digit) {
                    runs[runs.count - 1].toneNumber = tone
                    runs[runs.count - 1].range =
                        runs[runs.count - 1].range.lowerBound..<(offset + 1)
                    runIsOpen = false
                } else if Tone(number: digit) != nil {
                    addProblem(
                        at: offset, .strayToneNumber(written.character, position: offset))
                } else {
                    addProblem(
                        at: offset, .unexpectedCharacter(written.character, position: offset))
                }
            case .colon:
                if runIsOpen, let last = runs.last?.letters.last, last.value == "u" {
                    // CC-CEDICT writes ü as `u:` (`lu:4`).
                    let index = runs[runs.count - 1].letters.count - 1
                    runs[runs.count - 1].letters[index].value = "ü"
                    runs[runs.count - 1].range =
                        runs[runs.count - 1].range.lowerBound..<(offset + 1)
                } else {
                    // A colon is punctuation when it does not follow a u.
                    addToGap(written)
                    runIsOpen = false
                }
            case .apostrophe:
                runIsOpen = false
            case .whitespace:
                if !pendingGapEndsWithSpace {
                    pendingGap.append(" ")
                    pendingGapEndsWithSpace = true
                }
                runIsOpen = false
            case .punctuation:
                addToGap(written)
                runIsOpen = false
            case .other:
                addProblem(
                    at: offset, .unexpectedCharacter(written.character, position: offset))
            }
        }

        mutating func finish(source: String, isOneScalarPerCharacter: Bool) -> Scan {
            gaps.append(pendingGap)
            return Scan(
                source: SourceText(text: source, isOneScalarPerCharacter: isOneScalarPerCharacter),
                runs: runs, gaps: gaps)
        }
    }

    /// Scans text whose every scalar is a character by itself, or returns `nil` for other text.
    static func scanScalars(_ text: String) -> Scan? {
        var builder = Builder()
        var offset = 0
        for written in text.unicodeScalars {
            guard written.isCharacterByItself else { return nil }
            builder.add(.scalar(written), scalarClass(halfWidth(written)), at: offset)
            offset += 1
        }
        return builder.finish(source: text, isOneScalarPerCharacter: true)
    }

    /// Scans any text, character by character.
    static func scanCharacters(_ text: String) -> Scan {
        var builder = Builder()
        for (offset, written) in text.enumerated() {
            builder.add(.character(written), characterClass(halfWidth(written)), at: offset)
        }
        return builder.finish(source: text, isOneScalarPerCharacter: false)
    }

    private static func letter(_ character: Character) -> LetterForm? {
        if let entry = letters[character] {
            return entry
        }
        guard character.isUppercase, let lower = Character(exactly: character.lowercased()) else {
            return nil
        }
        return letters[lower]
    }

    /// Maps full-width ASCII forms (`ｎｉ３`, typed with an input method still active) to ASCII.
    private static func halfWidth(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return character }
        return Character(halfWidth(scalar))
    }

    static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard (0xFF01...0xFF5E).contains(scalar.value),
            let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
        else { return scalar }
        return ascii
    }

    private static func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "’" || character == "ʼ" || character == "′"
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is always a character by itself, whatever stands around it: ASCII but
    /// CR (which joins an LF), Latin letters and their precomposed tone-marked forms, common
    /// punctuation, CJK ideographs and symbols, full-width forms and private-use characters.
    ///
    /// Combining marks, joiners, variation selectors, Hangul jamo, regional indicators and
    /// compatibility ideographs are left out, so text made of these scalars can be read scalar
    /// by scalar, with character offsets counting scalars.
    var isCharacterByItself: Bool {
        switch value {
        case 0x00...0x0C, 0x0E...0x2FF, 0x1E00...0x1EFF, 0x2010...0x205F, 0x3000...0x3029,
            0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xE000...0xF8FF, 0xFEFF,
            0xFF01...0xFF65, 0x20000...0x2A6DF, 0xF0000...0x10FFFD:
            true
        default:
            false
        }
    }
}

extension Character {
    /// The string as a character, if it is exactly one.
    fileprivate init?(exactly string: String) {
        guard string.count == 1, let first = string.first else { return nil }
        self = first
    }
}
