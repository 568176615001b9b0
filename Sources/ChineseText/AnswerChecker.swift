/// Checks typed pinyin against the expected answer, syllable by syllable.
///
/// The typed text may use any spelling ``Pinyin/init(parsing:)`` accepts, any spacing and case.
/// Splitting and comparing happen together: dynamic programming over (position in the typed text,
/// syllable of the answer) finds the reading of the typed letters that lines up best with the
/// answer. Where the typed letters are pinyin, they are split where pinyin orthography splits
/// them, as a reader would read them: a syllable starting with a, o or e inside a word needs an
/// apostrophe, a tone number or a tone mark before it, so `xian1` is one syllable (先 xiān), a
/// wrong syllable and a missing one against 西安 xī'ān, and `fangan` is fan-gan against fāng'àn;
/// `xi'an`, `xi1an1` and `xīān` are two. ``AnswerCheck/readsAsOtherSyllables`` tells such an
/// answer apart. `u` is never accepted for `ü`: lu and lü are different syllables.
public enum AnswerChecker {
    /// How strict the checker is about tones that speakers and dictionaries vary on.
    public struct Options: Hashable, Sendable {
        /// What a neutral-tone syllable accepts.
        public enum NeutralTone: Hashable, Sendable {
            /// Only the neutral tone (5, 0 or no number).
            case mustBeNeutral
            /// Any tone, since dictionaries disagree on neutral tones (xièxie, xièxiè).
            case anyToneAccepted
        }

        /// Whether tones written as spoken after tone sandhi count as right.
        public enum Sandhi: Hashable, Sendable {
            /// Only citation tones: nǐ hǎo, bù shì, yī gè.
            case citationOnly
            /// Spoken tones too: ní hǎo, bú shì, yí gè (一 and 不 only when the hanzi are given).
            case spokenAccepted
        }

        /// What a neutral-tone syllable accepts.
        public var neutralTone: NeutralTone
        /// Whether spoken (sandhi) tones count as right.
        public var sandhi: Sandhi

        /// Makes options; the defaults accept any tone on neutral syllables and spoken tones.
        public init(neutralTone: NeutralTone = .anyToneAccepted, sandhi: Sandhi = .spokenAccepted) {
            self.neutralTone = neutralTone
            self.sandhi = sandhi
        }

        /// Citation tones only, and neutral tones must be typed neutral.
        public static let strict = Options(neutralTone: .mustBeNeutral, sandhi: .citationOnly)
    }

    /// Checks `typed` against `expected` and any `alternatives`, and reports the closest match.
    ///
    /// `hanzi` is the written word, when known; it lets the checker find 一 and 不 for their tone
    /// sandhi, since yī and bù can belong to other characters.
    public static func check(
        typed: String, expected: Pinyin, alternatives: [Pinyin] = [], hanzi: String? = nil,
        options: Options = Options()
    ) -> AnswerCheck {
        let lattice = Lattice(PinyinScanner.scan(typed))
        let problem: PinyinError?
        let reading: Pinyin?
        do {
            reading = try Pinyin(parsing: typed)
            problem = nil
        } catch {
            reading = nil
            problem = error
        }
        func compared(with answer: Pinyin) -> (check: AnswerCheck, rank: Int, cost: Int) {
            let spoken = ToneSandhi.spokenTones(of: answer, hanzi: hanzi)
            let (results, cost) = align(lattice, with: answer.syllables, spoken: spoken, options)
            let verdict = verdict(of: results)
            let check = AnswerCheck(
                verdict: verdict, syllables: results, expected: answer, typedProblem: problem,
                typedReading: reading)
            return (check, rank(verdict), cost)
        }
        var best = compared(with: expected)
        for alternative in alternatives {
            let candidate = compared(with: alternative)
            if (candidate.rank, candidate.cost) < (best.rank, best.cost) {
                best = candidate
            }
        }
        return best.check
    }

    // MARK: - Verdict

    private static func verdict(of results: [SyllableCheck]) -> AnswerCheck.Verdict {
        var tonesWrong = false
        for result in results {
            switch result {
            case .correct, .tolerated: continue
            case .wrongTone: tonesWrong = true
            case .wrongSyllable, .missing, .extra: return .wrong
            }
        }
        return tonesWrong ? .tonesOnly : .correct
    }

