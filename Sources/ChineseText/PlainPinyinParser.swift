/// Reads pinyin in one pass, for text whose every scalar is a character by itself (see
/// ``Unicode/Scalar/isCharacterByItself``): nearly all pinyin, whether typed with tone marks,
/// tone numbers or none.
///
/// It reads exactly as ``PinyinScanner`` and ``Pinyin/Assembly`` do, but hands each run of
/// letters to the splitter as soon as the next one starts, so it keeps one buffer of letters
/// instead of an array of runs, each with its own letters: a deck reads tens of thousands of
/// cells.
enum PlainPinyinParser {
    /// The pinyin in `text`, as ``Pinyin/init(parsing:)`` reads it; `nil` if some scalar of the
    /// text is not a character by itself.
    static func parse(_ text: String) throws(PinyinError) -> Pinyin? {
        let source = PinyinScanner.SourceText(text: text, isOneScalarPerCharacter: true)
        var reader = Reader(assembly: Pinyin.Assembly(source: source, runs: 4))
        do {
            var offset = 0
            for written in text.unicodeScalars {
                guard written.isCharacterByItself else { return nil }
                try reader.read(written, at: offset)
                offset += 1
            }
            return try reader.finish()
        } catch {
            // Offsets count characters only if every scalar is one; otherwise the text is read
            // character by character, which may see other characters and other problems.
            guard text.unicodeScalars.allSatisfy(\.isCharacterByItself) else { return nil }
            throw error
        }
    }

    /// The syllables ``parse(_:)`` reads from text of letters, spaces and apostrophes alone.
    ///
    /// Most pinyin written with tone marks or none is such text (`zhī fù`, `zhīfù`, `Xī'ān`,
    /// `diǎnr`); its syllables are found without the gaps, the separators or the ``Pinyin``
    /// value. `nil` for any other text (tone numbers, `u:`, punctuation, anything that is not
    /// pinyin) and for text with a problem, which ``parse(_:)`` must read or refuse.
    ///
    /// The runs of letters are read as ``parse(_:)`` reads them: a whole syllable first, else
    /// the splitter after the syllables before; spaces and apostrophes only close a run.
    static func markedSyllables(of text: String) -> [PinyinSyllable]? {
        var syllables: [PinyinSyllable] = []
        syllables.reserveCapacity(4)
        var letters: [PinyinScanner.Letter] = []
        letters.reserveCapacity(SyllableTable.longestSpelling + 1)
        // Reads the run in `letters`, if any, as ``Reader/splitRun()`` and
        // ``Pinyin/Assembly/add(_:)`` do; `false` where they would find a problem.
        func closeRun() -> Bool {
            guard !letters.isEmpty else { return true }
            defer { letters.removeAll(keepingCapacity: true) }
            if let syllable = PinyinSplitter.wholeSyllable(of: letters, toneNumber: nil) {
                syllables.append(syllable)
                return true
            }
            let canTakeErhua = syllables.last.map { !$0.isErhua } ?? false
            // A problem found here is set aside: the text goes the whole way, which reports it.
            let end = letters[letters.count - 1].offset + 1
            let run = PinyinScanner.Run(letters: letters, range: letters[0].offset..<end)
            let source = PinyinScanner.SourceText(text: text, isOneScalarPerCharacter: true)
            do {
                try PinyinSplitter.split(run, in: source, afterSyllable: canTakeErhua) {
                    reading in
                    if let syllable = reading.syllable {
                        syllables.append(syllable)
                    } else if let last = syllables.last {
                        syllables[syllables.count - 1] = last.settingErhua(true)
                    }
                }
            } catch {
                return false
            }
            return true
        }
        var offset = 0
        for written in text.unicodeScalars {
            guard written.isCharacterByItself else { return nil }
            switch PinyinScanner.scalarClass(PinyinScanner.halfWidth(written)) {
            case .letter(let form, let isUppercase):
                letters.append(
                    PinyinScanner.Letter(
                        value: form.letter, tone: form.tone, isUppercase: isUppercase,
                        offset: offset))
            case .whitespace, .apostrophe:
                guard closeRun() else { return nil }
            case .digit, .colon, .punctuation, .other:
                return nil
            }
            offset += 1
        }
        guard closeRun(), !syllables.isEmpty else { return nil }
        return syllables
    }

