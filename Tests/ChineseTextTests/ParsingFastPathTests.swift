import Foundation
import TestSupport
import Testing

@testable import ChineseText

/// The fast paths of pinyin parsing (scalar by scalar, a tree of syllable beginnings, one whole
/// syllable without dynamic programming) against the character-by-character reading they replace,
/// kept here as ``ReferencePinyin``.
@Suite("Pinyin fast paths")
struct ParsingFastPathTests {
    /// Every scalar the scalar scan accepts.
    static let scalarsReadOneByOne: [Unicode.Scalar] = (UInt32(0)...0x10FFFF).compactMap {
        guard let scalar = Unicode.Scalar($0), scalar.isCharacterByItself else { return nil }
        return scalar
    }

    /// Texts that look like pinyin, texts that do not, and every syllable in every spelling.
    static let texts: [String] = {
        var generator = SeededGenerator(seed: 0x5EED_0101)
        var texts: [String] = []
        for round in 0..<8_000 {
            texts.append(
                round.isMultiple(of: 2)
                    ? RobustnessTests.randomPinyin(using: &generator)
                    : RobustnessTests.randomText(using: &generator))
        }
        // Pinyin written as text of one-scalar characters, with the odd outsider.
        let plain: [Character] =
            Array("abcdefghijklmnopqrstuvwxyzAEIOUV012345 ''’:-,.?üÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếńňḿ")
            + ["ｎ", "３", "你", "　", "\t", "\r", "\r\n", "ă", "K", "\u{301}"]
        for _ in 0..<8_000 {
            let length = Int.random(in: 0...16, using: &generator)
            texts.append(
                String((0..<length).map { _ in plain.randomElement(using: &generator) ?? "a" }))
        }
        for spelling in StandardSyllables.all {
            for tone in 1...5 {
                let marked = StandardSyllables.marked(spelling, tone: tone)
                texts += [
                    marked, marked.decomposedStringWithCanonicalMapping, marked.uppercased(),
                    spelling + String(tone), spelling + "r" + String(tone), marked + "r",
                    spelling.replacingOccurrences(of: "ü", with: "v") + String(tone),
                    spelling.replacingOccurrences(of: "ü", with: "u:") + String(tone),
                ]
            }
        }
        return texts
    }()

    @Test func everyScalarReadOneByOneIsACharacterByItself() {
        for scalar in Self.scalarsReadOneByOne {
            let alone = String(scalar)
            // No neighbour joins it into a larger character, whatever it is.
            for neighbour in ["a", "\u{1100}", "\u{11A8}", alone] {
                #expect((neighbour + alone).count == 2, "U+\(String(scalar.value, radix: 16))")
                #expect((alone + neighbour).count == 2, "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func everyScalarReadOneByOneReadsAsItsCharacter() {
        for scalar in Self.scalarsReadOneByOne {
            let halfWidth = PinyinScanner.halfWidth(scalar)
            #expect(
                PinyinScanner.scalarClass(halfWidth)
                    == PinyinScanner.characterClass(Character(halfWidth)),
                "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func textParsesAsTheReferenceReadsIt() {
        for text in Self.texts {
            let parsed = Result { () throws(PinyinError) in try Pinyin(parsing: text) }
            #expect(parsed == ReferencePinyin.parse(text), "“\(text)”")
        }
    }

    @Test func textScansAsTheReferenceScansIt() {
        for text in Self.texts {
            let scan = PinyinScanner.scan(text)
            let reference = ReferencePinyin.scan(text)
            #expect(scan.gaps == reference.gaps, "“\(text)”")
            #expect(scan.runs.count == reference.runs.count, "“\(text)”")
            for (run, expected) in zip(scan.runs, reference.runs) {
                #expect(
                    run.letters.map { Character($0.value) } == expected.letters.map(\.value),
                    "“\(text)”")
                #expect(run.letters.map(\.tone) == expected.letters.map(\.tone), "“\(text)”")
                #expect(run.letters.map(\.offset) == expected.letters.map(\.offset), "“\(text)”")
                #expect(
                    run.letters.map(\.isUppercase) == expected.letters.map(\.isUppercase),
                    "“\(text)”")
                #expect(run.toneNumber == expected.toneNumber, "“\(text)”")
                #expect(run.range == expected.range, "“\(text)”")
                #expect(run.problem == expected.problem, "“\(text)”")
                #expect(
                    scan.text(run.range.lowerBound, run.range.upperBound)
                        == String(reference.characters[run.range]), "“\(text)”")
            }
        }
    }

