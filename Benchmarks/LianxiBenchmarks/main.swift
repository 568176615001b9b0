import Foundation
import SpacedRepetition

// Scheduler benchmarks, mirroring `fsrs_py_workload.py --phase bench` of the shared anchors so
// both sides run the same workload. Prints one JSON object; `Benchmarks/run.sh` compares it
// with py-fsrs measured in the same run.

let arguments = CommandLine.arguments.dropFirst()
let repetitions = Int(value(of: "--reps") ?? "") ?? 5
let reviewCount = Int(value(of: "--k") ?? "") ?? 100_000

func value(of option: String) -> String? {
    guard let index = arguments.firstIndex(of: option), index + 1 < arguments.endIndex else {
        return nil
    }
    return arguments[index + 1]
}

/// Seconds taken by `work`, on the monotonic clock.
func seconds(_ work: () -> Void) -> Double {
    let start = ContinuousClock.now
    work()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func summary(_ values: [Double]) -> [String: Double] {
    let sorted = values.sorted()
    return ["min": sorted[0], "median": sorted[sorted.count / 2], "max": sorted[sorted.count - 1]]
}

// MARK: - FSRS reviews per second (py-fsrs's plan: 1,000 cards, ratings uniform 1-4, 30 % of
// gaps within the day (1 s - 23 h), 70 % log-uniform 1-365 days).

struct Plan {
    var cards: [Int] = []
    var ratings: [Rating] = []
    var times: [Date] = []
}

func makePlan(reviews: Int, pool: Int, seed: UInt64) -> Plan {
    var generator = SplitMix64(seed: seed)
    let epoch = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
    var now = (0..<pool).map { _ in
        epoch.addingTimeInterval(Double(Int.random(in: 0..<(86_400 * 30), using: &generator)))
    }
    var plan = Plan()
    for index in 0..<reviews {
        let card = index % pool
        if index >= pool {
            if Double.random(in: 0..<1, using: &generator) < 0.3 {
                now[card] += Double(Int.random(in: 1...(23 * 3_600), using: &generator))
            } else {
                let days = exp(Double.random(in: 0..<log(365), using: &generator))
                now[card] += (86_400 * days).rounded(.down)
            }
        }
        plan.cards.append(card)
        plan.ratings.append(Rating(rawValue: Int.random(in: 1...4, using: &generator)) ?? .good)
        plan.times.append(now[card])
    }
    return plan
}

func reviewThroughput(fuzz: Bool, plan: Plan, pool: Int) throws -> [String: Any] {
    let scheduler = try FSRSScheduler(fuzzesIntervals: fuzz)
    var totals: [Double] = []
    var checksum = 0.0
    for _ in 0..<repetitions {
        var cards = Array(repeating: CardState.new, count: pool)
        var generator = SplitMix64(seed: 2026)
        totals.append(
            seconds {
                for index in plan.cards.indices {
                    let card = plan.cards[index]
                    cards[card] =
                        scheduler.review(
                            cards[card], rating: plan.ratings[index], at: plan.times[index],
                            using: &generator
                        ).card
                }
            })
        checksum = cards.reduce(0) { $0 + ($1.memoryState?.stability ?? 0) }
    }
    return [
        "total_s": summary(totals),
        "reviews_per_s": summary(totals.map { Double(plan.cards.count) / $0 }),
        "checksum_stability_sum": checksum,
    ]
}

func retrievabilityThroughput(plan: Plan, pool: Int) throws -> [String: Any] {
    let scheduler = try FSRSScheduler(fuzzesIntervals: false)
    var generator = SplitMix64(seed: 1)
    var cards = Array(repeating: CardState.new, count: pool)
    for index in plan.cards.indices {
        let card = plan.cards[index]
        cards[card] =
            scheduler.review(
                cards[card], rating: plan.ratings[index], at: plan.times[index], using: &generator
            ).card
    }
    let later = (plan.times.max() ?? Date()).addingTimeInterval(30 * 86_400)
    let calls = 200_000
    var totals: [Double] = []
    var sum = 0.0
    for _ in 0..<repetitions {
        totals.append(
            seconds {
                for call in 0..<calls {
                    sum += scheduler.retrievability(of: cards[call % pool], at: later)
                }
            })
    }
    return ["calls": calls, "calls_per_s": summary(totals.map { Double(calls) / $0 }), "sum": sum]
}

// MARK: - Recomputing every memory state from the review log (Anki's "enable FSRS" on
// 50,000 cards and 1,000,000 reviews: 2.2 s in the reference run).

func memoryRecomputation() -> [String: Any] {
    let cardCount = 50_000
    let reviewTotal = 1_000_000
    var generator = SplitMix64(seed: 20_261_129)
    // Each card gets 20 answers on average (2 to 38); the first is a learning answer, later ones
    // are day-level reviews with Again 8 % / Hard 7 % / Good 75 % / Easy 10 %, gaps 1-60 days.
    var histories: [[(Rating, Int)]] = []
    histories.reserveCapacity(cardCount)
    var remaining = reviewTotal
    for card in 0..<cardCount {
        let cardsLeft = cardCount - card
        let length =
            cardsLeft == 1
            ? remaining
            : min(
                max(2, Int.random(in: 2...38, using: &generator)), remaining - 2 * (cardsLeft - 1))
        remaining -= length
        var history: [(Rating, Int)] = [(.good, 0)]
        for _ in 1..<length {
            let roll = Int.random(in: 0..<100, using: &generator)
            let rating: Rating = roll < 8 ? .again : roll < 15 ? .hard : roll < 90 ? .good : .easy
            history.append((rating, Int.random(in: 1...60, using: &generator)))
        }
        histories.append(history)
    }
    let model = FSRSModel()
    var totals: [Double] = []
    var checksum = 0.0
    for _ in 0..<repetitions {
        var states = [MemoryState?](repeating: nil, count: cardCount)
        totals.append(
            seconds {
                for card in 0..<cardCount {
                    states[card] = model.memory(afterHistory: histories[card])
                }
            })
        checksum = states.reduce(0) { $0 + ($1?.stability ?? 0) }
    }

    // The same histories replayed through the full scheduler, as the app reschedules: dated
    // answers, calendar days in a time zone with a 4 am rollover, phases, steps and due dates.
    let start = Date(timeIntervalSince1970: 1_672_560_000)  // 2023-01-01T08:00:00Z
    let answers = histories.map { history in
        var time = start
        return history.map { rating, days in
            time += Double(days) * 86_400 + 600
            return PastAnswer(rating, at: time)
        }
    }
    let timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
    let scheduler =
        (try? FSRSScheduler(dayCounting: .calendarDays(in: timeZone)))
        ?? FSRSScheduler.self
        .fallback
    var replayTotals: [Double] = []
    for _ in 0..<repetitions {
        var generator = SplitMix64(seed: 7)
        var due = 0.0
        replayTotals.append(
            seconds {
                for history in answers {
                    let card = scheduler.replay(history, using: &generator)
                    due += card.due?.timeIntervalSince1970 ?? 0
                }
            })
        checksum += due
    }
    return [
        "cards": cardCount, "reviews": histories.reduce(0) { $0 + $1.count },
        "total_s": summary(totals), "checksum_stability_sum": checksum,
        "scheduler_replay_calendar_days_total_s": summary(replayTotals),
    ]
}

extension FSRSScheduler {
    /// The default scheduler, which always builds.
    fileprivate static var fallback: FSRSScheduler {
        guard let scheduler = try? FSRSScheduler() else { preconditionFailure("defaults fail") }
        return scheduler
    }
}

let pool = 1_000
let plan = makePlan(reviews: reviewCount, pool: pool, seed: 20_261_129)
var results: [String: Any] = [
    "k": reviewCount, "card_pool": pool, "repetitions": repetitions,
    "processors": ProcessInfo.processInfo.activeProcessorCount,
]
results["fuzz_off"] = try reviewThroughput(fuzz: false, plan: plan, pool: pool)
results["fuzz_on"] = try reviewThroughput(fuzz: true, plan: plan, pool: pool)
results["retrievability"] = try retrievabilityThroughput(plan: plan, pool: pool)
results["memory_recomputation"] = memoryRecomputation()
let json = try JSONSerialization.data(
    withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: json, as: UTF8.self))
