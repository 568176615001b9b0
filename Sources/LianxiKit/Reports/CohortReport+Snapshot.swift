import CohortReporting
import Foundation
import SpacedRepetition
import Storage

extension CohortReport {
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
        // From the first day with an answer in the period, not from `since`: a period that
        // starts in year 1 must not make a list of 740,000 empty days.
        var reviewsPerDay: [CohortDay] = []
        if let start = perDay.keys.min(), let last = perDay.keys.max() {
            reviewsPerDay = (start...last).map {
                CohortDay(date: CalendarDate(dayNumber: $0), answers: perDay[$0] ?? 0)
            }
        }
        let hardestWords = noteFailures.indices.filter { noteFailures[$0] > 0 }
            .map { note in
                var word = CohortWord(cards[firstCardOfNote[note]])
                word.failed = noteFailures[note]
                word.answers = noteAnswers[note]
                word.associates = noteAssociates[note]
                return word
            }
            .sorted { ($1.failed, $1.associates, $0.hanzi) < ($0.failed, $0.associates, $1.hanzi) }
            .prefix(Self.hardestCount).map { $0 }
        self.init(
            generatedAt: now, since: since, decks: deckTotals, associates: progress,
            reviewsPerDay: reviewsPerDay, hardestWords: hardestWords)
    }
}

/// An answer to a card of the report, with the card's index and the associate's study day.
struct ReportAnswer {
    let answer: AnswerFacts
    let card: Int
    let day: Int
}

extension CohortWord {
    init(_ card: CardFacts) {
        self.init(hanzi: card.hanzi, pinyin: card.pinyin, english: card.english, deck: card.deck)
    }
}

extension AssociateProgress {
    init(
        associate: Associate, cards: [CardFacts], progress: [Int64: CardProgress],
        answers: [ReportAnswer], firstDay: Int, today: Int
    ) {
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
        let decks = Coverage.count(cards, progress: progress) { $0.deck }
        self.init(
            name: associate.name, displayName: associate.displayName,
            timeZone: associate.timeZone, cardsIntroduced: introduced,
            cardsStarted: decks.reduce(0) { $0 + $1.started },
            cardsKnown: decks.reduce(0) { $0 + $1.known }, cardsTotal: cards.count,
            reviews: reviews, minutes: seconds / 60, activeDays: active,
            streak: StreakSummary(studied: studied, today: today), retention: retention,
            levels: Coverage.count(
                cards, progress: progress, order: Coverage.levelOrder, group: Coverage.levelName),
            decks: decks, lastActive: answers.last?.answer.reviewedAt)
    }
}