    private static func rank(_ verdict: AnswerCheck.Verdict) -> Int {
        switch verdict {
        case .correct: 0
        case .tonesOnly: 1
        case .wrong: 2
        }
    }

    // MARK: - Alignment

    /// What each kind of difference costs; a wrong syllable is cheaper than a missing plus an
    /// extra one, so a substitution is reported as such.
    private enum Cost {
        static let tolerated = 1
        static let wrongTone = 10
        static let missing = 20
        static let extra = 20
        static let wrongSyllable = 25
        /// Text that is not pinyin at all (a hanzi, an emoji) is one unit and costs little extra.
        static let unreadable = 1
        /// Letters cut out of a pinyin run as unreadable cost more, so that `fan1gan4` reads as
        /// two wrong syllables rather than `g` plus `an4`.
        static let unreadableLetters = 8
    }

    /// One way to read a piece of the typed text.
    private struct Piece {
        enum Kind {
            case syllable(PinyinSyllable)
            case erhua
            case unreadable
        }

        var kind: Kind
        var end: Int
        var text: String
        var penalty: Int
    }

    /// Every piece that can be read from each position of the typed text.
    ///
    /// Positions count letters across runs; a stretch that is not pinyin takes one position.
    private struct Lattice {
        /// Unreadable pieces inside a run are at most this long; longer ones chain.
        static let longestUnreadable = 12

        var pieces: [[Piece]] = [[]]

        init(_ scan: PinyinScanner.Scan) {
            for (index, run) in scan.runs.enumerated() {
                let base = pieces.count - 1
                guard run.problem == nil else {
                    let text = scan.text(run.range.lowerBound, run.range.upperBound)
                    pieces[base].append(
                        Piece(
                            kind: .unreadable, end: base + 1, text: text, penalty: Cost.unreadable))
                    pieces.append([])
                    continue
                }
                let letters = run.letters
                pieces.append(contentsOf: Array(repeating: [], count: letters.count))
                // Where orthography splits the run: a syllable must start and end there. A run
                // that is not pinyin as a whole may be read any way (a misspelt syllable).
                var boundaries: Set<Int>? = [0]
                do {
                    try PinyinSplitter.split(run, in: scan.source, afterSyllable: index > 0) {
                        boundaries?.insert($0.range.upperBound)
                    }
                } catch {
                    boundaries = nil
                }
                func text(_ start: Int, _ end: Int) -> String {
                    let upper = end < letters.count ? letters[end].offset : run.range.upperBound
                    return scan.text(letters[start].offset, upper)
                }
                for start in letters.indices {
                    let readings = PinyinSplitter.readings(
                        in: run, from: start, strict: false, afterSyllable: index > 0)
                    for reading in readings {
                        let end = reading.range.upperBound
                        if let boundaries, !boundaries.contains(start) || !boundaries.contains(end)
                        {
                            continue
                        }
                        let kind = reading.syllable.map(Piece.Kind.syllable) ?? .erhua
                        pieces[base + start].append(
                            Piece(
                                kind: kind, end: base + end, text: text(start, end),
                                penalty: reading.penalty))
                    }
                    for end in (start + 1)...min(letters.count, start + Self.longestUnreadable) {
                        pieces[base + start].append(
                            Piece(
                                kind: .unreadable, end: base + end, text: text(start, end),
                                penalty: Cost.unreadableLetters))
                    }
                }
            }
        }
    }

