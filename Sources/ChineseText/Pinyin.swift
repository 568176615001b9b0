/// A word or sentence in Hanyu Pinyin: its syllables and the spaces and punctuation between them.
///
/// Parsing accepts every spelling in common use and keeps the writer's word breaks and
/// punctuation, so converting a deck's numbered pinyin to tone marks changes nothing else:
///
/// ```swift
/// try Pinyin(parsing: "Qing3 wen4, zhe4 ge5 duo1shao5 qian2?").toneMarked
/// // "Qǐng wèn, zhè ge duōshao qián?"
/// ```
public struct Pinyin: Hashable, Sendable, CustomStringConvertible {
    /// How tones are written.
    public enum Notation: Hashable, Sendable {
        /// Marks above the vowels, neutral tone unmarked: `nǚ'ér`.
        case toneMarks
        /// A number after each syllable, 5 for the neutral tone: `nü3er2`.
        case toneNumbers
    }

    /// How syllables are spaced.
    public enum Spacing: Hashable, Sendable {
        /// Spaces and punctuation as they were written.
        case asWritten
        /// One space between syllables, punctuation kept: `nǐ hǎo`.
        case bySyllable
        /// No spaces, punctuation kept: `nǐhǎo`.
        case joined
    }

    /// The syllables, in order.
    public let syllables: [PinyinSyllable]

    /// The separators before, between and after the syllables (one more than the syllables):
    /// single spaces and punctuation; never apostrophes, which are written back where needed.
    let separators: [String]

    /// The syllables ``init(parsing:)`` reads from `text`, without making the ``Pinyin`` value.
    ///
    /// Only for the common case: letters with tone marks or none, spaces and apostrophes
    /// (`zhī fù`, `zhīfù`, `Xī'ān`). `nil` for other text (tone numbers, `u:`, punctuation,
    /// anything that is not pinyin), which only ``init(parsing:)`` can read or refuse.
    public static func markedSyllables(in text: String) -> [PinyinSyllable]? {
        PlainPinyinParser.markedSyllables(of: text)
    }

    /// Reads pinyin written with tone marks or tone numbers, in any case, with or without spaces.
    ///
    /// Accepted: tone marks (precomposed or combining; a breve counts as a caron), tone numbers
    /// 1–5 and 0, neutral tone as 5, 0 or nothing; ü as `ü`, `v` or `u:`; apostrophes (`Xī'ān`);
    /// erhua merged (`diǎnr`, `dianr3`, `dian3r`) or apart (`dian3 r5`), which joins the syllable
    /// before; full-width letters and digits from an input method; spaces and punctuation, which are
    /// kept. Letters written together are split into syllables as pinyin orthography reads them.
    public init(parsing text: String) throws(PinyinError) {
        if let pinyin = try PlainPinyinParser.parse(text) {
            self = pinyin
            return
        }
        let scan = PinyinScanner.scan(text)
        var assembly = Assembly(source: scan.source, runs: scan.runs.count)
        for (index, run) in scan.runs.enumerated() {
            assembly.add(gap: scan.gaps[index])
            if let problem = run.problem {
                throw problem
            }
            try assembly.add(run)
        }
        assembly.add(gap: scan.gaps[scan.runs.count])
        self = try assembly.pinyin()
    }

    /// Syllables and separators put together run by run, as the scan reads them.
    struct Assembly {
        /// The text read, for problems.
        let source: PinyinScanner.SourceText
        private var syllables: [PinyinSyllable] = []
        private var separators: [String] = []
        /// The separator before the next syllable.
        private var pendingSeparator = ""

        /// Starts an assembly of `source`, which has about `runs` runs of letters.
        init(source: PinyinScanner.SourceText, runs: Int) {
            self.source = source
            // Most runs are one syllable.
            syllables.reserveCapacity(runs)
            separators.reserveCapacity(runs + 1)
        }

        /// Adds the separator between the last run and the next.
        mutating func add(gap: String) {
            if !gap.isEmpty {
                pendingSeparator += gap
            }
        }

