import CohortReporting
import Foundation
import SpacedRepetition
import Storage

/// One associate's statistics at a moment: today's load, streak, activity, true retention,
/// forecast, coverage, time studied and the hardest words.
///
/// Pure: computed from the associate's cards, progress and answers and the time. Days are the
/// associate's study days (their time zone, starting at their rollover hour).
public struct StudyStatistics: Hashable, Sendable, Encodable {
    /// The associate's name.
    public let associate: String
    /// The moment the statistics describe.
    public let now: Date
    /// Today's date, in the associate's days.
    public let today: CalendarDate
    /// Cards due now (studied, not suspended or buried).
    public let dueNow: Int
    /// Cards that come due later today.
    public let dueLaterToday: Int
    /// New cards that can still be introduced today (the daily new-card limit less the new
    /// cards already started today, at most the new cards left).
    public let newAvailable: Int
    /// Days studied and runs of days.
    public let streak: StreakSummary
    /// Answers and minutes per day, the last ``activityDays`` days, oldest first.
    public let reviewsPerDay: [DayActivity]
    /// Answers per day from the Monday ``heatmapWeeks`` weeks back to today, oldest first.
    public let heatmap: [DayActivity]
    /// True retention over the last day, week, month and year.
    public let retention: [RetentionPeriod]
    /// Cards due on each of the next ``forecastDays`` days (today includes overdue cards).
    public let forecast: [DayLoad]
    /// Cards new, learning and known by HSK level (levels 1 … 7-9, then `none`).
    public let coverageByLevel: [Coverage]
    /// Cards new, learning and known by deck, in deck order.
    public let coverageByDeck: [Coverage]
    /// Minutes studied today, this week, this month and in all.
    public let timeStudied: TimeStudied
    /// The cards forgotten most often (most lapses first), at most ``hardestCount``.
    public let mostLapses: [HardWord]
    /// The studied cards least likely to be recalled now, at most ``hardestCount``.
    public let lowestRetrievability: [HardWord]

    /// Days of the activity chart.
    public static let activityDays = 30
    /// Weeks of the heatmap.
    public static let heatmapWeeks = 17
    /// Days of the forecast.
    public static let forecastDays = 30
    /// Words in each hardest-words list.
    public static let hardestCount = 10

    /// Computes the statistics of `associate` from every answer.
    ///
    /// - Parameters:
    ///   - associate: whose statistics.
    ///   - cards: the cards of active notes, in deck order.
    ///   - progress: the associate's stored progress, by card id.
    ///   - answers: the associate's answers in the log's order (``AnswerOrder``).
    ///   - scheduler: the associate's scheduler, for retrievability.
    ///   - now: the moment.
    public init(
        associate: Associate, cards: [CardFacts], progress: [Int64: CardProgress],
        answers: [AnswerFacts], scheduler: any Scheduler, now: Date
    ) {
        var days = DayNumbering(associate.dayCounting)
        let today = associate.dayCounting.dayNumber(of: now)
        self.init(
            associate: associate, cards: cards, progress: progress,
            activity: AnswerActivity(answers: answers, days: &days, today: today),
            days: days, scheduler: scheduler, now: now)
    }

    /// Computes the statistics of `associate` from the tally of their answers per quarter
    /// hour; the same statistics as from every answer.
    ///
    /// - Parameters:
    ///   - associate: whose statistics.
    ///   - cards: the cards of active notes, in deck order.
    ///   - progress: the associate's stored progress, by card id.
    ///   - tallies: the associate's answers added up per quarter hour.
    ///   - scheduler: the associate's scheduler, for retrievability.
    ///   - now: the moment.
    public init(
        associate: Associate, cards: [CardFacts], progress: [Int64: CardProgress],
        tallies: [QuarterHourTally], scheduler: any Scheduler, now: Date
    ) {
        var days = DayNumbering(associate.dayCounting)
        let today = associate.dayCounting.dayNumber(of: now)
        self.init(
            associate: associate, cards: cards, progress: progress,
            activity: AnswerActivity(tallies: tallies, days: &days, today: today),
            days: days, scheduler: scheduler, now: now)
    }

