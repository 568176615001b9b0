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
            // No syllable (or syllable plus erhua r) starts with these letters: stop looking.
            guard SyllableTable.startsSyllable(spelling) else { break }
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

    /// Splits a run into syllable readings in strict mode, or explains why it cannot be read.
    static func split(
        _ run: PinyinScanner.Run, in scan: PinyinScanner.Scan, afterSyllable: Bool
    ) throws(PinyinError) -> [Reading] {
        let count = run.letters.count
        // Penalties dominate; among equal penalties, fewer syllables win (`hen`, not he-n).
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
            throw problem(in: run, scan: scan, reached: costs.map { $0 != nil }, chosen: chosen)
        }
        var result: [Reading] = []
        var end = count
        while end > 0, let reading = chosen[end] {
            result.append(reading)
            end = reading.range.lowerBound
        }
        return result.reversed()
    }

    /// Reads `letters` as exactly one syllable, or returns `nil`.
    private static func reading(
        _ letters: ArraySlice<PinyinScanner.Letter>, toneNumber: Tone?
    ) -> Reading? {
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

    /// The error for a run that has no reading: the stretch from where reading got stuck.
    private static func problem(
        in run: PinyinScanner.Run, scan: PinyinScanner.Scan, reached: [Bool], chosen: [Reading?]
    ) -> PinyinError {
        var stuck = reached.lastIndex(of: true) ?? 0
        // Letters that failed only because a vowel cannot start a syllable there belong with the
        // syllable before them (`lue4` is one bad syllable, not lu plus a bad `e4`).
        if stuck < run.letters.count, "aoeêiuü".contains(run.letters[stuck].value),
            let previous = chosen[stuck]
        {
            stuck = previous.range.lowerBound
        }
        let start = stuck < run.letters.count ? run.letters[stuck].offset : run.range.lowerBound
        let fragment = scan.text(start, run.range.upperBound)
        if let toneNumber = run.toneNumber,
            run.letters[stuck...].contains(where: { $0.tone != nil && $0.tone != toneNumber })
        {
            return .conflictingTones(fragment, position: start)
        }
        return .notASyllable(fragment, position: start)
    }
}