        /// Adds the syllables of a run of letters.
        mutating func add(_ run: PinyinScanner.Run) throws(PinyinError) {
            let canTakeErhua = syllables.last.map { !$0.isErhua } ?? false
            try PinyinSplitter.split(run, in: source, afterSyllable: canTakeErhua) { reading in
                if let syllable = reading.syllable {
                    add(syllable)
                    return
                }
                if let last = syllables.last {
                    // A lone `r` is the erhua of the syllable before it.
                    syllables[syllables.count - 1] = last.settingErhua(true)
                }
                pendingSeparator = ""
            }
        }

        /// Adds a syllable read from the letters.
        mutating func add(_ syllable: PinyinSyllable) {
            separators.append(pendingSeparator)
            syllables.append(syllable)
            pendingSeparator = ""
        }

        /// The pinyin assembled, with no space before it or after it.
        mutating func pinyin() throws(PinyinError) -> Pinyin {
            guard !syllables.isEmpty else { throw .empty }
            separators.append(pendingSeparator)
            separators[0] = separators[0].trimmingSpaces
            separators[separators.count - 1] = separators[separators.count - 1].trimmingSpaces
            return Pinyin(syllables: syllables, separators: separators)
        }
    }

    /// Makes one word from `syllables`, or returns `nil` if there are none.
    public init?(syllables: [PinyinSyllable]) {
        guard !syllables.isEmpty else { return nil }
        self.init(
            syllables: syllables, separators: Array(repeating: "", count: syllables.count + 1))
    }

    init(syllables: [PinyinSyllable], separators: [String]) {
        self.syllables = syllables
        self.separators = separators
    }

    /// The pinyin with tone marks, spaced and punctuated as written: `Nǐ hǎo`, `Xī'ān`.
    public var toneMarked: String { written(.toneMarks) }

    /// The pinyin with tone numbers, spaced and punctuated as written: `Ni3 hao3`, `Xi1an1`.
    public var toneNumbered: String { written(.toneNumbers) }

    /// The tones of the syllables, in order.
    public var tones: [Tone] { syllables.map(\.tone) }

    /// The tone-marked spelling.
    public var description: String { toneMarked }

    /// The pinyin in the given notation and spacing.
    ///
    /// With tone marks, an apostrophe goes before a syllable starting with a, o or e that follows
    /// another syllable of the same word (`fāng'àn`); tone numbers already mark the boundary.
    public func written(_ notation: Notation, spacing: Spacing = .asWritten) -> String {
        rendered(notation, spacing: spacing) { _, text in text }
    }

    /// Writes the pinyin, passing each syllable's text through `style` (to colour it, say).
    func rendered(
        _ notation: Notation, spacing: Spacing,
        style: (PinyinSyllable, String) -> String
    ) -> String {
        var text = separators[0].spaced(spacing, between: false)
        for (index, syllable) in syllables.enumerated() {
            let separator = separators[index].spaced(spacing, between: index > 0)
            if index > 0 {
                text += separator
                if notation == .toneMarks, separator.isEmpty, syllable.startsWithVowel {
                    text += "'"
                }
            }
            let spelling =
                notation == .toneMarks ? syllable.toneMarked : syllable.toneNumbered
            text += style(syllable, spelling)
        }
        return text + separators[syllables.count].spaced(spacing, between: false)
    }

    /// The same pinyin with the given tones, syllable by syllable.
    func replacingTones(with tones: [Tone]) -> Pinyin {
        let changed = zip(syllables, tones).map { $0.replacingTone(with: $1) }
        return Pinyin(syllables: changed, separators: separators)
    }

    /// Whether punctuation stands between syllable `index` and the next, ending a phrase.
    func hasPunctuation(after index: Int) -> Bool {
        separators[index + 1].contains { !$0.isWhitespace }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        // Most separators are empty or have no space at either end: nothing to copy.
        guard let first, let last, first.isWhitespace || last.isWhitespace else { return self }
        return String(
            drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The separator rewritten for `spacing`; `between` is false before the first syllable and
    /// after the last.
    fileprivate func spaced(_ spacing: Pinyin.Spacing, between: Bool) -> String {
        switch spacing {
        case .asWritten:
            self
        case .joined:
            filter { !$0.isWhitespace }
        case .bySyllable:
            filter { !$0.isWhitespace } + (between ? " " : "")
        }
    }
}