    @Test func runsReadAsTheReferenceReadsThem() {
        for text in Self.texts {
            for run in PinyinScanner.scan(text).runs where run.problem == nil {
                for start in run.letters.indices {
                    for (strict, afterSyllable) in [(true, true), (true, false), (false, true)] {
                        let readings = PinyinSplitter.readings(
                            in: run, from: start, strict: strict, afterSyllable: afterSyllable)
                        let expected = ReferencePinyin.readings(
                            in: run, from: start, strict: strict, afterSyllable: afterSyllable)
                        #expect(readings.map(\.range) == expected.map(\.range), "“\(text)”")
                        #expect(readings.map(\.syllable) == expected.map(\.syllable), "“\(text)”")
                        #expect(readings.map(\.penalty) == expected.map(\.penalty), "“\(text)”")
                    }
                }
            }
        }
    }

    /// Cells as decks write them: syllables with tone marks or none, apart, after apostrophes
    /// or written together, capitals, erhua, stand-ins for ü, tone numbers, a letter that makes
    /// no syllable, a Chinese character.
    static let cells: [String] = {
        var generator = SeededGenerator(seed: 0x5EED_0103)
        let separators = [" ", " ", " ", "  ", "'", "’", "", "\u{3000}", "ʼ", "-", "\t"]
        let extras = ["r", "x", "v", "5", "3", "ü", "你", ":", "ng", "ê", "e\u{301}"]
        var cells: [String] = []
        for _ in 0..<12_000 {
            var cell = ""
            for index in 0..<Int.random(in: 1...5, using: &generator) {
                if index > 0 {
                    cell += separators.randomElement(using: &generator) ?? " "
                }
                let spelling = StandardSyllables.all.randomElement(using: &generator) ?? "a"
                var syllable = StandardSyllables.marked(
                    spelling, tone: Int.random(in: 1...5, using: &generator))
                switch Int.random(in: 0..<12, using: &generator) {
                case 0: syllable = syllable.capitalized
                case 1: syllable = syllable.uppercased()
                case 2: syllable += "r"
                case 3: syllable += extras.randomElement(using: &generator) ?? ""
                case 4: syllable = (extras.randomElement(using: &generator) ?? "") + syllable
                default: break
                }
                cell += syllable
            }
            cells.append(cell)
        }
        return cells
    }()

    @Test func markedSyllablesAreWhatTheParseReads() {
        var taken = 0
        for text in Self.texts + Self.cells {
            guard let syllables = Pinyin.markedSyllables(in: text) else { continue }
            taken += 1
            let parsed = Result { () throws(PinyinError) in try Pinyin(parsing: text) }
            #expect(parsed.map(\.syllables) == .success(syllables), "“\(text)”")
        }
        // Thousands of the texts take the short way (2,592 with these seeds).
        #expect(taken > 2_000)
    }

    @Test(
        arguments: [
            ("zhī fù", true), ("zhīfù", true), ("hǎo", true), ("de", true), ("ma", true),
            ("shénme", true), ("Xī'ān", true), ("Xī’ān", true), ("xiān", true),
            ("BĚI JĪNG", true), ("Běijīng", true), ("nǚ", true), ("lüè", true),
            ("lǚ xíng", true), ("lv", true), ("nv3", false), ("lu:4", false), ("nü3", false),
            ("zhi1 fu4", false), ("diǎnr", true), ("wánr", true), ("diǎn r", true),
            ("r", false), ("ér", true), ("Ér zi", true), ("xyz", false), ("hǎo, hǎo", false),
            ("hǎo-hǎo", false), ("你 hǎo", false), ("", false), ("  ", false), ("' ", false),
            (" zhī  fù ", true), ("hǎo\u{3000}de", true), ("ｎǐ hǎo", true),
            ("ha\u{30C}o", false), ("zhuāngr", true), ("ê", true), ("hm", true),
        ])
    func markedSyllablesTakeOnlyTheCommonCase(text: String, isTaken: Bool) {
        let syllables = Pinyin.markedSyllables(in: text)
        #expect((syllables != nil) == isTaken)
        if let syllables {
            let parsed = Result { () throws(PinyinError) in try Pinyin(parsing: text) }
            #expect(parsed.map(\.syllables) == .success(syllables))
        }
    }

