import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// A card's chance of recall from its recall basis alone (what a session's start reads of its
/// due cards): each scheduler reads its own memory, and 0 for the other's.
@Suite struct RecallBasisTests {
    static let lastReview = Date.utc(2026, 3, 1, 9)

    @Test(arguments: [
        (
            Memory.fsrs(MemoryState(stability: 12.5, difficulty: 6)),
            RecallBasis.Strength.stability(12.5)
        ),
        (.sm2(ease: Ease(thousandths: 2_350), interval: 17), .interval(17)),
    ])
    func aStudiedCardsBasisIsItsLastReviewAndItsMemorysStrength(
        memory: Memory, strength: RecallBasis.Strength
    ) throws {
        let card = try #require(
            CardState(
                restoring: .review, memory: memory, lastReview: Self.lastReview,
                due: Self.lastReview + 86_400 * 3, reps: 4, lapses: 1))
        #expect(card.recallBasis == RecallBasis(lastReview: Self.lastReview, strength: strength))
        #expect(CardState.new.recallBasis == nil)
    }

    @Test(arguments: [0.0, 0.5, 1, 3, 40], [false, true])
    func eachSchedulerReadsItsOwnMemoryOnly(days: Double, fsrs: Bool) throws {
        let scheduler: any Scheduler =
            fsrs ? try FSRSScheduler(fuzzesIntervals: false) : SM2Scheduler()
        let time = Self.lastReview + days * 86_400
        let stability = RecallBasis(lastReview: Self.lastReview, strength: .stability(4))
        let interval = RecallBasis(lastReview: Self.lastReview, strength: .interval(4))
        let own = scheduler.retrievability(of: fsrs ? stability : interval, at: time)
        let other = scheduler.retrievability(of: fsrs ? interval : stability, at: time)
        #expect(other == 0)
        #expect(own > 0 && own <= 1)
        // Whole days elapsed: within the first day, certain recall
        if days < 1 { #expect(own == 1) }
        if days >= 1 { #expect(own < 1) }
    }
}
