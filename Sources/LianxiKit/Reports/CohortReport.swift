import Foundation
import SpacedRepetition
import Storage

/// The academy's view of a cohort: every associate's progress over a period, the cohort's
/// activity, and the words it fails most.
///
/// Pure: built from a ``StudySnapshot``; the CSV, JSON and HTML renderings are pure functions
/// of it. Periods are counted in each associate's own study days.
public struct CohortReport: Hashable, Sendable {
    /// The version of the report's JSON schema (docs/REPORTS.md).
    public static let version = 1
    /// Words in the cohort's hardest-words list.
    public static let hardestCount = 20

    /// When the report was made.
    public let generatedAt: Date
    /// The first day of the period (each associate's local date), or `nil` for all history.
    public let since: CalendarDate?
    /// The decks covered, in deck order.
    public let decks: [DeckTotal]
    /// One entry per associate, by name.
    public let associates: [AssociateProgress]
    /// The cohort's answers per day in the period (each answer on its associate's local date),
    /// oldest first, days without answers included.
    public let reviewsPerDay: [CohortDay]
    /// The words with the most failed answers in the period, most first.
    public let hardestWords: [CohortWord]

    /// Builds the report from `snapshot` at `now`.
    ///
    /// - Parameters:
    ///   - snapshot: the database's content.
    ///   - now: the moment of the report.
    ///   - since: the first study day of the period; `nil` takes all history.
    ///   - decks: only these decks (slugs); `nil` or empty takes every deck.
    public init(
        snapshot: StudySnapshot, now: Date, since: CalendarDate? = nil, decks: [String]? = nil
    ) {
        generatedAt = now
        self.since = since
        let chosen = decks.flatMap { $0.isEmpty ? nil : Set($0) }
        let cards = snapshot.cards.filter { chosen?.contains($0.deck) ?? true }
        let cardById = Dictionary(uniqueKeysWithValues: cards.map { ($0.id, $0) })
        var deckTotals: [DeckTotal] = []
        for card in cards {
            if deckTotals.last?.slug == card.deck {
                deckTotals[deckTotals.count - 1].cards += 1
            } else {
                deckTotals.append(
                    DeckTotal(
                        slug: card.deck, title: snapshot.deckTitles[card.deck] ?? card.deck,
                        cards: 1))
            }
        }
        self.decks = deckTotals

        var perDay: [Int: Int] = [:]
        var words: [Int64: CohortWord] = [:]
        associates = snapshot.associates.map { associate in
            let answers = (snapshot.answers[associate.id] ?? []).filter {
                cardById[$0.cardId] != nil
            }
            let progress = AssociateProgress(
                associate: associate, cards: cards,
                progress: snapshot.progress[associate.id] ?? [:],
                answers: answers, since: since, now: now)
            var days = DayNumbering(associate.dayCounting)
            var failedBy: Set<Int64> = []
            for answer in answers where answer.phaseBefore != .new {
                let day = days.day(of: answer.reviewedAt)
                guard since.map({ day >= $0.dayNumber }) ?? true,
                    let card = cardById[answer.cardId]
                else { continue }
                perDay[day, default: 0] += 1
                words[card.noteId, default: CohortWord(card)].answers += 1
                if answer.rating == .again {
                    words[card.noteId, default: CohortWord(card)].failed += 1
                    if failedBy.insert(card.noteId).inserted {
                        words[card.noteId, default: CohortWord(card)].associates += 1
                    }
                }
            }
            for answer in answers where answer.phaseBefore == .new {
                let day = days.day(of: answer.reviewedAt)
                if since.map({ day >= $0.dayNumber }) ?? true { perDay[day, default: 0] += 1 }
            }
            return progress
        }
        if let first = since?.dayNumber ?? perDay.keys.min(), let last = perDay.keys.max() {
            reviewsPerDay = (first...max(first, last)).map {
                CohortDay(date: CalendarDate(dayNumber: $0), answers: perDay[$0] ?? 0)
            }
        } else {
            reviewsPerDay = []
        }
        hardestWords = words.values.filter { $0.failed > 0 }
            .sorted { ($1.failed, $1.associates, $0.hanzi) < ($0.failed, $0.associates, $1.hanzi) }
            .prefix(Self.hardestCount).map { $0 }
    }
}

