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

    /// Computes the statistics of `associate`.
    ///
    /// - Parameters:
    ///   - associate: whose statistics.
    ///   - cards: the cards of active notes, in deck order.
    ///   - progress: the associate's stored progress, by card id.
    ///   - answers: the associate's answers in time order.
    ///   - scheduler: the associate's scheduler, for retrievability.
    ///   - now: the moment.
    public init(
        associate: Associate, cards: [CardFacts], progress: [Int64: CardProgress],
        answers: [AnswerFacts], scheduler: any Scheduler, now: Date
    ) {
        self.associate = associate.name
        self.now = now
        var days = DayNumbering(associate.dayCounting)
        let studyDay = StudyDay(containing: now, counting: associate.dayCounting)
        let todayNumber = studyDay.number
        today = CalendarDate(dayNumber: todayNumber)

        // One pass over the answers: per-day counts, true retention, time, today's new cards.
        var answersByDay: [Int: Int] = [:]
        var secondsByDay: [Int: Double] = [:]
        var classifier = RetentionClassifier()
        let periods = RetentionPeriod.Span.allCases
        var retentionCounts = Array(repeating: TrueRetention(), count: periods.count)
        var startedToday = 0
        for answer in answers {
            let day = days.day(of: answer.reviewedAt)
            answersByDay[day, default: 0] += 1
            secondsByDay[day, default: 0] += answer.duration ?? 0
            if day == todayNumber, answer.phaseBefore == .new { startedToday += 1 }
            let (counts, isMature) = classifier.classify(answer)
            guard counts else { continue }
            for (index, span) in periods.enumerated() where todayNumber - day < span.days {
                if isMature {
                    retentionCounts[index].mature.add(answer.rating)
                } else {
                    retentionCounts[index].young.add(answer.rating)
                }
            }
        }
        retention = zip(periods, retentionCounts).map {
            RetentionPeriod(period: $0.0, retention: $0.1)
        }
        streak = StreakSummary(studied: Set(answersByDay.keys), today: todayNumber)
        reviewsPerDay = ((todayNumber - Self.activityDays + 1)...todayNumber).map {
            DayActivity(
                date: CalendarDate(dayNumber: $0), answers: answersByDay[$0] ?? 0,
                seconds: secondsByDay[$0] ?? 0)
        }
        let todayDate = CalendarDate(dayNumber: todayNumber)
        let heatmapStart = todayNumber - todayDate.weekday - (Self.heatmapWeeks - 1) * 7
        heatmap = (heatmapStart...todayNumber).map {
            DayActivity(
                date: CalendarDate(dayNumber: $0), answers: answersByDay[$0] ?? 0,
                seconds: secondsByDay[$0] ?? 0)
        }
        timeStudied = TimeStudied(
            seconds: secondsByDay.map { (todayNumber - $0.key, $0.value) })

        // One pass over the cards: today's load, forecast, coverage, hardest words.
        var dueNow = 0
        var dueLaterToday = 0
        var newLeft = 0
        var load = Array(repeating: 0, count: Self.forecastDays)
        var studied: [(card: CardFacts, progress: CardProgress, retrievability: Double)] = []
        for card in cards {
            guard let progress = progress[card.id], progress.state.phase != .new else {
                let state = progress[card.id]
                if state?.isSuspended != true, state?.buriedUntil.map({ $0 <= now }) ?? true {
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
            cards, progress: progress, order: Coverage.levelOrder, group: Coverage.levelName
        ).filter { $0.total > 0 }
        coverageByDeck = Coverage.count(cards, progress: progress) { $0.deck }
        mostLapses = studied.filter { $0.progress.state.lapses > 0 }
            .sorted {
                ($1.progress.state.lapses, $0.retrievability, $0.card.id)
                    < ($0.progress.state.lapses, $1.retrievability, $1.card.id)
            }
            .prefix(Self.hardestCount).map { HardWord($0.card, $0.progress, $0.retrievability) }
        lowestRetrievability = studied.sorted {
            ($0.retrievability, $0.card.id) < ($1.retrievability, $1.card.id)
        }
        .prefix(Self.hardestCount).map { HardWord($0.card, $0.progress, $0.retrievability) }
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
    /// The statistics of `associate` from a snapshot of the database.
    public init(snapshot: StudySnapshot, associate: Associate, now: Date) throws {
        self.init(
            associate: associate, cards: snapshot.cards(studiedBy: associate),
            progress: snapshot.progress[associate.id] ?? [:],
            answers: snapshot.answers[associate.id] ?? [], scheduler: try associate.makeScheduler(),
            now: now)
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

    /// Sums `seconds` given as (days before today, seconds) pairs.
    init(seconds: [(daysAgo: Int, seconds: Double)]) {
        func minutes(within days: Int) -> Double {
            seconds.filter { $0.daysAgo < days }.reduce(0) { $0 + $1.seconds } / 60
        }
        today = minutes(within: 1)
        week = minutes(within: 7)
        month = minutes(within: 30)
        total = seconds.reduce(0) { $0 + $1.seconds } / 60
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
