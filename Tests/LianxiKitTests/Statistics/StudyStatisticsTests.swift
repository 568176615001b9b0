import CohortReporting
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// Every statistic of ``HandMadeHistory``, worked out by hand.
@Suite struct StudyStatisticsTests {
    let statistics: StudyStatistics

    init() throws {
        let associate = try HandMadeHistory.associate()
        statistics = StudyStatistics(
            associate: associate, cards: HandMadeHistory.cards,
            progress: HandMadeHistory.progress, answers: HandMadeHistory.answers,
            scheduler: sm2(associate), now: HandMadeHistory.now)
    }

    @Test func todaysLoad() {
        #expect(statistics.today.description == "2026-11-20")
        // Due now: card 1 (08:00) and card 2 (10:15); card 4 is suspended.
        #expect(statistics.dueNow == 2)
        // Later today: card 8 at 22:00 (the day ends at 04:00 on the 21st); card 9 at 05:00
        // on the 21st is tomorrow.
        #expect(statistics.dueLaterToday == 1)
        // New cards left: 5 and 6. Limit 2 a day, 1 already started today (card 3):
        // min(2, 2 - 1) = 1.
        #expect(statistics.newAvailable == 1)
    }

    @Test func streakCountsStudyDays() {
        // Days studied: 2025-12-01, 2026-10-01, 11-13, 11-14, 11-15, 11-16, 11-18, 11-19 (the
        // 02:00 answer of the 20th, before the rollover) and 11-20: 9 days.
        #expect(statistics.streak.daysStudied == 9)
        // 18, 19, 20: the 17th was missed.
        #expect(statistics.streak.current == 3)
        // 13, 14, 15, 16.
        #expect(statistics.streak.longest == 4)
        // The last seven days, 14-20: 14, 15, 16, 18, 19, 20.
        #expect(statistics.streak.thisWeek == 6)
    }

    @Test func streakOfAnEmptyHistoryIsZero() {
        let streak = StreakSummary(studied: [], today: 100)
        let counts: [Int] = [streak.daysStudied, streak.current, streak.longest, streak.thisWeek]
        #expect(counts == [0, 0, 0, 0])
    }