/// A deck in a report, with its number of cards.
public struct DeckTotal: Hashable, Sendable {
    /// The deck's slug.
    public let slug: String
    /// Its title.
    public let title: String
    /// Cards of its active notes.
    public var cards: Int
}

/// The cohort's answers on one day.
public struct CohortDay: Hashable, Sendable {
    /// The day.
    public let date: CalendarDate
    /// Answers by all associates.
    public let answers: Int
}

/// A word the cohort fails.
public struct CohortWord: Hashable, Sendable {
    /// The word.
    public let hanzi: String
    /// Its pinyin.
    public let pinyin: String
    /// Its English gloss.
    public let english: String
    /// Its deck's slug.
    public let deck: String
    /// Answers Again to its cards, after their first answer, in the period.
    public var failed = 0
    /// All answers to its cards after their first answer, in the period.
    public var answers = 0
    /// How many associates failed it at least once.
    public var associates = 0

    init(_ card: CardFacts) {
        hanzi = card.hanzi
        pinyin = card.pinyin
        english = card.english
        deck = card.deck
    }

    /// The share of answers that failed.
    public var failureRate: Double { answers == 0 ? 0 : Double(failed) / Double(answers) }
}

/// One associate's progress in a report.
public struct AssociateProgress: Hashable, Sendable {
    /// The login-style name.
    public let name: String
    /// The name people read.
    public let displayName: String
    /// The time zone their days are counted in.
    public let timeZone: String
    /// Cards answered for the first time in the period.
    public let cardsIntroduced: Int
    /// Cards answered at least once, ever.
    public let cardsStarted: Int
    /// Cards known now (see ``CardStatus``).
    public let cardsKnown: Int
    /// All cards of the report's decks.
    public let cardsTotal: Int
    /// Answers in the period.
    public let reviews: Int
    /// Minutes spent answering in the period.
    public let minutes: Double
    /// Days with at least one answer in the period.
    public let activeDays: Int
    /// The current streak and the longest run (over all history).
    public let streak: StreakSummary
    /// True retention in the period.
    public let retention: TrueRetention
    /// Cards new, learning and known by HSK level (every level, then `none`).
    public let levels: [Coverage]
    /// Cards new, learning and known by deck, in the report's deck order.
    public let decks: [Coverage]
    /// The time of the last answer, if any.
    public let lastActive: Date?

    init(
        associate: Associate, cards: [CardFacts], progress: [Int64: CardProgress],
        answers: [AnswerFacts], since: CalendarDate?, now: Date
    ) {
        name = associate.name
        displayName = associate.displayName
        timeZone = associate.timeZone
        var days = DayNumbering(associate.dayCounting)
        let first = since?.dayNumber ?? Int.min
        var introduced = 0
        var reviews = 0
        var seconds = 0.0
        var active: Set<Int> = []
        var studied: Set<Int> = []
        var classifier = RetentionClassifier()
        var retention = TrueRetention()
        for answer in answers {
            let day = days.day(of: answer.reviewedAt)
            studied.insert(day)
            let (counts, isMature) = classifier.classify(answer)
            guard day >= first else { continue }
            reviews += 1
            seconds += answer.duration ?? 0
            active.insert(day)
            if answer.phaseBefore == .new { introduced += 1 }
            if counts {
                if isMature {
                    retention.mature.add(answer.rating)
                } else {
                    retention.young.add(answer.rating)
                }
            }
        }
        cardsIntroduced = introduced
        self.reviews = reviews
        minutes = seconds / 60
        activeDays = active.count
        streak = StreakSummary(studied: studied, today: days.day(of: now))
        self.retention = retention
        levels = Coverage.count(
            cards, progress: progress, order: Coverage.levelOrder, group: Coverage.levelName)
        decks = Coverage.count(cards, progress: progress) { $0.deck }
        cardsStarted = decks.reduce(0) { $0 + $1.started }
        cardsKnown = decks.reduce(0) { $0 + $1.known }
        cardsTotal = cards.count
        lastActive = answers.last?.reviewedAt
    }
}
