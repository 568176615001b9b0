import CohortReporting
import Foundation
import Storage

/// What `lianxi status` shows: today's load, the new cards still available, the streak and the
/// next seven days — the same numbers as ``StudyStatistics``, without reading every answer.
public struct StudyStatus: Hashable, Sendable {
    /// Today's date, in the associate's days.
    public let today: CalendarDate
    /// Cards due now (studied, not suspended or buried).
    public let dueNow: Int
    /// Cards that come due later today.
    public let dueLaterToday: Int
    /// New cards that can still be introduced today.
    public let newAvailable: Int
    /// Days studied and runs of days.
    public let streak: StreakSummary
    /// Cards due on today (with the overdue ones) and each of the next six days.
    public let nextWeek: [DayLoad]

    /// Days shown ahead, today included.
    static let days = 7

    /// The status of `associate` at `now`, read from `database`.
    public init(of associate: Associate, in database: StudyDatabase, now: Date) throws {
        let counting = associate.dayCounting
        let studyDay = StudyDay(containing: now, counting: counting)
        let horizon = StudyDay(
            CalendarDate(dayNumber: studyDay.number + Self.days - 1), counting: counting
        ).end
        let facts = try database.statusFacts(
            for: associate.id, kinds: associate.studiedKinds, now: now, horizon: horizon,
            todayStart: studyDay.start,
            nextDayStart: { StudyDay(containing: $0, counting: counting).end })
        self.init(facts: facts, associate: associate, now: now)
    }

    /// The status from what the database counted.
    init(facts: StatusFacts, associate: Associate, now: Date) {
        var days = DayNumbering(associate.dayCounting)
        let studyDay = StudyDay(containing: now, counting: associate.dayCounting)
        today = CalendarDate(dayNumber: studyDay.number)
        var dueNow = 0
        var dueLaterToday = 0
        var load = Array(repeating: 0, count: Self.days)
        for card in facts.dueBeforeHorizon {
            if !card.isBuried, card.due <= now {
                dueNow += 1
            } else if !card.isBuried, card.due < studyDay.end {
                dueLaterToday += 1
            }
            let offset = max(0, days.day(of: card.due) - studyDay.number)
            if offset < Self.days { load[offset] += 1 }
        }
        self.dueNow = dueNow
        self.dueLaterToday = dueLaterToday
        newAvailable = min(
            facts.newLeft, max(0, associate.newCardsPerDay - facts.newStartedToday))
        streak = StreakSummary(
            studied: Set(facts.firstAnswerOfEachDay.map { days.day(of: $0) }),
            today: studyDay.number)
        nextWeek = load.enumerated().map {
            DayLoad(date: CalendarDate(dayNumber: studyDay.number + $0.offset), cards: $0.element)
        }
    }

    /// The status as part of every statistic.
    init(_ statistics: StudyStatistics) {
        today = statistics.today
        dueNow = statistics.dueNow
        dueLaterToday = statistics.dueLaterToday
        newAvailable = statistics.newAvailable
        streak = statistics.streak
        nextWeek = statistics.nextWeek
    }
}

extension StudyStatistics {
    /// The part of the statistics `lianxi status` shows.
    public var status: StudyStatus { StudyStatus(self) }
}
