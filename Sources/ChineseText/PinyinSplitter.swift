/// Splits a run of letters into syllables, choosing the reading a pinyin writer meant.
///
/// Every way to read a syllable from a position is a ``Reading``; dynamic programming over the
/// positions of the run picks the cheapest chain, so the work grows linearly with the run. Readings
/// cost more when they go against pinyin orthography: a syllable starting with a, o or e inside a
/// word needs an apostrophe (`xi'an`, `fang'an`), so `xian` reads as one syllable and `fangan` as
/// fan-gan; interjections such as `n` and `m` almost never sit inside a word; an erhua `r` is
/// taken only when no syllable explains the letters; a tone mark on the wrong vowel is accepted,
/// at a small cost.
enum PinyinSplitter {
    /// One way to read letters `range` of a run.
    struct Reading: Sendable {
        /// The letters read, as indices into the run's letters.
        var range: Range<Int>
        /// The syllable read, or `nil` for a lone erhua `r` written apart (`dian3 r5`).
        var syllable: PinyinSyllable?
        /// How far the reading goes against orthography; 0 for a normal syllable.
        var penalty: Int
    }

    /// Every syllable (and lone erhua `r`) that can be read from `start` in `run`.
    ///
    /// In `strict` mode, a syllable starting with a vowel may follow another syllable of the run
    /// only where the boundary is clear without an apostrophe: after n, g or r, or next to a tone
    /// mark (`tiananmen`, `xīān`). That keeps `lue4` from reading as lu-è.
    static func readings(
        in run: PinyinScanner.Run, from start: Int, strict: Bool, afterSyllable: Bool
    ) -> [Reading] {
        var readings: [Reading] = []
        forEachReading(in: run, from: start, strict: strict, afterSyllable: afterSyllable) {
            readings.append($0)
        }
        return readings
    }

    /// Calls `body` with each reading that ``readings(in:from:strict:afterSyllable:)`` returns,
    /// in the same order, without collecting them.
    private static func forEachReading(
        in run: PinyinScanner.Run, from start: Int, strict: Bool, afterSyllable: Bool,
        _ body: (Reading) -> Void
    ) {
        let letters = run.letters
        if afterSyllable, start == 0, letters.first?.value == "r", letters.first?.tone == nil {
            body(Reading(range: 0..<1, syllable: nil, penalty: 2))
        }
        let longest = min(letters.count, start + SyllableTable.longestSpelling + 1)
        guard start < longest else { return }
        // The letters read so far, as a node of the tree of beginnings, and their tone marks.
        let tree = SyllableTable.beginningTree
        var node = SyllableTable.BeginningTree.root
        var marks = 0
        var markPosition = 0
        var markTone: Tone?
        for end in (start + 1)...longest {
            let letter = letters[end - 1]
            // No syllable (or syllable plus erhua r) starts with these letters: stop looking.
            guard let next = tree.node(after: node, letter.value) else { break }
            node = next
            if let tone = letter.tone {
                marks += 1
                if marks == 1 {
                    markPosition = end - 1 - start
                    markTone = tone
                }
            }
            let toneNumber = end == letters.count ? run.toneNumber : nil
            guard let shape = tree.shapes[node], marks <= 1,
                var penalty = penalty(
                    of: shape, toneNumber: toneNumber, markTone: markTone,
                    markPosition: markPosition)
            else { continue }
            if start > 0, shape.startsWithVowel {
                let previous = letters[start - 1]
                let clearBoundary =
                    previous.value == "n" || previous.value == "g" || previous.value == "r"
                    || previous.tone != nil || marks > 0
                if strict, !clearBoundary {
                    continue
                }
                penalty += 2
            }
            if end - start < letters.count, shape.isInterjection {
                penalty += 3
            }
            let syllable = PinyinSyllable(
                checkedLetters: shape.spelling, tone: markTone ?? toneNumber ?? .neutral,
                isErhua: shape.isErhua, isCapitalized: letters[start].isUppercase)
            body(Reading(range: start..<end, syllable: syllable, penalty: penalty))
        }
    }

    /// The penalty of reading letters of `shape` with the tone mark (if any) at `markPosition`,
    /// or `nil` if the mark cannot stand there or disagrees with the tone number.
    private static func penalty(
        of shape: SyllableTable.Shape, toneNumber: Tone?, markTone: Tone?, markPosition: Int
    ) -> Int? {
        if let toneNumber, let markTone, toneNumber != markTone {
            return nil
        }
        var penalty = shape.isErhua ? 1 : 0
        if markTone != nil {
            guard markPosition < 16, shape.markablePositions & (1 << markPosition) != 0 else {
                return nil
            }
            if markPosition != shape.standardMarkPosition {
                penalty += 1
            }
        }
        return penalty
    }

