import Foundation

/// The academy's view of a cohort: every associate's progress over a period, the cohort's
/// activity, and the words it fails most.
///
/// A plain value: `lianxi` builds it from its SQLite database, `lianxi-server` from PostgreSQL
/// aggregates; the CSV, JSON and HTML renderings are pure functions of it, so both sides write
/// the same bytes. Periods are counted in each associate's own study days.
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
    /// oldest first, from the first day with an answer to the last, days without answers
    /// between them included.
    public let reviewsPerDay: [CohortDay]
    /// The words with the most failed answers in the period, most first.
    public let hardestWords: [CohortWord]

    /// A report of these figures.
    public init(
        generatedAt: Date, since: CalendarDate?, decks: [DeckTotal],
        associates: [AssociateProgress], reviewsPerDay: [CohortDay], hardestWords: [CohortWord]
    ) {
        self.generatedAt = generatedAt
        self.since = since
        self.decks = decks
        self.associates = associates
        self.reviewsPerDay = reviewsPerDay
        self.hardestWords = hardestWords
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

    /// A deck of `cards` cards.
    public init(slug: String, title: String, cards: Int) {
        self.slug = slug
        self.title = title
        self.cards = cards
    }
}

/// The cohort's answers on one day.
public struct CohortDay: Hashable, Sendable {
    /// The day.
    public let date: CalendarDate
    /// Answers by all associates.
    public let answers: Int

    /// The answers of one day.
    public init(date: CalendarDate, answers: Int) {
        self.date = date
        self.answers = answers
    }
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

    /// A word with no answers counted yet.
    public init(hanzi: String, pinyin: String, english: String, deck: String) {
        self.hanzi = hanzi
        self.pinyin = pinyin
        self.english = english
        self.deck = deck
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

    /// An associate's figures.
    public init(
        name: String, displayName: String, timeZone: String, cardsIntroduced: Int,
        cardsStarted: Int, cardsKnown: Int, cardsTotal: Int, reviews: Int, minutes: Double,
        activeDays: Int, streak: StreakSummary, retention: TrueRetention, levels: [Coverage],
        decks: [Coverage], lastActive: Date?
    ) {
        self.name = name
        self.displayName = displayName
        self.timeZone = timeZone
        self.cardsIntroduced = cardsIntroduced
        self.cardsStarted = cardsStarted
        self.cardsKnown = cardsKnown
        self.cardsTotal = cardsTotal
        self.reviews = reviews
        self.minutes = minutes
        self.activeDays = activeDays
        self.streak = streak
        self.retention = retention
        self.levels = levels
        self.decks = decks
        self.lastActive = lastActive
    }
}