    private init(
        associate: Associate, cards: [CardFacts], progress: [Int64: CardProgress],
        activity: AnswerActivity, days: DayNumbering, scheduler: any Scheduler, now: Date
    ) {
        self.associate = associate.name
        self.now = now
        var days = days
        let studyDay = StudyDay(containing: now, counting: associate.dayCounting)
        let todayNumber = studyDay.number
        today = CalendarDate(dayNumber: todayNumber)

        retention = zip(RetentionPeriod.Span.allCases, activity.retention).map {
            RetentionPeriod(period: $0.0, retention: $0.1)
        }
        let answersByDay = activity.answersByDay
        let millisecondsByDay = activity.millisecondsByDay
        streak = StreakSummary(studied: Set(answersByDay.keys), today: todayNumber)
        func activityOn(_ day: Int) -> DayActivity {
            DayActivity(
                date: CalendarDate(dayNumber: day), answers: answersByDay[day] ?? 0,
                seconds: Double(millisecondsByDay[day] ?? 0) / 1_000)
        }
        reviewsPerDay = ((todayNumber - Self.activityDays + 1)...todayNumber).map(activityOn)
        let todayDate = CalendarDate(dayNumber: todayNumber)
        let heatmapStart = todayNumber - todayDate.weekday - (Self.heatmapWeeks - 1) * 7
        heatmap = (heatmapStart...todayNumber).map(activityOn)
        timeStudied = TimeStudied(
            milliseconds: millisecondsByDay.map { (todayNumber - $0.key, $0.value) })
        let startedToday = activity.startedToday

        // One pass over the cards: today's load, forecast, coverage, hardest words.
        var dueNow = 0
        var dueLaterToday = 0
        var newLeft = 0
        var load = Array(repeating: 0, count: Self.forecastDays)
        var studied: [(card: CardFacts, progress: CardProgress, retrievability: Double)] = []
        // Each card's status, looked up once for both coverages.
        var statuses: [CardStatus] = []
        statuses.reserveCapacity(cards.count)
        for card in cards {
            let stored = progress[card.id]
            statuses.append(CardStatus(stored))
            guard let progress = stored, progress.state.phase != .new else {
                if stored?.isSuspended != true, stored?.buriedUntil.map({ $0 <= now }) ?? true {
                    newLeft += 1
                }
                continue
            }
            studied.append(
                (card, progress, scheduler.retrievability(of: progress.state, at: now)))
            guard !progress.isSuspended, let due = progress.state.due else { continue }
            let buried = progress.buriedUntil.map { $0 > now } ?? false
            if !buried, due <= now {
                dueNow += 1
            } else if !buried, due < studyDay.end {
                dueLaterToday += 1
            }
            let offset = max(0, days.day(of: due) - todayNumber)
            if offset < Self.forecastDays { load[offset] += 1 }
        }
        self.dueNow = dueNow
        self.dueLaterToday = dueLaterToday
        newAvailable = min(newLeft, max(0, associate.newCardsPerDay - startedToday))
        forecast = load.enumerated().map {
            DayLoad(date: CalendarDate(dayNumber: todayNumber + $0.offset), cards: $0.element)
        }
        coverageByLevel = Coverage.count(
            cards, statuses: statuses, order: Coverage.levelOrder, group: Coverage.levelName
        ).filter { $0.total > 0 }
        coverageByDeck = Coverage.count(cards, statuses: statuses) { $0.deck }
        mostLapses = studied.filter { $0.progress.state.lapses > 0 }
            .first(Self.hardestCount) {
                ($1.progress.state.lapses, $0.retrievability, $0.card.id)
                    < ($0.progress.state.lapses, $1.retrievability, $1.card.id)
            }
            .map { HardWord($0.card, $0.progress, $0.retrievability) }
        lowestRetrievability = studied.first(Self.hardestCount) {
            ($0.retrievability, $0.card.id) < ($1.retrievability, $1.card.id)
        }
        .map { HardWord($0.card, $0.progress, $0.retrievability) }
    }

    /// Today's date and the next six days' load: the first 7 days of the forecast.
    public var nextWeek: [DayLoad] { Array(forecast.prefix(7)) }

    private enum CodingKeys: String, CodingKey {
        case associate, now, today, dueNow, dueLaterToday, newAvailable, streak, reviewsPerDay
        case heatmap, retention, forecast, coverageByLevel, coverageByDeck, timeStudied
        case mostLapses, lowestRetrievability
    }

    /// Encodes every number, with times in UTC ISO 8601 and dates as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(associate, forKey: .associate)
        try container.encode(now.isoTimestamp, forKey: .now)
        try container.encode(today.description, forKey: .today)
        try container.encode(dueNow, forKey: .dueNow)
        try container.encode(dueLaterToday, forKey: .dueLaterToday)
        try container.encode(newAvailable, forKey: .newAvailable)
        try container.encode(streak, forKey: .streak)
        try container.encode(reviewsPerDay, forKey: .reviewsPerDay)
        try container.encode(heatmap, forKey: .heatmap)
        try container.encode(retention, forKey: .retention)
        try container.encode(forecast, forKey: .forecast)
        try container.encode(coverageByLevel, forKey: .coverageByLevel)
        try container.encode(coverageByDeck, forKey: .coverageByDeck)
        try container.encode(timeStudied, forKey: .timeStudied)
        try container.encode(mostLapses, forKey: .mostLapses)
        try container.encode(lowestRetrievability, forKey: .lowestRetrievability)
    }
}

extension StudyStatistics {
    /// The statistics of `associate` from a snapshot of the database, read with every answer
    /// or with their tally.
    public init(snapshot: StudySnapshot, associate: Associate, now: Date) throws {
        let cards = snapshot.cards(studiedBy: associate)
        let progress = snapshot.progress[associate.id] ?? [:]
        let scheduler = try associate.makeScheduler()
        switch snapshot.detail {
        case .everyAnswer:
            self.init(
                associate: associate, cards: cards, progress: progress,
                answers: snapshot.answers[associate.id] ?? [], scheduler: scheduler, now: now)
        case .quarterHours:
            self.init(
                associate: associate, cards: cards, progress: progress,
                tallies: snapshot.tallies[associate.id] ?? [], scheduler: scheduler, now: now)
        }
    }
}

