import Foundation
import SpacedRepetition
import TestSupport
import Testing

@Suite struct FuzzTests {
    // Ranges from Anki's fuzz tests (7, 17, 37) and computed from the bands (3, 100).
    @Test(arguments: [(3, 2...4), (7, 5...9), (17, 14...20), (37, 33...41), (100, 93...107)])
    func rangeMatchesTheReference(days: Int, range: ClosedRange<Int>) {
        #expect(Fuzz.range(forDays: days, maximumInterval: 36_500) == range)
    }

    @Test(arguments: [0, 1, 2])
    func intervalsUnderTwoAndAHalfDaysAreNeverFuzzed(days: Int) {
        #expect(Fuzz.range(forDays: days, maximumInterval: 36_500) == nil)
        for seed in UInt64(0)..<1_000 {
            var generator = SeededGenerator(seed: seed)
            #expect(
                Fuzz.interval(forDays: days, maximumInterval: 36_500, using: &generator) == days)
        }
    }

    @Test(arguments: [(7, 5...9), (17, 14...20), (37, 33...41), (100, 93...107)])
    func overManySeedsEveryIntervalIsInRangeAndEveryDayIsReached(
        days: Int, range: ClosedRange<Int>
    ) {
        var seen = Set<Int>()
        for seed in UInt64(0)..<5_000 {
            var generator = SeededGenerator(seed: seed)
            let fuzzed = Fuzz.interval(forDays: days, maximumInterval: 36_500, using: &generator)
            #expect(range.contains(fuzzed))
            seen.insert(fuzzed)
        }
        #expect(seen == Set(range))
    }

    @Test func theMaximumIntervalCapsTheRange() {
        #expect(Fuzz.range(forDays: 100, maximumInterval: 95) == 93...95)
        #expect(Fuzz.range(forDays: 40, maximumInterval: 30) == 30...30)
    }

    @Test func aSeedGivesTheSameIntervalsEveryTime() {
        func draw(seed: UInt64) -> [Int] {
            var generator = SeededGenerator(seed: seed)
            return (3...200).map {
                Fuzz.interval(forDays: $0, maximumInterval: 36_500, using: &generator)
            }
        }
        #expect(draw(seed: 2026) == draw(seed: 2026))
        #expect(draw(seed: 2026) != draw(seed: 2027))
    }

    @Test func theSchedulerFuzzesReviewIntervalsOnlyFromTwoAndAHalfDays() throws {
        let scheduler = try FSRSScheduler()
        let start = Date.utc(2025, 3, 1, 9)
        var graduations = Set<Int>()
        var longer = Set<Int>()
        for seed in UInt64(0)..<500 {
            var generator = SeededGenerator(seed: seed)
            let step = scheduler.review(.new, rating: .good, at: start, using: &generator)
            let time = try #require(step.card.due)
            // S = 2.3065 gives 2 days: too short to fuzz.
            let graduated = scheduler.review(step.card, rating: .good, at: time, using: &generator)
            graduations.insert(graduated.interval.wholeDays)
            let due = try #require(graduated.card.due)
            // The next Good is 11 days unfuzzed (py-fsrs): fuzzed within 9...13.
            let review = scheduler.review(graduated.card, rating: .good, at: due, using: &generator)
            longer.insert(review.interval.wholeDays)
        }
        #expect(graduations == [2])
        #expect(longer.isSubset(of: Set(9...13)) && longer.count > 1)
    }
}