    @Test func markPlacementOnScalarsMatchesCharacters() {
        var generator = SeededGenerator(seed: 0x5EED_0102)
        var spellings = StandardSyllables.all + Array(SyllableTable.syllables)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...7, using: &generator)
            spellings.append(
                String(
                    (0..<length).map { _ in "aeioumnügrêxz".randomElement(using: &generator) ?? "a"
                    }))
        }
        for spelling in spellings {
            #expect(
                ToneMarkPlacement.markedIndex(in: Array(spelling.unicodeScalars))
                    == ToneMarkPlacement.markedIndex(in: Array(spelling)), "\(spelling)")
            for letter in spelling.unicodeScalars {
                #expect(
                    ToneMarkPlacement.isVowel(letter)
                        == ToneMarkPlacement.vowels.contains(Character(letter)))
            }
        }
    }
}

/// Pinyin parsing as it was before the fast paths, character by character, with strings for
/// spellings: the reference the fast paths must agree with.
enum ReferencePinyin {
    struct Letter {
        var value: Character
        var tone: Tone?
        var isUppercase: Bool
        var offset: Int
    }

    struct Run {
        var letters: [Letter] = []
        var toneNumber: Tone?
        var range: Range<Int>
        var problem: PinyinError?
    }

    struct Scan {
        var characters: [Character]
        var runs: [Run]
        var gaps: [String]
    }

