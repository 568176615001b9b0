/// A word the cohort gets wrong, by kind of mistake, with what a trainer should do about it.
public struct WordMistakes: Hashable, Sendable {
    /// The word's deck and note.
    public let note: NoteKey
    /// How it looks (the key alone when the word is not known here).
    public let label: WordLabel
    /// Typed pinyin answers with the right syllables and a wrong tone.
    public internal(set) var toneSlips = 0
    /// Typed pinyin answers with a wrong, missing or extra syllable.
    public internal(set) var wrongSyllables = 0
    /// Answers Again to its reading and writing cards after their first answer.
    public internal(set) var forgotten = 0
    /// Every answer to its cards.
    public internal(set) var answers = 0
    /// Associates who made at least one of these mistakes.
    public internal(set) var associates = 0

    /// Every mistake counted.
    public var mistakes: Int { toneSlips + wrongSyllables + forgotten }

    /// What the counts advise: tones when tone slips outnumber every other mistake together.
    public var advice: Advice {
        toneSlips > wrongSyllables + forgotten ? .drillTones : .teachAgain
    }

    /// What a trainer should do about a word.
    public enum Advice: String, Hashable, Sendable, CustomStringConvertible {
        /// The word is known but its tones are not: drill the tones.
        case drillTones = "drill-tones"
        /// The word itself is not known: teach it again.
        case teachAgain = "teach-again"

        /// The advice in words.
        public var description: String {
            switch self {
            case .drillTones: "drill tones"
            case .teachAgain: "teach again"
            }
        }
    }

    init(note: NoteKey, label: WordLabel?) {
        self.note = note
        self.label = label ?? WordLabel(hanzi: note.note, pinyin: "", english: "")
    }

    /// The words of `timelines` with at least one mistake, most mistakes first (then most
    /// associates, then by deck and note), at most `count`.
    static func ranked(
        _ timelines: [CardTimeline], words: [NoteKey: WordLabel], count: Int
    ) -> [WordMistakes] {
        var tally: [NoteKey: WordMistakes] = [:]
        for timeline in timelines {
            var mistaken: Set<NoteKey> = []
            for event in timeline.events {
                let note = event.answer.note
                var word = tally[note] ?? WordMistakes(note: note, label: words[note])
                word.answers += 1
                var isMistake = true
                switch (event.answer.side, event.answer.verdict) {
                case (.pinyin, .tonesOnly?): word.toneSlips += 1
                case (.pinyin, .wrong?): word.wrongSyllables += 1
                case (.recognition, _), (.production, _):
                    if event.answer.rating == .again && event.phaseBefore != .new {
                        word.forgotten += 1
                    } else {
                        isMistake = false
                    }
                default: isMistake = false
                }
                if isMistake { mistaken.insert(note) }
                tally[note] = word
            }
            for note in mistaken { tally[note]?.associates += 1 }
        }
        return tally.values.filter { $0.mistakes > 0 }
            .sorted {
                ($1.mistakes, $1.associates, $0.note) < ($0.mistakes, $0.associates, $1.note)
            }
            .prefix(count).map { $0 }
    }
}