    /// Splits a run into syllable readings in strict mode, passing them to `body` in order, or
    /// explains why it cannot be read.
    static func split(
        _ run: PinyinScanner.Run, in source: PinyinScanner.SourceText, afterSyllable: Bool,
        _ body: (Reading) -> Void
    ) throws(PinyinError) {
        if let whole = wholeSyllable(run) {
            body(whole)
            return
        }
        let count = run.letters.count
        // The cheapest cost of reading the letters up to each position, and where the last
        // reading of that cheapest chain starts; `unreached` where no chain gets. The tables
        // live on the stack: a deck parses tens of thousands of runs.
        let unreached = -1
        let problem = withUnsafeTemporaryAllocation(of: Int.self, capacity: count + 1) {
            costs in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: count + 1) {
                starts -> PinyinError? in
                costs.initialize(repeating: unreached)
                starts.initialize(repeating: unreached)
                costs[0] = 0
                // Penalties dominate; among equal penalties, fewer syllables win (`hen`, not
                // he-n).
                for start in 0..<count where costs[start] != unreached {
                    let cost = costs[start]
                    forEachReading(
                        in: run, from: start, strict: true, afterSyllable: afterSyllable
                    ) { reading in
                        let end = reading.range.upperBound
                        let total = cost + reading.penalty * 1_000 + 1
                        if costs[end] != unreached, costs[end] <= total {
                            return
                        }
                        costs[end] = total
                        starts[end] = reading.range.lowerBound
                    }
                }
                guard costs[count] != unreached else {
                    let lastReached = costs.lastIndex { $0 != unreached } ?? 0
                    let startBefore = starts[lastReached] == unreached ? nil : starts[lastReached]
                    return Self.problem(
                        in: run, source: source, lastReached: lastReached,
                        startBefore: startBefore)
                }
                // The ends of the chosen readings, last first, in place of the costs.
                var chain = 0
                var end = count
                while end > 0 {
                    costs[chain] = end
                    chain += 1
                    end = starts[end]
                }
                // A reading is known by where it starts and ends, so reading again from each
                // start finds the one chosen.
                for link in (0..<chain).reversed() {
                    let end = costs[link]
                    forEachReading(
                        in: run, from: starts[end], strict: true, afterSyllable: afterSyllable
                    ) { reading in
                        if reading.range.upperBound == end {
                            body(reading)
                        }
                    }
                }
                return nil
            }
        }
        if let problem {
            throw problem
        }
    }

    /// The run read as one syllable that goes against no rule, if it is one.
    ///
    /// Most runs are such a syllable, and no split can beat it: every reading adds to the cost,
    /// and this one adds the least, so the dynamic programming is not needed.
    private static func wholeSyllable(_ run: PinyinScanner.Run) -> Reading? {
        wholeSyllable(of: run.letters, toneNumber: run.toneNumber).map {
            Reading(range: 0..<run.letters.count, syllable: $0, penalty: 0)
        }
    }

    /// The syllable of ``wholeSyllable(_:)`` for a run of `letters` and `toneNumber`.
    static func wholeSyllable(
        of letters: [PinyinScanner.Letter], toneNumber: Tone?
    ) -> PinyinSyllable? {
        guard letters.count <= SyllableTable.longestSpelling + 1 else { return nil }
        let tree = SyllableTable.beginningTree
        var node = SyllableTable.BeginningTree.root
        var marks = 0
        var markPosition = 0
        var markTone: Tone?
        for (position, letter) in letters.enumerated() {
            guard let next = tree.node(after: node, letter.value) else { return nil }
            node = next
            if let tone = letter.tone {
                marks += 1
                markPosition = position
                markTone = tone
            }
        }
        guard let shape = tree.shapes[node], marks <= 1, let first = letters.first,
            penalty(
                of: shape, toneNumber: toneNumber, markTone: markTone,
                markPosition: markPosition) == 0
        else { return nil }
        return PinyinSyllable(
            checkedLetters: shape.spelling, tone: markTone ?? toneNumber ?? .neutral,
            isErhua: shape.isErhua, isCapitalized: first.isUppercase)
    }

    /// The error for a run that has no reading: the stretch from where reading got stuck.
    ///
    /// `lastReached` is the last position a chain of readings gets to, and `startBefore` where
    /// the last reading of that chain starts.
    private static func problem(
        in run: PinyinScanner.Run, source: PinyinScanner.SourceText, lastReached: Int,
        startBefore: Int?
    ) -> PinyinError {
        var stuck = lastReached
        // Letters that failed only because a vowel cannot start a syllable there belong with the
        // syllable before them (`lue4` is one bad syllable, not lu plus a bad `e4`).
        if stuck < run.letters.count, "aoeêiuü".unicodeScalars.contains(run.letters[stuck].value),
            let startBefore
        {
            stuck = startBefore
        }
        let start = stuck < run.letters.count ? run.letters[stuck].offset : run.range.lowerBound
        let fragment = source.fragment(start, run.range.upperBound)
        if let toneNumber = run.toneNumber,
            run.letters[stuck...].contains(where: { $0.tone != nil && $0.tone != toneNumber })
        {
            return .conflictingTones(fragment, position: start)
        }
        return .notASyllable(fragment, position: start)
    }
}