    @Test func trueRetentionByPeriod() {
        // Answers to cards on review, young or mature by the interval before the answer:
        //   2026-10-01 card 4, Good, after 2 days: young pass          (year)
        //   11-18 card 4, Again, after 48 days: mature fail             (week, month, year)
        //   11-19 card 1, Hard, after 6 days: young pass                (week, month, year)
        //   11-20 card 2, Again, after 3 days: young fail               (all four)
        //   11-20 card 7, Good, after 30 days: mature pass              (all four)
        // The relearning answer of card 2 and the first answers do not count.
        let byPeriod: [RetentionPeriod.Span: TrueRetention] = Dictionary(
            uniqueKeysWithValues: statistics.retention.map { ($0.period, $0.retention) })
        #expect(
            byPeriod[.day]
                == TrueRetention(young: Tally(passed: 0, failed: 1), mature: Tally(passed: 1)))
        #expect(
            byPeriod[.week]
                == TrueRetention(
                    young: Tally(passed: 1, failed: 1), mature: Tally(passed: 1, failed: 1)))
        #expect(byPeriod[.month] == byPeriod[.week])
        #expect(
            byPeriod[.year]
                == TrueRetention(
                    young: Tally(passed: 2, failed: 1), mature: Tally(passed: 1, failed: 1)))
        // 3 passed of 5.
        #expect(byPeriod[.year]?.all.rate == 0.6)
        #expect(statistics.retention.map(\.period) == [.day, .week, .month, .year])
    }

    @Test func reviewsPerDayAndHeatmap() throws {
        // The last 30 days, 10-22 to 11-20.
        #expect(statistics.reviewsPerDay.count == 30)
        #expect(statistics.reviewsPerDay.first?.date.description == "2026-10-22")
        let answers: [String: Int] = Dictionary(
            uniqueKeysWithValues: statistics.reviewsPerDay.map { ($0.date.description, $0.answers) }
        )
        #expect(answers["2026-11-13"] == 1)
        #expect(answers["2026-11-17"] == 0)
        #expect(answers["2026-11-19"] == 1)
        #expect(answers["2026-11-20"] == 4)
        // 1 + 1 + 1 + 1 + 1 + 1 + 4 (the two answers of 2026-10-01 are older).
        #expect(statistics.reviewsPerDay.reduce(0) { $0 + $1.answers } == 10)
        // Today: 50 + 25 + 15 + 20 = 110 s.
        #expect(statistics.reviewsPerDay.last?.seconds == 110)

        // 17 weeks from a Monday: 16 full weeks back from Monday 11-16, so 2026-07-27, to
        // Friday the 20th: 16 × 7 + 5 = 117 days.
        #expect(statistics.heatmap.count == 117)
        #expect(statistics.heatmap.first?.date.description == "2026-07-27")
        #expect(statistics.heatmap.first?.date.weekday == 0)
        #expect(statistics.heatmap.last?.answers == 4)
    }

    @Test func forecastOfDueCards() {
        // Day 0: cards 1, 2 (due now) and 8 (tonight); day 1: card 9; day 8: card 3.
        // Card 4 is suspended, card 7 is due in 40 days, beyond the 30 days shown.
        var expected = Array(repeating: 0, count: 30)
        expected[0] = 3
        expected[1] = 1
        expected[8] = 1
        #expect(statistics.forecast.map(\.cards) == expected)
        #expect(statistics.forecast[8].date.description == "2026-11-28")
        #expect(statistics.nextWeek.map(\.cards) == [3, 1, 0, 0, 0, 0, 0])
    }

    @Test func coverageByLevelAndDeck() {
        // Known: on review with an interval of 21 days or more (cards 1 and 7).
        //   HSK 1: card 1 known, 2 and 8 learning, 6 new
        //   HSK 2: cards 3 and 9 learning, 5 new
        //   HSK 3: card 7 known
        //   none:  card 4 learning (relearning, suspended)
        #expect(
            statistics.coverageByLevel.map { [$0.group, "\($0.new)/\($0.learning)/\($0.known)"] }
                == [["1", "1/2/1"], ["2", "1/2/0"], ["3", "0/0/1"], ["none", "0/1/0"]])
        //   a: cards 1 known; 2, 3, 8 learning
        //   b: cards 5, 6 new; 4, 9 learning; 7 known
        #expect(
            statistics.coverageByDeck.map { [$0.group, "\($0.new)/\($0.learning)/\($0.known)"] }
                == [["a", "0/3/1"], ["b", "2/2/1"]])
    }

    @Test func timeStudied() {
        // Today 110 s; the week (11-14 to 11-20) 30 + 60 + 30 + 40 + 20 + 110 = 290 s; the
        // month adds 11-13's 30 s: 320 s; in all 320 + 10 + 20 + 10 = 360 s.
        #expect(abs(statistics.timeStudied.today - 110.0 / 60) < 1e-9)
        #expect(abs(statistics.timeStudied.week - 290.0 / 60) < 1e-9)
        #expect(abs(statistics.timeStudied.month - 320.0 / 60) < 1e-9)
        #expect(statistics.timeStudied.total == 6)
    }

    @Test func hardestWords() {
        // Lapses: card 4 (直播带货) 3, card 8 (你好) 2, card 2 (支付, production) 1.
        #expect(statistics.mostLapses.map(\.hanzi) == ["直播带货", "你好", "支付"])
        #expect(statistics.mostLapses.map(\.lapses) == [3, 2, 1])
        #expect(statistics.mostLapses.last?.kind == .production)
        // SM-2 retrievability 0.9^(days since the last answer / interval):
        //   card 4: 0.9^(2/1) = 0.81; cards 1 and 8: 0.9^(31/31) = 0.9^(10/10) = 0.9 (ties
        //   by card id); card 9: 0.9^(5/6) = 0.91594; cards 2, 3, 7 answered today: 1.
        #expect(
            statistics.lowestRetrievability.map(\.hanzi)
                == ["直播带货", "支付", "你好", "订单", "支付", "发票", "快递"])
        let values = statistics.lowestRetrievability.map(\.retrievability)
        #expect(abs(values[0] - 0.81) < 1e-12)
        #expect(values[1] == 0.9)
        #expect(abs(values[3] - 0.915_943_65) < 1e-8)
        #expect(values.suffix(3) == [1, 1, 1])
    }

    @Test func studyDaysAreCountedInTheAssociatesTimeZone() throws {
        // Given the same answers in Shanghai (UTC+8), rollover 4 am: 2026-11-19 20:30 UTC is
        // 04:30 on the 20th there (today), and 19:30 UTC is 03:30, still the 19th.
        let associate = try HandMadeHistory.associate(timeZone: "Asia/Shanghai")
        let answers = [
            AnswerFacts(
                cardId: 1, reviewedAt: .utc(2026, 11, 19, 19, 30), rating: .good, duration: 5,
                phaseBefore: .review, interval: 86_400),
            AnswerFacts(
                cardId: 3, reviewedAt: .utc(2026, 11, 19, 20, 30), rating: .good, duration: 5,
                phaseBefore: .review, interval: 86_400),
        ]
        let statistics = StudyStatistics(
            associate: associate, cards: HandMadeHistory.cards, progress: [:], answers: answers,
            scheduler: sm2(associate), now: HandMadeHistory.now)
        #expect(statistics.reviewsPerDay.suffix(2).map(\.answers) == [1, 1])
        #expect(statistics.streak.current == 2)
        // No progress stored: every card is new, 2 may be introduced today.
        #expect(statistics.newAvailable == 2)
        #expect(statistics.dueNow == 0)
    }

    @Test func calendarDatesRoundTrip() {
        #expect(CalendarDate(dayNumber: 0).description == "1970-01-01")
        #expect(CalendarDate(dayNumber: 20777).description == "2026-11-20")
        #expect(CalendarDate(parsing: "2026-11-20")?.dayNumber == 20777)
        #expect(CalendarDate(parsing: "2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate(parsing: "2026-02-29") == nil)
        #expect(CalendarDate(parsing: "20261120") == nil)
        #expect(Date.utc(2026, 11, 2, 1, 2, 3).isoTimestamp == "2026-11-02T01:02:03Z")
    }
}

/// Anki's SM-2 counting days as `associate` does.
func sm2(_ associate: Associate) -> SM2Scheduler {
    var scheduler = SM2Scheduler()
    scheduler.dayCounting = associate.dayCounting
    return scheduler
}
