import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// Compares SM-2 with real Anki 26.9.3, answer by answer (`Fixtures/sm2_anki.csv` and
/// `Fixtures/sm2_anki_fuzz.csv`, written by `Scripts/anki_sm2/generate.py`).
@Suite struct SM2AnkiFixtureTests {
    /// The first answer's time: not a whole millisecond, as `Date()` is, so that days must be
    /// counted exactly for every answer to come on time.
    static let start = Date.utc(2026, 12, 6, 15, 26, 24).addingTimeInterval(0.456_789_1)

    static var unfuzzed: SM2Scheduler {
        var scheduler = SM2Scheduler()
        scheduler.fuzzesIntervals = false
        return scheduler
    }

    @Test func everyAnswerOfEverySequenceMatchesAnki() throws {
        let sequences = try AnkiAnswer.loadSequences()
        // 4^3 + 4^4 + 4^5 + 4^6 sequences of 3-6 answers, and the issue's 63 longer ones.
        #expect(sequences.count == 5_503)
        #expect(sequences.filter { (3...6).contains($0.ratings.count) }.count == 5_440)
        #expect(sequences.reduce(0) { $0 + $1.answers.count } == 31_496)

        var mismatches: [String] = []
        for sequence in sequences {
            var generator = SeededGenerator(seed: 1)
            var card = CardState.new
            var time = Self.start
            for (rating, expected) in zip(sequence.ratings, sequence.answers) {
                let outcome = Self.unfuzzed.review(
                    card, rating: rating, at: time, using: &generator)
                card = outcome.card
                time = try #require(card.due)
                let got = AnkiAnswer(
                    phase: card.phase, next: outcome.interval, memory: card.memory)
                if got != expected {
                    mismatches.append(
                        "\(sequence.name) answer \(expected.number): \(got) ≠ \(expected)")
                }
            }
        }
        #expect(
            mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(10))")
    }

    @Test(arguments: [
        // The issue's examples: answer, Anki's interval in days.
        ("4444444", 7, 10_710), ("33333333333", 11, 4_895), ("413433", 6, 25),
        ("4414143", 7, 5), ("42434", 5, 123),
    ])
    func theIssuesExamples(sequence: String, answer: Int, days: Int) throws {
        var generator = SeededGenerator(seed: 1)
        var card = CardState.new
        var time = Self.start
        var last: ReviewOutcome?
        for character in sequence.prefix(answer) {
            let rating = try #require(Int(String(character)).flatMap(Rating.init(rawValue:)))
            last = Self.unfuzzed.review(card, rating: rating, at: time, using: &generator)
            card = try #require(last?.card)
            time = try #require(card.due)
        }
        #expect(last?.interval == .days(days))
    }

    /// With fuzz on, every review and graduating interval lies in the range Anki would fuzz
    /// it to, for many seeds.
    @Test func fuzzedIntervalsLieInAnkisFuzzRange() throws {
        struct Question: Hashable {
            let phase: Phase
            let interval: Int
            let ease: Int
            let rating: Rating
        }
        var questions = Set<Question>()
        for sequence in try AnkiAnswer.loadSequences() {
            var before = (phase: Phase.new, interval: 0, ease: 0)
            for (rating, answer) in zip(sequence.ratings, sequence.answers) {
                if case .days = answer.next, rating != .again || before.phase == .review {
                    questions.insert(
                        Question(
                            phase: before.phase, interval: before.interval, ease: before.ease,
                            rating: rating))
                }
                before = (answer.phase, answer.interval, answer.ease)
            }
        }
        #expect(questions.count > 500)

        let scheduler = SM2Scheduler()
        var outside: [String] = []
        var widest = 0
        for question in questions {
            let card = try #require(
                question.phase == .new
                    ? CardState.new
                    : CardState(
                        restoring: question.phase,
                        memory: .sm2(
                            ease: Ease(thousandths: max(question.ease, 1_300)),
                            interval: question.interval),
                        lastReview: Self.start,
                        due: Self.start.addingTimeInterval(Double(question.interval) * 86_400),
                        reps: 3, lapses: 0))
            let time = card.due ?? Self.start
            let range = AnkiReference.fuzzRange(
                phase: question.phase, interval: question.interval, ease: question.ease,
                rating: question.rating)
            widest = max(widest, range.count)
            for seed in UInt64(0)..<64 {
                var generator = SeededGenerator(seed: seed)
                let days = scheduler.review(
                    card, rating: question.rating, at: time, using: &generator
                ).interval.wholeDays
                if !range.contains(days) {
                    outside.append("\(question) seed \(seed): \(days) ∉ \(range)")
                }
            }
        }
        #expect(widest > 1_000)
        #expect(outside.isEmpty, "\(outside.count) outside, first: \(outside.prefix(10))")
    }

    /// The test's transcription of Anki's formulas gives Anki's own answers (fuzz off), and
    /// every interval real Anki fuzzed lies in its range: the range above is Anki's.
    @Test func theTranscribedRangeHoldsEveryIntervalRealAnkiFuzzed() throws {
        let rows = try AnkiFuzzedAnswer.loadAll()
        #expect(rows.count > 2_000)
        var outside: [String] = []
        for row in rows {
            let range = AnkiReference.fuzzRange(
                phase: row.phaseBefore, interval: row.intervalBefore, ease: row.easeBefore,
                rating: row.rating)
            if !range.contains(row.days) { outside.append("\(row): \(row.days) ∉ \(range)") }
        }
        #expect(outside.isEmpty, "\(outside.count) outside, first: \(outside.prefix(10))")
        // Real Anki's picks spread over the ranges, not only their middles.
        #expect(Set(rows.map { $0.days - $0.unfuzzed }).count > 20)

        var wrong: [String] = []
        for sequence in try AnkiAnswer.loadSequences() {
            var before = (phase: Phase.new, interval: 0, ease: 0)
            for (rating, answer) in zip(sequence.ratings, sequence.answers) {
                if case .days(let days) = answer.next, rating != .again || before.phase == .review,
                    AnkiReference.interval(
                        phase: before.phase, interval: before.interval, ease: before.ease,
                        rating: rating, fuzzFactor: nil) != days
                {
                    wrong.append("\(sequence.name) answer \(answer.number)")
                }
                before = (answer.phase, answer.interval, answer.ease)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }
}

/// Anki's answer to one rating, as the fixture records it.
struct AnkiAnswer: Equatable, CustomStringConvertible {
    var number = 0
    let phase: Phase
    let next: ScheduledInterval
    /// card.ivl: the review interval (for a relearning card, the one it returns to); 0 while
    /// learning.
    let interval: Int
    /// card.factor in thousandths; 0 until the card first graduates.
    let ease: Int

    init(phase: Phase, next: ScheduledInterval, interval: Int, ease: Int) {
        (self.phase, self.next, self.interval, self.ease) = (phase, next, interval, ease)
    }

    /// Our answer in Anki's terms: a card still learning for the first time has no ease yet.
    init(phase: Phase, next: ScheduledInterval, memory: Memory?) {
        guard case .sm2(let ease, let interval) = memory else {
            self.init(phase: phase, next: next, interval: -1, ease: -1)
            return
        }
        let graduated = phase.isLearningForTheFirstTime ? 0 : ease.thousandths
        self.init(phase: phase, next: next, interval: interval, ease: graduated)
    }

    static func == (lhs: AnkiAnswer, rhs: AnkiAnswer) -> Bool {
        (lhs.phase, lhs.next, lhs.interval, lhs.ease) == (
            rhs.phase, rhs.next, rhs.interval, rhs.ease
        )
    }

    var description: String { "\(phase) next \(next) interval \(interval) ease \(ease)" }

    /// One sequence of ratings and Anki's answers.
    struct Sequence {
        let name: String
        let ratings: [Rating]
        var answers: [AnkiAnswer]
    }

    /// The sequences of `sm2_anki.csv`, in file order.
    static func loadSequences() throws -> [Sequence] {
        var sequences: [Sequence] = []
        for (line, fields) in try AnkiFixture.rows("sm2_anki") {
            guard fields.count == 7, let number = Int(fields[1]),
                let phase = AnkiFixture.phase(fields[2], step: fields[3]),
                let next = AnkiFixture.interval(fields[4]), let interval = Int(fields[5]),
                let ease = Int(fields[6]), let ratings = AnkiFixture.ratings(fields[0])
            else { throw AnkiFixture.Failure.badRow("sm2_anki.csv:\(line)") }
            var answer = AnkiAnswer(phase: phase, next: next, interval: interval, ease: ease)
            answer.number = number
            if number == 1 {
                sequences.append(Sequence(name: fields[0], ratings: ratings, answers: []))
            }
            guard sequences.last?.name == fields[0], sequences.last?.answers.count == number - 1
            else { throw AnkiFixture.Failure.badRow("sm2_anki.csv:\(line): out of order") }
            sequences[sequences.count - 1].answers.append(answer)
        }
        return sequences
    }
}

/// One interval real Anki fuzzed (`sm2_anki_fuzz.csv`).
struct AnkiFuzzedAnswer: CustomStringConvertible {
    let sequence: String
    let number: Int
    let rating: Rating
    let phaseBefore: Phase
    let intervalBefore: Int
    let easeBefore: Int
    let days: Int

    /// Anki's interval for the same answer without fuzz.
    var unfuzzed: Int {
        AnkiReference.interval(
            phase: phaseBefore, interval: intervalBefore, ease: easeBefore, rating: rating,
            fuzzFactor: nil)
    }

    var description: String {
        "\(sequence) answer \(number) (\(rating) on \(phaseBefore) \(intervalBefore) d, ease \(easeBefore))"
    }

    static func loadAll() throws -> [AnkiFuzzedAnswer] {
        try AnkiFixture.rows("sm2_anki_fuzz").map { line, fields in
            guard fields.count == 8, let number = Int(fields[1]),
                let rating = Int(fields[2]).flatMap(Rating.init(rawValue:)),
                let phaseBefore = fields[3] == "new"
                    ? Phase.new
                    : AnkiFixture.phase(fields[3], step: fields[3] == "review" ? "" : "0"),
                let intervalBefore = Int(fields[4]), let easeBefore = Int(fields[5]),
                case .days(let days)? = AnkiFixture.interval(fields[7])
            else { throw AnkiFixture.Failure.badRow("sm2_anki_fuzz.csv:\(line)") }
            return AnkiFuzzedAnswer(
                sequence: fields[0], number: number, rating: rating, phaseBefore: phaseBefore,
                intervalBefore: intervalBefore, easeBefore: easeBefore, days: days)
        }
    }
}

/// Reading the fixtures.
enum AnkiFixture {
    enum Failure: Error { case missing(String), badRow(String) }

    /// The rows after the header, with their line numbers.
    static func rows(_ name: String) throws -> [(Int, [String])] {
        guard
            let url = Bundle.module.url(
                forResource: name, withExtension: "csv", subdirectory: "Fixtures")
        else { throw Failure.missing("\(name).csv") }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        return lines.enumerated().dropFirst().map { index, line in
            (
                index + 1,
                line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            )
        }
    }

    static func ratings(_ text: String) -> [Rating]? {
        let ratings = text.compactMap { Int(String($0)).flatMap(Rating.init(rawValue:)) }
        return ratings.count == text.count ? ratings : nil
    }

    static func phase(_ name: String, step: String) -> Phase? {
        switch (name, Int(step)) {
        case ("learning", let step?): .learning(step: step)
        case ("relearning", let step?): .relearning(step: step)
        case ("review", nil): .review
        default: nil
        }
    }

    /// `600s` or `4d`.
    static func interval(_ text: String) -> ScheduledInterval? {
        guard let amount = Int(text.dropLast()) else { return nil }
        switch text.last {
        case "s": return .step(seconds: TimeInterval(amount))
        case "d": return .days(amount)
        default: return nil
        }
    }
}

extension Phase {
    /// Learning before the first graduation (Anki's card type 1, whose factor is still 0).
    fileprivate var isLearningForTheFirstTime: Bool {
        if case .learning = self { true } else { false }
    }
}

/// Anki 26.9.3's SM-2 intervals for an answer that leaves the card in review.
///
/// Transcribed for the tests from rslib (`states/review.rs` `passing_nonearly_review_intervals`,
/// `states/learning.rs`, `states/fuzz.rs`), default deck options, the answer on time. Kept
/// apart from `SM2Scheduler` on purpose: the tests check it against real Anki's answers.
enum AnkiReference {
    /// The interval Anki gives; `fuzzFactor` in [0, 1) as Anki draws it, `nil` without fuzz.
    static func interval(
        phase: Phase, interval: Int, ease: Int, rating: Rating, fuzzFactor: Float?
    ) -> Int {
        let maximum = 36_500
        switch phase {
        case .new, .learning:
            // Graduating: Easy 4 days, otherwise the 1-day graduating interval.
            let days: Float = rating == .easy ? 4 : 1
            return withFuzz(fuzzFactor, days, minimum: 1, maximum: maximum)
        case .relearning:
            return rating == .easy ? interval + 1 : interval
        case .review:
            // A lapse: the lapse multiplier is 0, so the minimum of 1 day, not fuzzed.
            if rating == .again { return 1 }
            let current = Float(interval)
            let factor = Float(ease) / 1_000
            let hard = withFuzz(
                fuzzFactor, current * Float(1.2), minimum: interval + 1, maximum: maximum)
            if rating == .hard { return hard }
            let good = withFuzz(fuzzFactor, current * factor, minimum: hard + 1, maximum: maximum)
            if rating == .good { return good }
            return withFuzz(
                fuzzFactor, current * factor * Float(1.3), minimum: good + 1, maximum: maximum)
        }
    }

    /// Every interval Anki can give over all fuzz factors: the interval grows with the
    /// factor, so the range runs from factor 0 to the largest factor below 1.
    static func fuzzRange(phase: Phase, interval: Int, ease: Int, rating: Rating)
        -> ClosedRange<Int>
    {
        let lowest = Self.interval(
            phase: phase, interval: interval, ease: ease, rating: rating, fuzzFactor: 0)
        let highest = Self.interval(
            phase: phase, interval: interval, ease: ease, rating: rating,
            fuzzFactor: Float(1).nextDown)
        return lowest...highest
    }

    /// `with_review_fuzz` and `constrained_fuzz_bounds`.
    private static func withFuzz(_ factor: Float?, _ interval: Float, minimum: Int, maximum: Int)
        -> Int
    {
        let minimum = min(max(minimum, 1), maximum)
        guard let factor else {
            return min(max(Int(interval.rounded(.toNearestOrAwayFromZero)), minimum), maximum)
        }
        let clamped = min(max(interval, Float(minimum)), Float(maximum))
        var delta: Float = 0
        if clamped >= 2.5 {
            delta = 1.0
            delta += Float(0.15) * max(min(clamped, 7) - 2.5, 0)
            delta += Float(0.1) * max(min(clamped, 20) - 7, 0)
            delta += Float(0.05) * max(min(clamped, .greatestFiniteMagnitude) - 20, 0)
        }
        var lower = Int((clamped - delta).rounded(.toNearestOrAwayFromZero))
        var upper = Int((clamped + delta).rounded(.toNearestOrAwayFromZero))
        lower = min(max(lower, minimum), maximum)
        upper = min(max(upper, minimum), maximum)
        if upper == lower, upper > 2, upper < maximum { upper = lower + 1 }
        return Int((Float(lower) + factor * Float(1 + upper - lower)).rounded(.down))
    }
}
