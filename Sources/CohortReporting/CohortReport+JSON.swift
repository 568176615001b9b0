import Foundation

extension CohortReport {
    /// The report as JSON: keys sorted, times in UTC ISO 8601, two-space indentation, a final
    /// newline; the schema is in docs/REPORTS.md.
    public func json() throws -> String {
        try Self.encode(Document(self))
    }

    /// `value` as sorted, pretty-printed JSON with a final newline (every JSON Lianxi writes
    /// for people and scripts).
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    private struct Document: Encodable {
        let version: Int
        let generatedAt: String
        let period: Period
        let decks: [Deck]
        let associates: [Associate]
        let cohort: Cohort

        init(_ report: CohortReport) {
            version = CohortReport.version
            generatedAt = report.generatedAt.isoTimestamp
            period = Period(since: report.since?.description, until: generatedAt)
            decks = report.decks.map { Deck(slug: $0.slug, title: $0.title, cards: $0.cards) }
            associates = report.associates.map(Associate.init)
            cohort = Cohort(
                reviewsPerDay: report.reviewsPerDay.map {
                    Day(date: $0.date.description, answers: $0.answers)
                },
                hardestWords: report.hardestWords.map(Word.init))
        }
    }

    private struct Period: Encodable {
        let since: String?
        let until: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(since, forKey: .since)
            try container.encode(until, forKey: .until)
        }

        private enum CodingKeys: String, CodingKey { case since, until }
    }

    private struct Deck: Encodable {
        let slug: String
        let title: String
        let cards: Int
    }

    private struct Cards: Encodable {
        let introduced: Int
        let started: Int
        let known: Int
        let total: Int
    }

    private struct Associate: Encodable {
        let name: String
        let displayName: String
        let timeZone: String
        let cards: Cards
        let reviews: Int
        let minutes: Double
        let activeDays: Int
        let streak: StreakSummary
        let retention: TrueRetention
        let hskLevels: [Coverage]
        let decks: [Coverage]
        let lastActive: String?

        init(_ progress: AssociateProgress) {
            name = progress.name
            displayName = progress.displayName
            timeZone = progress.timeZone
            cards = Cards(
                introduced: progress.cardsIntroduced, started: progress.cardsStarted,
                known: progress.cardsKnown, total: progress.cardsTotal)
            reviews = progress.reviews
            minutes = rounded(progress.minutes, places: 1)
            activeDays = progress.activeDays
            streak = progress.streak
            retention = progress.retention
            hskLevels = progress.levels
            decks = progress.decks
            lastActive = progress.lastActive?.isoTimestamp
        }

        private enum CodingKeys: String, CodingKey {
            case name, displayName, timeZone, cards, reviews, minutes, activeDays, streak
            case retention, hskLevels, decks, lastActive
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(displayName, forKey: .displayName)
            try container.encode(timeZone, forKey: .timeZone)
            try container.encode(cards, forKey: .cards)
            try container.encode(reviews, forKey: .reviews)
            try container.encode(minutes, forKey: .minutes)
            try container.encode(activeDays, forKey: .activeDays)
            try container.encode(streak, forKey: .streak)
            try container.encode(retention, forKey: .retention)
            try container.encode(hskLevels, forKey: .hskLevels)
            try container.encode(decks, forKey: .decks)
            try container.encode(lastActive, forKey: .lastActive)
        }
    }

    private struct Cohort: Encodable {
        let reviewsPerDay: [Day]
        let hardestWords: [Word]
    }

    private struct Day: Encodable {
        let date: String
        let answers: Int
    }

    private struct Word: Encodable {
        let hanzi: String
        let pinyin: String
        let english: String
        let deck: String
        let failed: Int
        let answers: Int
        let associates: Int
        let failureRate: Double

        init(_ word: CohortWord) {
            hanzi = word.hanzi
            pinyin = word.pinyin
            english = word.english
            deck = word.deck
            failed = word.failed
            answers = word.answers
            associates = word.associates
            failureRate = rounded(word.failureRate, places: 4)
        }
    }
}
