/// Reads text character by character into runs of pinyin letters, tone numbers and separators.
///
/// A run is a stretch of letters with nothing between them; a tone number closes it. Spaces,
/// apostrophes and punctuation separate runs. Characters that have no place in pinyin become runs
/// of their own that carry the problem, so that the parser can report them and the answer checker
/// can still line up the rest.
enum PinyinScanner {
    /// A letter read from the text, with the tone of the mark it carried.
    struct Letter: Sendable {
        /// The letter in lower case: a to z (without v), `ü` or `ê`.
        var value: Character
        /// The tone of the mark written on the letter, if any.
        var tone: Tone?
        /// Whether it was written as a capital.
        var isUppercase: Bool
        /// The character offset of the letter in the text.
        var offset: Int
    }

    /// Letters written together, then an optional tone number; or a stretch that is not pinyin.
    struct Run: Sendable {
        /// The letters of the run; empty when the run is not pinyin.
        var letters: [Letter] = []
        /// The tone number written after the letters, if any.
        var toneNumber: Tone?
        /// The character offsets the run covers, tone number included.
        var range: Range<Int>
        /// Why the run is not pinyin, if it is not.
        var problem: PinyinError?
    }

    /// The runs of a text and what separates them.
    struct Scan: Sendable {
        /// The characters of the text, for quoting fragments.
        var characters: [Character]
        /// The runs in reading order.
        var runs: [Run]
        /// The separators before, between and after the runs (one more than the runs), with runs
        /// of whitespace written as one space and apostrophes left out.
        var gaps: [String]

        /// The text from `start` up to `end`, as written.
        func text(_ start: Int, _ end: Int) -> String {
            String(characters[start..<end])
        }
    }

    /// The letters pinyin is written with, in every spelling, and the tone each form carries.
    ///
    /// `Character` equality is canonical equivalence, so a precomposed `ǚ` and `u` followed by
    /// combining marks find the same entry.
    static let letters: [Character: (letter: Character, tone: Tone?)] = {
        var table: [Character: (letter: Character, tone: Tone?)] = [:]
        for letter in "abcdefghijklmnopqrstuwxyzüê" {
            table[letter] = (letter, nil)
        }
        table["v"] = ("ü", nil)
        for (letter, forms) in ToneMarkPlacement.markedForms {
            for (form, tone) in zip(forms, [Tone.first, .second, .third, .fourth]) {
                table[form] = (letter, tone)
            }
        }
        for tone in [Tone.first, .second, .third, .fourth] {
            if let mark = tone.combiningMark {
                table[Character("v\(mark)")] = ("ü", tone)
            }
        }
        // Keyboards without a caron often produce a breve; it can only mean the third tone.
        for letter in "aeiouü" {
            table[Character("\(letter)\u{306}")] = (letter, .third)
        }
        return table
    }()

    /// Splits `text` into runs and separators.
    static func scan(_ text: String) -> Scan {
        let characters = Array(text)
        var runs: [Run] = []
        var gaps: [String] = []
        var pendingGap = ""
        var runIsOpen = false

        func startRun(_ run: Run) {
            gaps.append(pendingGap)
            pendingGap = ""
            runs.append(run)
        }

        func addProblem(_ character: Character, at offset: Int, _ problem: PinyinError) {
            if let last = runs.last, last.problem != nil, last.range.upperBound == offset,
                pendingGap.isEmpty
            {
                runs[runs.count - 1].range = last.range.lowerBound..<(offset + 1)
            } else {
                startRun(Run(range: offset..<(offset + 1), problem: problem))
            }
            runIsOpen = false
        }

        for (offset, written) in characters.enumerated() {
            let character = halfWidth(written)
            if let (value, tone) = letter(character) {
                let letter = Letter(
                    value: value, tone: tone, isUppercase: character.isUppercase, offset: offset)
                if runIsOpen {
                    runs[runs.count - 1].letters.append(letter)
                    runs[runs.count - 1].range =
                        runs[runs.count - 1].range.lowerBound..<(offset + 1)
                } else {
                    startRun(Run(letters: [letter], range: offset..<(offset + 1)))
                    runIsOpen = true
                }
            } else if let digit = character.wholeNumberValue, character.isASCII {
                if runIsOpen, let tone = Tone(number: digit) {
                    runs[runs.count - 1].toneNumber = tone
                    runs[runs.count - 1].range =
                        runs[runs.count - 1].range.lowerBound..<(offset + 1)
                    runIsOpen = false
                } else if Tone(number: digit) != nil {
                    addProblem(written, at: offset, .strayToneNumber(written, position: offset))
                } else {
                    addProblem(written, at: offset, .unexpectedCharacter(written, position: offset))
                }
            } else if character == ":", runIsOpen, let last = runs.last?.letters.last,
                last.value == "u"
            {
                // CC-CEDICT writes ü as `u:` (`lu:4`).
                let index = runs[runs.count - 1].letters.count - 1
                runs[runs.count - 1].letters[index].value = "ü"
                runs[runs.count - 1].range = runs[runs.count - 1].range.lowerBound..<(offset + 1)
            } else if isApostrophe(character) {
                runIsOpen = false
            } else if character.isWhitespace {
                if !pendingGap.hasSuffix(" ") {
                    pendingGap.append(" ")
                }
                runIsOpen = false
            } else if character.isPunctuation {
                pendingGap.append(written)
                runIsOpen = false
            } else {
                addProblem(written, at: offset, .unexpectedCharacter(written, position: offset))
            }
        }
        gaps.append(pendingGap)
        return Scan(characters: characters, runs: runs, gaps: gaps)
    }

    private static func letter(_ character: Character) -> (Character, Tone?)? {
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
        guard scalars.count == 1, let scalar = scalars.first,
            (0xFF01...0xFF5E).contains(scalar.value),
            let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
        else { return character }
        return Character(ascii)
    }

    private static func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "’" || character == "ʼ" || character == "′"
    }
}

extension Character {
    /// The string as a character, if it is exactly one.
    fileprivate init?(exactly string: String) {
        guard string.count == 1, let first = string.first else { return nil }
        self = first
    }
}
