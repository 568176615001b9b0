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
    /// oldest first, from the first day with an answer to the last, days without answers
    /// between them included.
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
        let cards = snapshot.cardsStudiedByAnyone.filter { chosen?.contains($0.deck) ?? true }
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

        // Cards and words by dense index: counting in arrays keeps the hundreds of thousands
        // of answers of a cohort away from hashing and copying strings.
        var cardIndex: [Int64: Int] = [:]
        var noteIndex: [Int64: Int] = [:]
        var noteOfCard: [Int] = []
        var firstCardOfNote: [Int] = []
        for (index, card) in cards.enumerated() {
            cardIndex[card.id] = index
            if let note = noteIndex[card.noteId] {
                noteOfCard.append(note)
            } else {
                noteIndex[card.noteId] = firstCardOfNote.count
                noteOfCard.append(firstCardOfNote.count)
                firstCardOfNote.append(index)
            }
        }
        var noteAnswers = Array(repeating: 0, count: firstCardOfNote.count)
        var noteFailures = Array(repeating: 0, count: firstCardOfNote.count)
        var noteAssociates = Array(repeating: 0, count: firstCardOfNote.count)
        var lastFailedBy = Array(repeating: -1, count: firstCardOfNote.count)
        var perDay: [Int: Int] = [:]
        let first = since?.dayNumber ?? Int.min
        var progress: [AssociateProgress] = []
        for (position, associate) in snapshot.associates.enumerated() {
            var numbering = DayNumbering(associate.dayCounting)
            var entries: [ReportAnswer] = []
            entries.reserveCapacity(snapshot.answers[associate.id]?.count ?? 0)
            for answer in snapshot.answers[associate.id] ?? [] {
                guard let card = cardIndex[answer.cardId] else { continue }
                entries.append(
                    ReportAnswer(
                        answer: answer, card: card, day: numbering.day(of: answer.reviewedAt)))
            }
            progress.append(
                AssociateProgress(
                    associate: associate, cards: cards,
                    progress: snapshot.progress[associate.id] ?? [:], answers: entries,
                    firstDay: first, today: numbering.day(of: now)))
            for entry in entries where entry.day >= first {
                perDay[entry.day, default: 0] += 1
                guard entry.answer.phaseBefore != .new else { continue }
                let note = noteOfCard[entry.card]
                noteAnswers[note] += 1
                if entry.answer.rating == .again {
                    noteFailures[note] += 1
                    if lastFailedBy[note] != position {
                        lastFailedBy[note] = position
                        noteAssociates[note] += 1
                    }
                }
            }
        }
        associates = progress
        // From the first day with an answer in the period, not from `since`: a period that
        // starts in year 1 must not make a list of 740,000 empty days.
        if let start = perDay.keys.min(), let last = perDay.keys.max() {
            reviewsPerDay = (start...last).map {
                CohortDay(date: CalendarDate(dayNumber: $0), answers: perDay[$0] ?? 0)
            }
        } else {
            reviewsPerDay = []
        }
        hardestWords = noteFailures.indices.filter { noteFailures[$0] > 0 }
            .map { note in
                var word = CohortWord(cards[firstCardOfNote[note]])
                word.failed = noteFailures[note]
                word.answers = noteAnswers[note]
                word.associates = noteAssociates[note]
                return word
            }
            .sorted { ($1.failed, $1.associates, $0.hanzi) < ($0.failed, $0.associates, $1.hanzi) }
            .prefix(Self.hardestCount).map { $0 }
    }
}

/// An answer to a card of the report, with the card's index and the associate's study day.
struct ReportAnswer {
    let answer: AnswerFacts
    let card: Int
    let day: Int
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
        answers: [ReportAnswer], firstDay: Int, today: Int
    ) {
        name = associate.name
        displayName = associate.displayName
        timeZone = associate.timeZone
        var introduced = 0
        var reviews = 0
        var seconds = 0.0
        var active = 0
        var studied: Set<Int> = []
        var lastInterval = Array(repeating: 0.0, count: cards.count)
        var retention = TrueRetention()
        // Answers come in time order, so their days never go back.
        var previousDay = Int.min
        for entry in answers {
            let answer = entry.answer
            let before = lastInterval[entry.card]
            lastInterval[entry.card] = answer.interval
            let isNewDay = entry.day != previousDay
            previousDay = entry.day
            if isNewDay { studied.insert(entry.day) }
            guard entry.day >= firstDay else { continue }
            reviews += 1
            seconds += answer.duration ?? 0
            if isNewDay { active += 1 }
            if answer.phaseBefore == .new { introduced += 1 }
            if answer.phaseBefore == .review {
                if RetentionClassifier.isMature(previousInterval: before) {
                    retention.mature.add(answer.rating)
                } else {
                    retention.young.add(answer.rating)
                }
            }
        }
        let activeDays = active
        cardsIntroduced = introduced
        self.reviews = reviews
        minutes = seconds / 60
        self.activeDays = activeDays
        streak = StreakSummary(studied: studied, today: today)
        self.retention = retention
        levels = Coverage.count(
            cards, progress: progress, order: Coverage.levelOrder, group: Coverage.levelName)
        decks = Coverage.count(cards, progress: progress) { $0.deck }
        cardsStarted = decks.reduce(0) { $0 + $1.started }
        cardsKnown = decks.reduce(0) { $0 + $1.known }
        cardsTotal = cards.count
        lastActive = answers.last?.answer.reviewedAt
    }
}