    struct Reading {
        var range: Range<Int>
        var syllable: PinyinSyllable?
        var penalty: Int
    }

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
        for letter in "aeiouü" {
            table[Character("\(letter)\u{306}")] = (letter, .third)
        }
        return table
    }()

    static let beginnings: Set<String> = {
        var beginnings: Set<String> = []
        for syllable in SyllableTable.syllables {
            var spellings = [syllable, syllable + "r"]
            if let first = syllable.first, "jqxy".contains(first),
                syllable.dropFirst().first == "u"
            {
                let dotted = String(first) + "ü" + syllable.dropFirst(2)
                spellings += [dotted, dotted + "r"]
            }
            for spelling in spellings {
                var prefix = ""
                for letter in spelling {
                    prefix.append(letter)
                    beginnings.insert(prefix)
                }
            }
        }
        return beginnings
    }()

    static func parse(_ text: String) -> Result<Pinyin, PinyinError> {
        let scan = scan(text)
        var syllables: [PinyinSyllable] = []
        var separators: [String] = []
        var pendingSeparator = scan.gaps.first ?? ""
        for (index, run) in scan.runs.enumerated() {
            if let problem = run.problem {
                return .failure(problem)
            }
            let canTakeErhua = syllables.last.map { !$0.isErhua } ?? false
            let readings: [Reading]
            switch split(run, in: scan, afterSyllable: canTakeErhua) {
            case .success(let found): readings = found
            case .failure(let problem): return .failure(problem)
            }
            for reading in readings {
                if let syllable = reading.syllable {
                    separators.append(pendingSeparator)
                    syllables.append(syllable)
                } else if let last = syllables.last {
                    syllables[syllables.count - 1] = last.settingErhua(true)
                }
                pendingSeparator = ""
            }
            pendingSeparator += scan.gaps[index + 1]
        }
        guard !syllables.isEmpty else { return .failure(.empty) }
        separators.append(pendingSeparator)
        separators[0] = trimmingSpaces(separators[0])
        separators[separators.count - 1] = trimmingSpaces(separators[separators.count - 1])
        return .success(Pinyin(syllables: syllables, separators: separators))
    }

    static func trimmingSpaces(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

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

    static func letter(_ character: Character) -> (Character, Tone?)? {
        if let entry = letters[character] {
            return entry
        }
        guard character.isUppercase else { return nil }
        let lower = character.lowercased()
        guard lower.count == 1, let first = lower.first else { return nil }
        return letters[first]
    }

    static func halfWidth(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first,
            (0xFF01...0xFF5E).contains(scalar.value),
            let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
        else { return character }
        return Character(ascii)
    }

    static func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "’" || character == "ʼ" || character == "′"
    }

    /// The readings of the new scanner's run, as the reference reads its letters.
    static func readings(
        in run: PinyinScanner.Run, from start: Int, strict: Bool, afterSyllable: Bool
    ) -> [Reading] {
        let letters = run.letters.map {
            Letter(
                value: Character($0.value), tone: $0.tone, isUppercase: $0.isUppercase,
                offset: $0.offset)
        }
        return readings(
            in: Run(letters: letters, toneNumber: run.toneNumber, range: run.range), from: start,
            strict: strict, afterSyllable: afterSyllable)
    }

    static func readings(
        in run: Run, from start: Int, strict: Bool, afterSyllable: Bool
    ) -> [Reading] {
        let letters = run.letters
        var readings: [Reading] = []
        if afterSyllable, start == 0, letters.first?.value == "r", letters.first?.tone == nil {
            readings.append(Reading(range: 0..<1, syllable: nil, penalty: 2))
        }
        let longest = min(letters.count, start + SyllableTable.longestSpelling + 1)
        guard start < longest else { return readings }
        var spelling = ""
        for end in (start + 1)...longest {
            spelling.append(letters[end - 1].value)
            guard beginnings.contains(spelling) else { break }
            let toneNumber = end == letters.count ? run.toneNumber : nil
            guard var reading = reading(letters[start..<end], toneNumber: toneNumber),
                let syllable = reading.syllable
            else { continue }
            reading.range = start..<end
            if start > 0, syllable.startsWithVowel {
                let previous = letters[start - 1]
                let clearBoundary =
                    "ngr".contains(previous.value) || previous.tone != nil
                    || letters[start..<end].contains { $0.tone != nil }
                if strict, !clearBoundary {
                    continue
                }
                reading.penalty += 2
            }
            if end - start < letters.count, SyllableTable.interjections.contains(syllable.letters) {
                reading.penalty += 3
            }
            readings.append(reading)
        }
        return readings
    }

    static func split(
        _ run: Run, in scan: Scan, afterSyllable: Bool
    ) -> Result<[Reading], PinyinError> {
        let count = run.letters.count
        var costs: [Int?] = Array(repeating: nil, count: count + 1)
        var chosen: [Reading?] = Array(repeating: nil, count: count + 1)
        costs[0] = 0
        for start in 0..<count {
            guard let cost = costs[start] else { continue }
            let options = readings(in: run, from: start, strict: true, afterSyllable: afterSyllable)
            for reading in options {
                let total = cost + reading.penalty * 1_000 + 1
                if let known = costs[reading.range.upperBound], known <= total {
                    continue
                }
                costs[reading.range.upperBound] = total
                chosen[reading.range.upperBound] = reading
            }
        }
        guard costs[count] != nil else {
            return .failure(
                problem(in: run, scan: scan, reached: costs.map { $0 != nil }, chosen: chosen))
        }
        var result: [Reading] = []
        var end = count
        while end > 0, let reading = chosen[end] {
            result.append(reading)
            end = reading.range.lowerBound
        }
        return .success(result.reversed())
    }

    static func reading(_ letters: ArraySlice<Letter>, toneNumber: Tone?) -> Reading? {
        let marked = letters.indices.filter { letters[$0].tone != nil }
        guard marked.count <= 1, let first = letters.first else { return nil }
        let markTone = marked.first.flatMap { letters[$0].tone }
        if let toneNumber, let markTone, toneNumber != markTone {
            return nil
        }
        var spelling = SyllableTable.standardSpelling(of: String(letters.map(\.value)))
        var isErhua = false
        if !SyllableTable.contains(spelling) {
            guard spelling.count > 1, spelling.hasSuffix("r") else { return nil }
            spelling = SyllableTable.standardSpelling(of: String(spelling.dropLast()))
            guard SyllableTable.contains(spelling) else { return nil }
            isErhua = true
        }
        var penalty = isErhua ? 1 : 0
        if let mark = marked.first {
            let markedIndex = mark - letters.startIndex
            let spellingLetters = Array(spelling)
            let hasVowel = spellingLetters.contains { ToneMarkPlacement.vowels.contains($0) }
            guard markedIndex < spellingLetters.count,
                ToneMarkPlacement.vowels.contains(spellingLetters[markedIndex]) || !hasVowel
            else { return nil }
            if markedIndex != ToneMarkPlacement.markedIndex(in: spellingLetters) {
                penalty += 1
            }
        }
        let syllable = PinyinSyllable(
            checkedLetters: spelling, tone: markTone ?? toneNumber ?? .neutral, isErhua: isErhua,
            isCapitalized: first.isUppercase)
        return Reading(range: 0..<letters.count, syllable: syllable, penalty: penalty)
    }

    static func problem(
        in run: Run, scan: Scan, reached: [Bool], chosen: [Reading?]
    ) -> PinyinError {
        var stuck = reached.lastIndex(of: true) ?? 0
        if stuck < run.letters.count, "aoeêiuü".contains(run.letters[stuck].value),
            let previous = chosen[stuck]
        {
            stuck = previous.range.lowerBound
        }
        let start = stuck < run.letters.count ? run.letters[stuck].offset : run.range.lowerBound
        let fragment = String(scan.characters[start..<run.range.upperBound])
        if let toneNumber = run.toneNumber,
            run.letters[stuck...].contains(where: { $0.tone != nil && $0.tone != toneNumber })
        {
            return .conflictingTones(fragment, position: start)
        }
        return .notASyllable(fragment, position: start)
    }
}
