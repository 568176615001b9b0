import SpacedRepetition
import Testing

/// Golden values from the reference implementations, default FSRS-6 parameters.
@Suite struct FSRSModelTests {
    let model = FSRSModel()

    struct Golden: Sendable, CustomTestStringConvertible {
        let history: [(Int, Int)]
        let stabilities: [Double]
        let difficulties: [Double]
        var testDescription: String { "\(history.map { "(\($0.0),\($0.1))" }.joined())" }
    }

    // fsrs-rs-python 0.9.3 `historical_memory_states`: (rating, delta_t) -> (S, D) after each
    // answer (shared/reference/fsrs.md §2.4).
    static let goldens: [Golden] = [
        Golden(
            history: [(3, 0), (3, 2), (3, 5), (3, 13)],
            stabilities: [2.3065, 10.9643, 30.1332, 72.6695],
            difficulties: [2.1181, 2.1112, 2.1043, 2.0975]),
        Golden(
            history: [(1, 0), (3, 0), (3, 1), (1, 3), (3, 0), (3, 1)],
            stabilities: [0.212, 0.2467, 2.0215, 0.5527, 0.6039, 1.7037],
            difficulties: [6.4133, 6.4021, 6.3909, 8.7990, 8.7854, 8.7718]),
        Golden(
            history: [(4, 0), (2, 8), (4, 20)],
            stabilities: [8.2956, 26.7042, 114.727],
            difficulties: [1.0, 4.0106, 1.9945]),
    ]

    @Test(arguments: goldens)
    func memoryAfterEachAnswerMatchesFSRSRS(golden: Golden) throws {
        let history = try golden.history.map { (try #require(Rating(rawValue: $0.0)), $0.1) }
        for count in 1...history.count {
            let memory = try #require(model.memory(afterHistory: history.prefix(count)))
            #expect(isClose(memory.stability, golden.stabilities[count - 1]))
            #expect(isClose(memory.difficulty, golden.difficulties[count - 1]))
        }
    }

    // fsrs-rs-python `next_states` from S = 5, D = 5 after 10 days (R = 0.8459).
    @Test(arguments: [
        (Rating.again, 1.0425, 8.3418), (.hard, 16.711, 6.666), (.good, 24.4728, 4.9902),
        (.easy, 41.4706, 3.3145),
    ])
    func nextStatesAfterTenDays(rating: Rating, stability: Double, difficulty: Double) {
        let start = MemoryState(stability: 5, difficulty: 5)
        #expect(isClose(model.retrievability(elapsedDays: 10, stability: 5), 0.8459))
        let next = model.memory(after: rating, from: start, elapsedDays: 10)
        #expect(isClose(next.stability, stability))
        #expect(isClose(next.difficulty, difficulty))
    }

    // fsrs-rs `src/inference.rs` and py-fsrs `tests/test_basic.py`: Again then Good ×5 at
    // delta_t 0, 0, 1, 3, 8, 21.
    @Test func againThenFiveGoods() throws {
        let history: [(Rating, Int)] = [
            (.again, 0), (.good, 0), (.good, 1), (.good, 3), (.good, 8), (.good, 21),
        ]
        let memory = try #require(model.memory(afterHistory: history))
        #expect(isClose(memory.stability, 53.62691))
        #expect(isClose(memory.difficulty, 6.3574867))
    }

    // Same-day answers from S = 5 (brief §1.7): Again lowers S, Hard and Good keep it.
    @Test(arguments: [
        (Rating.again, 1.5968), (.hard, 5.0), (.good, 5.0), (.easy, 8.1296),
    ])
    func sameDayStability(rating: Rating, stability: Double) {
        let next = model.memory(
            after: rating, from: MemoryState(stability: 5, difficulty: 5), elapsedDays: 0)
        #expect(isClose(next.stability, stability))
    }

    @Test func forgettingCurveShape() {
        // R(S) = 0.9 for any w20; with the default w20, R(2S) = 0.8459, R(10S) = 0.6928.
        #expect(abs(model.retrievability(elapsedDays: 7, stability: 7) - 0.9) < 1e-12)
        #expect(isClose(model.retrievability(elapsedDays: 20, stability: 10), 0.8459))
        #expect(isClose(model.retrievability(elapsedDays: 100, stability: 10), 0.6928))
        #expect(model.retrievability(elapsedDays: 0, stability: 3) == 1)
        #expect(abs(model.factor - 0.980346) < 1e-6)
    }

    // Intervals for S = 10 days at several retentions (brief §1.2).
    @Test(arguments: [(0.70, 92.9), (0.80, 33.2), (0.85, 19.1), (0.90, 10.0), (0.95, 4.03)])
    func intervalFromRetention(retention: Double, days: Double) {
        let interval = model.interval(stability: 10, desiredRetention: retention)
        #expect(abs(interval - days) <= 0.05 * max(1, days / 10))
    }

    @Test func initialDifficultyIsClampedButMeanReversionTargetIsNot() {
        // D0(Easy) = -4.77 with the defaults: clamped to 1 for the card, unclamped as target.
        #expect(model.initialMemory(after: .easy).difficulty == 1)
        let afterGood = model.memory(
            after: .good, from: MemoryState(stability: 5, difficulty: 5), elapsedDays: 3)
        // Good leaves D only to mean reversion: 0.001 × (-4.77) + 0.999 × 5 = 4.990.
        #expect(abs(afterGood.difficulty - (0.001 * -4.770_195 + 0.999 * 5)) < 1e-5)
    }

    private func isClose(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= 1e-4 * max(1, abs(expected))
    }
}
