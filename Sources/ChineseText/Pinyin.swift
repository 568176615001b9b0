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

    /// Reads pinyin written with tone marks or tone numbers, in any case, with or without spaces.
    ///
    /// Accepted: tone marks (precomposed or combining; a breve counts as a caron), tone numbers
    /// 1–5 and 0, neutral tone as 5, 0 or nothing; ü as `ü`, `v` or `u:`; apostrophes (`Xī'ān`);
    /// erhua merged (`diǎnr`, `dianr3`, `dian3r`) or apart (`dian3 r5`), which joins the syllable
    /// before; full-width letters and digits from an input method; spaces and punctuation, which are
    /// kept. Letters written together are split into syllables as pinyin orthography reads them.
    public init(parsing text: String) throws(PinyinError) {
        let scan = PinyinScanner.scan(text)
        var syllables: [PinyinSyllable] = []
        var separators: [String] = []
        var pendingSeparator = scan.gaps.first ?? ""
        for (index, run) in scan.runs.enumerated() {
            if let problem = run.problem {
                throw problem
            }
            let canTakeErhua = syllables.last.map { !$0.isErhua } ?? false
            let readings = try PinyinSplitter.split(run, in: scan, afterSyllable: canTakeErhua)
            for reading in readings {
                if let syllable = reading.syllable {
                    separators.append(pendingSeparator)
                    syllables.append(syllable)
                } else if let last = syllables.last {
                    // A lone `r` is the erhua of the syllable before it.
                    syllables[syllables.count - 1] = last.settingErhua(true)
                }
                pendingSeparator = ""
            }
            pendingSeparator += scan.gaps[index + 1]
        }
        guard !syllables.isEmpty else { throw .empty }
        separators.append(pendingSeparator)
        separators[0] = separators[0].trimmingSpaces
        separators[separators.count - 1] = separators[separators.count - 1].trimmingSpaces
        self.init(syllables: syllables, separators: separators)
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
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
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