    /// The cheapest way to line the typed pieces up with `expected`, and its cost.
    private static func align(
        _ lattice: Lattice, with expected: [PinyinSyllable], spoken: [Tone], _ options: Options
    ) -> (results: [SyllableCheck], cost: Int) {
        let width = expected.count + 1
        let last = lattice.pieces.count * width - 1
        var costs = Array(repeating: Int.max, count: last + 1)
        var steps: [(from: Int, results: [SyllableCheck])?] = Array(repeating: nil, count: last + 1)
        costs[0] = 0

        // States are visited in reading order; on a tie, `orLater` lets the later path win, which
        // puts a missing syllable after the typed text rather than before it (你好 for nǐ hǎo
        // is a wrong nǐ and a missing hǎo).
        func relax(
            _ from: Int, to: Int, adding cost: Int, _ results: [SyllableCheck],
            orLater: Bool = false
        ) {
            let total = costs[from] + cost
            if total < costs[to] || (orLater && total == costs[to]) {
                costs[to] = total
                steps[to] = (from, results)
            }
        }

        func compare(_ typed: Tone, _ index: Int) -> (SyllableCheck, Int) {
            let syllable = expected[index]
            if typed == syllable.tone {
                return (.correct(syllable), 0)
            }
            if syllable.tone == .neutral, options.neutralTone == .anyToneAccepted {
                return (
                    .tolerated(expected: syllable, typed: typed, because: .neutralTone),
                    Cost.tolerated
                )
            }
            if typed == spoken[index], options.sandhi == .spokenAccepted {
                return (
                    .tolerated(expected: syllable, typed: typed, because: .spokenTone),
                    Cost.tolerated
                )
            }
            return (.wrongTone(expected: syllable, typed: typed), Cost.wrongTone)
        }

        for position in lattice.pieces.indices {
            for index in 0..<width {
                let state = position * width + index
                guard costs[state] != .max else { continue }
                let hasExpected = index < expected.count
                if hasExpected {
                    relax(
                        state, to: state + 1, adding: Cost.missing, [.missing(expected[index])],
                        orLater: true)
                }
                for piece in lattice.pieces[position] {
                    let next = piece.end * width + index
                    relax(state, to: next, adding: Cost.extra + piece.penalty, [.extra(piece.text)])
                    guard hasExpected else { continue }
                    let syllable = expected[index]
                    guard case .syllable(let typed) = piece.kind else {
                        relax(
                            state, to: next + 1, adding: Cost.wrongSyllable + piece.penalty,
                            [.wrongSyllable(expected: syllable, typed: piece.text)])
                        continue
                    }
                    if typed.hasSameLetters(as: syllable) {
                        let (result, cost) = compare(typed.tone, index)
                        relax(state, to: next + 1, adding: cost + piece.penalty, [result])
                    } else {
                        relax(
                            state, to: next + 1, adding: Cost.wrongSyllable + piece.penalty,
                            [.wrongSyllable(expected: syllable, typed: piece.text)])
                    }
                    // Erhua typed apart (`dian3 r5`, `dian3 er5`) for a merged diǎnr.
                    if syllable.isErhua, !typed.isErhua, typed.letters == syllable.letters {
                        for suffix in lattice.pieces[piece.end] where isErhuaSuffix(suffix) {
                            let (result, cost) = compare(typed.tone, index)
                            relax(
                                state, to: suffix.end * width + index + 1,
                                adding: cost + piece.penalty + suffix.penalty, [result])
                        }
                    }
                    // Erhua typed merged (`nar4`) where the answer writes the r apart (nà er).
                    if typed.isErhua, !syllable.isErhua, typed.letters == syllable.letters,
                        index + 1 < expected.count, isErhuaSuffix(expected[index + 1])
                    {
                        let (result, cost) = compare(typed.tone, index)
                        relax(
                            state, to: next + 2, adding: cost + piece.penalty,
                            [result, .correct(expected[index + 1])])
                    }
                }
            }
        }

        var results: [SyllableCheck] = []
        var state = last
        while state > 0, let step = steps[state] {
            results.insert(contentsOf: step.results, at: 0)
            state = step.from
        }
        return (results, costs[last])
    }

    private static func isErhuaSuffix(_ piece: Piece) -> Bool {
        switch piece.kind {
        case .erhua: true
        case .syllable(let syllable): isErhuaSuffix(syllable)
        case .unreadable: false
        }
    }

    /// Whether the syllable is a neutral-tone `er` standing for erhua.
    private static func isErhuaSuffix(_ syllable: PinyinSyllable) -> Bool {
        syllable.letters == "er" && !syllable.isErhua && syllable.tone == .neutral
    }
}