/// What was done on one study day.
public struct DayActivity: Hashable, Sendable, Encodable {
    /// The day.
    public let date: CalendarDate
    /// Answers given.
    public let answers: Int
    /// Seconds spent answering (answers without a measured time count 0).
    public let seconds: Double

    /// Minutes spent answering.
    public var minutes: Double { seconds / 60 }

    private enum CodingKeys: String, CodingKey { case date, answers, minutes }

    /// Encodes the date, answers and minutes (to 1 decimal).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date.description, forKey: .date)
        try container.encode(answers, forKey: .answers)
        try container.encode(rounded(minutes, places: 1), forKey: .minutes)
    }
}

/// Cards due on one day.
public struct DayLoad: Hashable, Sendable, Encodable {
    /// The day.
    public let date: CalendarDate
    /// Cards due that day.
    public let cards: Int

    private enum CodingKeys: String, CodingKey { case date, cards }

    /// Encodes the date and the count.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date.description, forKey: .date)
        try container.encode(cards, forKey: .cards)
    }
}

/// True retention over a span of days ending today.
public struct RetentionPeriod: Hashable, Sendable, Encodable {
    /// A span of study days ending today.
    public enum Span: String, CaseIterable, Hashable, Sendable, Encodable {
        /// Today.
        case day
        /// The last 7 days.
        case week
        /// The last 30 days.
        case month
        /// The last 365 days.
        case year

        /// How many days the span covers, today included.
        public var days: Int {
            switch self {
            case .day: 1
            case .week: 7
            case .month: 30
            case .year: 365
            }
        }
    }

    /// The span.
    public let period: Span
    /// Young and mature answers in it.
    public let retention: TrueRetention
}

/// Time studied over spans ending today.
public struct TimeStudied: Hashable, Sendable, Encodable {
    /// Minutes today.
    public let today: Double
    /// Minutes over the last 7 days.
    public let week: Double
    /// Minutes over the last 30 days.
    public let month: Double
    /// Minutes in all.
    public let total: Double

    /// Sums `milliseconds` given as (days before today, milliseconds) pairs.
    init(milliseconds: [(daysAgo: Int, milliseconds: Int64)]) {
        func minutes(within days: Int) -> Double {
            Double(milliseconds.filter { $0.daysAgo < days }.reduce(0) { $0 + $1.milliseconds })
                / 60_000
        }
        today = minutes(within: 1)
        week = minutes(within: 7)
        month = minutes(within: 30)
        total = Double(milliseconds.reduce(0) { $0 + $1.milliseconds }) / 60_000
    }

    private enum CodingKeys: String, CodingKey { case today, week, month, total }

    /// Encodes the minutes, to 1 decimal.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rounded(today, places: 1), forKey: .today)
        try container.encode(rounded(week, places: 1), forKey: .week)
        try container.encode(rounded(month, places: 1), forKey: .month)
        try container.encode(rounded(total, places: 1), forKey: .total)
    }
}

/// A card an associate finds hard.
public struct HardWord: Hashable, Sendable, Encodable {
    /// The word.
    public let hanzi: String
    /// Its pinyin.
    public let pinyin: String
    /// Its English gloss.
    public let english: String
    /// The kind of card.
    public let kind: CardKind
    /// The deck's slug.
    public let deck: String
    /// Times forgotten after graduating.
    public let lapses: Int
    /// The chance of recall now.
    public let retrievability: Double

    init(_ card: CardFacts, _ progress: CardProgress, _ retrievability: Double) {
        hanzi = card.hanzi
        pinyin = card.pinyin
        english = card.english
        kind = card.kind
        deck = card.deck
        lapses = progress.state.lapses
        self.retrievability = retrievability
    }

    private enum CodingKeys: String, CodingKey {
        case hanzi, pinyin, english, kind, deck, lapses, retrievability
    }

    /// Encodes the word and its numbers (retrievability to 4 decimals).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hanzi, forKey: .hanzi)
        try container.encode(pinyin, forKey: .pinyin)
        try container.encode(english, forKey: .english)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(deck, forKey: .deck)
        try container.encode(lapses, forKey: .lapses)
        try container.encode(rounded(retrievability, places: 4), forKey: .retrievability)
    }
}

extension Sequence {
    /// The first `count` elements in the order `areInIncreasingOrder` sorts them, as
    /// `sorted(by:).prefix(count)` gives them, in one pass that keeps only those.
    ///
    /// For a few of tens of thousands (the hardest words of a large collection): sorting them
    /// all took a tenth of `lianxi stats`.
    fileprivate func first(
        _ count: Int, by areInIncreasingOrder: (Element, Element) -> Bool
    ) -> [Element] {
        var kept: [Element] = []
        kept.reserveCapacity(count + 1)
        for element in self {
            if kept.count == count, let last = kept.last, !areInIncreasingOrder(element, last) {
                continue
            }
            let index = kept.firstIndex { areInIncreasingOrder(element, $0) } ?? kept.endIndex
            kept.insert(element, at: index)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