    /// What has been read so far.
    private struct Reader {
        var assembly: Pinyin.Assembly
        /// The letters of the last run, which has not been split yet.
        var letters: [PinyinScanner.Letter] = []
        /// Whether `letters` and the fields after it hold a run that has not been split yet.
        var hasRun = false
        /// Whether letters read now join the last run.
        var runIsOpen = false
        var runToneNumber: Tone?
        var runRange = 0..<0
        /// The separator since the last run.
        var gap = ""
        var gapEndsWithSpace = false

        init(assembly: Pinyin.Assembly) {
            self.assembly = assembly
            letters.reserveCapacity(16)
        }

        mutating func read(_ written: Unicode.Scalar, at offset: Int) throws(PinyinError) {
            switch PinyinScanner.scalarClass(PinyinScanner.halfWidth(written)) {
            case .letter(let form, let isUppercase):
                let letter = PinyinScanner.Letter(
                    value: form.letter, tone: form.tone, isUppercase: isUppercase, offset: offset)
                if runIsOpen {
                    letters.append(letter)
                    runRange = runRange.lowerBound..<(offset + 1)
                } else {
                    try splitRun()
                    assembly.add(gap: gap)
                    gap = ""
                    gapEndsWithSpace = false
                    letters.removeAll(keepingCapacity: true)
                    letters.append(letter)
                    runToneNumber = nil
                    runRange = offset..<(offset + 1)
                    hasRun = true
                    runIsOpen = true
                }
            case .digit(let digit):
                if runIsOpen, let tone = Tone(number: digit) {
                    runToneNumber = tone
                    runRange = runRange.lowerBound..<(offset + 1)
                    runIsOpen = false
                } else if Tone(number: digit) != nil {
                    try fail(.strayToneNumber(Character(written), position: offset))
                } else {
                    try fail(.unexpectedCharacter(Character(written), position: offset))
                }
            case .colon:
                if runIsOpen, let last = letters.last, last.value == "u" {
                    // CC-CEDICT writes ü as `u:` (`lu:4`).
                    letters[letters.count - 1].value = "ü"
                    runRange = runRange.lowerBound..<(offset + 1)
                } else {
                    addToGap(written)
                }
            case .apostrophe:
                runIsOpen = false
            case .whitespace:
                if !gapEndsWithSpace {
                    gap.append(" ")
                    gapEndsWithSpace = true
                }
                runIsOpen = false
            case .punctuation:
                addToGap(written)
            case .other:
                try fail(.unexpectedCharacter(Character(written), position: offset))
            }
        }

        /// Adds punctuation to the gap; it closes the run.
        private mutating func addToGap(_ written: Unicode.Scalar) {
            gap.unicodeScalars.append(written)
            gapEndsWithSpace = false
            runIsOpen = false
        }

        /// Splits the last run, if it has not been split yet.
        private mutating func splitRun() throws(PinyinError) {
            guard hasRun else { return }
            hasRun = false
            // Most runs are one syllable, which needs no run to split.
            if let syllable = PinyinSplitter.wholeSyllable(of: letters, toneNumber: runToneNumber) {
                assembly.add(syllable)
                return
            }
            try assembly.add(
                PinyinScanner.Run(letters: letters, toneNumber: runToneNumber, range: runRange))
        }

        /// Stops at a character that is not pinyin, after the runs before it, as the scan
        /// would report it.
        private mutating func fail(_ problem: PinyinError) throws(PinyinError) {
            try splitRun()
            throw problem
        }

        mutating func finish() throws(PinyinError) -> Pinyin {
            try splitRun()
            assembly.add(gap: gap)
            return try assembly.pinyin()
        }
    }
}
