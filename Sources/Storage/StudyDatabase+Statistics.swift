import Foundation
import GRDB
import SpacedRepetition

/// A card of an active note, with what statistics and reports show of its note.
public struct CardFacts: Hashable, Sendable {
    /// The card's id.
    public let id: Int64
    /// The note's id (the word; its cards are siblings).
    public let noteId: Int64
    /// How the note is studied on this card.
    public let kind: CardKind
    /// The slug of the note's deck.
    public let deck: String
    /// The word in simplified characters.
    public let hanzi: String
    /// Its pinyin with tone marks.
    public let pinyin: String
    /// Its English gloss.
    public let english: String
    /// Its HSK 3.0 level, if an official list has it.
    public let hskLevel: HSKLevel?

    /// Creates card facts.
    public init(
        id: Int64, noteId: Int64, kind: CardKind, deck: String, hanzi: String, pinyin: String,
        english: String, hskLevel: HSKLevel?
    ) {
        self.id = id
        self.noteId = noteId
        self.kind = kind
        self.deck = deck
        self.hanzi = hanzi
        self.pinyin = pinyin
        self.english = english
        self.hskLevel = hskLevel
    }
}

/// The phase a card was in when it was answered, without its learning step.
public enum PhaseName: String, CaseIterable, Hashable, Sendable {
    /// Never answered before.
    case new
    /// In its learning steps.
    case learning
    /// On long-term review.
    case review
    /// Forgotten, in its relearning steps.
    case relearning
}

/// One answer, reduced to what statistics need.
public struct AnswerFacts: Hashable, Sendable {
    /// The card answered.
    public let cardId: Int64
    /// When (UTC).
    public let reviewedAt: Date
    /// The rating.
    public let rating: Rating
    /// Seconds spent, if measured.
    public let duration: Double?
    /// The card's phase before the answer.
    public let phaseBefore: PhaseName
    /// Seconds until the card was due again after this answer.
    public let interval: Double

    /// Creates answer facts.
    public init(
        cardId: Int64, reviewedAt: Date, rating: Rating, duration: Double?,
        phaseBefore: PhaseName, interval: Double
    ) {
        self.cardId = cardId
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.duration = duration
        self.phaseBefore = phaseBefore
        self.interval = interval
    }
}

/// How a snapshot holds the answers.
public enum AnswerDetail: Hashable, Sendable {
    /// Every answer (``StudySnapshot/answers``), for reports that follow cards through time.
    case everyAnswer
    /// Only their tally per quarter hour (``StudySnapshot/tallies``): what `lianxi stats`
    /// needs, a row per quarter hour studied instead of a row per answer.
    case quarterHours
}

/// Everything statistics and reports read, taken in one read transaction.
public struct StudySnapshot: Sendable {
    /// The associates, by name.
    public let associates: [Associate]
    /// The title of each deck, by slug.
    public let deckTitles: [String: String]
    /// The cards of active notes, in deck order.
    public let cards: [CardFacts]
    /// Each associate's stored progress, by associate id, then card id.
    public let progress: [Int64: [Int64: CardProgress]]
    /// How the answers were read: every answer or the tally.
    public let detail: AnswerDetail
    /// Each associate's answers in time order, by associate id (none for
    /// ``AnswerDetail/quarterHours``).
    public let answers: [Int64: [AnswerFacts]]
    /// Each associate's answers added up per quarter hour, in time order, by associate id
    /// (none for ``AnswerDetail/everyAnswer``).
    public let tallies: [Int64: [QuarterHourTally]]

    /// Creates a snapshot of every answer (tests build them by hand).
    public init(
        associates: [Associate], deckTitles: [String: String], cards: [CardFacts],
        progress: [Int64: [Int64: CardProgress]], answers: [Int64: [AnswerFacts]]
    ) {
        self.associates = associates
        self.deckTitles = deckTitles
        self.cards = cards
        self.progress = progress
        self.detail = .everyAnswer
        self.answers = answers
        self.tallies = [:]
    }

    /// Creates a snapshot of the answers' tally.
    public init(
        associates: [Associate], deckTitles: [String: String], cards: [CardFacts],
        progress: [Int64: [Int64: CardProgress]], tallies: [Int64: [QuarterHourTally]]
    ) {
        self.associates = associates
        self.deckTitles = deckTitles
        self.cards = cards
        self.progress = progress
        self.detail = .quarterHours
        self.answers = [:]
        self.tallies = tallies
    }
}

extension StudyDatabase {
    /// A snapshot for statistics: one associate (`associateId`) or all of them (`nil`), with
    /// every answer or only their tally (`detail`).
    ///
    /// Four queries in one read transaction, so a report sees one consistent moment even while
    /// someone studies; rows are read by position, without record decoding (a cohort has
    /// hundreds of thousands of answers).
    public func studySnapshot(
        for associateId: Int64? = nil, detail: AnswerDetail = .everyAnswer
    ) throws -> StudySnapshot {
        try writer.read { db in
            let filter = associateId == nil ? "" : "WHERE associate_id = :associate"
            let stateFilter = associateId == nil ? "" : "WHERE cs.associate_id = :associate"
            let arguments: StatementArguments = associateId.map { ["associate": $0] } ?? [:]
            let associates = try AssociateRecord.order(Column("name")).fetchAll(db)
                .map(\.associate).filter { associateId == nil || $0.id == associateId }
            var deckTitles: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT slug, title FROM deck") {
                deckTitles[row[0]] = row[1]
            }
            // A note's cards follow it in kind order: its row is read once and its texts
            // shared by its cards (sorting the notes' cards, texts and all, took a fifth of
            // `lianxi stats` on a large collection).
            let kinds = CardKind.allCases.sorted { $0.number < $1.number }
            var cards: [CardFacts] = []
            let noteRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT n.id, d.slug, n.hanzi, n.pinyin, n.english, n.hsk_level
                    FROM note n JOIN deck d ON d.id = n.deck_id
                    WHERE n.retired_at_ms IS NULL
                    ORDER BY d.id, n.position, n.id
                    """)
            while let row = try noteRows.next() {
                let noteId: Int64 = row[0]
                let (deck, hanzi, pinyin, english): (String, String, String, String) = (
                    row[1], row[2], row[3], row[4]
                )
                let level = (row[5] as String?).flatMap(HSKLevel.init(rawValue:))
                for kind in kinds {
                    cards.append(
                        CardFacts(
                            id: CardNumbering.cardId(note: noteId, kind: kind), noteId: noteId,
                            kind: kind, deck: deck, hanzi: hanzi, pinyin: pinyin,
                            english: english, hskLevel: level))
                }
            }
            var progress: [Int64: [Int64: CardProgress]] = [:]
            let stateRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT cs.associate_id, cs.card_id, \(CardStateRecord.progressColumns)
                    FROM card_state cs \(stateFilter)
                    """, arguments: arguments)
            // Gathered in lists, then made into dictionaries of the right size at once (growing
            // them row by row showed in `lianxi stats`).
            var states: [Int64: [(Int64, CardProgress)]] = [:]
            while let row = try stateRows.next() {
                states[row[0], default: []].append(
                    (row[1], CardStateRecord.progress(row: row, startingAt: 2)))
            }
            for (associate, list) in states {
                progress[associate] = Dictionary(list) { first, _ in first }
            }
            if detail == .quarterHours {
                var tallies: [Int64: [QuarterHourTally]] = [:]
                for associate in associates {
                    tallies[associate.id] = try Self.storedTally(db, of: associate.id)
                }
                return StudySnapshot(
                    associates: associates, deckTitles: deckTitles, cards: cards,
                    progress: progress, tallies: tallies)
            }
            var answers: [Int64: [AnswerFacts]] = [:]
            // Read in table order and sorted here: walking the time index would look up every
            // row in the table, which takes longer than reading it all and sorting (`NOT
            // INDEXED`: SQLite would walk the index to find one associate's answers; on a
            // million answers, the lookups were a quarter of `lianxi stats`).
            try Self.readAnswers(db, where: filter, arguments: arguments) {
                answers[$0, default: []].append($1)
            }
            for key in answers.keys { answers[key]?.sort { $0.reviewedAt < $1.reviewedAt } }
            // Two answers to one card in the same millisecond (merged from two devices, or
            // stored before answers were stamped apart) are put in the log's order, time then
            // id (``AnswerOrder``): only then are that associate's answers read in that order,
            // with the ids compared by SQLite.
            for (associate, list) in answers where Self.hasTies(list) {
                var ordered: [AnswerFacts] = []
                try Self.readAnswers(
                    db, where: "WHERE associate_id = :tied", arguments: ["tied": associate],
                    order: "ORDER BY reviewed_at_ms, id"
                ) { ordered.append($1) }
                answers[associate] = ordered
            }
            return StudySnapshot(
                associates: associates, deckTitles: deckTitles, cards: cards,
                progress: progress, answers: answers)
        }
    }
}

extension StudyDatabase {
    /// Reads the answers `filter` selects, in `order`, passing each with its associate's id.
    fileprivate static func readAnswers(
        _ db: Database, where filter: String, arguments: StatementArguments, order: String = "",
        _ body: (Int64, AnswerFacts) -> Void
    ) throws {
        // The phase comes as its position in this list (comparing strings for each of a
        // cohort's answers shows in the report's time).
        let phases: [PhaseName] = [.new, .learning, .review, .relearning]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT associate_id, card_id, reviewed_at_ms, rating, duration_ms,
                    CASE phase_before WHEN 'new' THEN 0 WHEN 'learning' THEN 1
                        WHEN 'review' THEN 2 ELSE 3 END,
                    interval_seconds
                FROM review_log \(order.isEmpty ? "NOT INDEXED" : "") \(filter) \(order)
                """, arguments: arguments)
        while let row = try rows.next() {
            let duration: Int64? = row[4]
            body(
                row[0],
                AnswerFacts(
                    cardId: row[1], reviewedAt: Date(milliseconds: row[2]),
                    rating: Rating(rawValue: row[3]) ?? .again,
                    duration: duration.map { Double($0) / 1000 },
                    phaseBefore: phases[row[5] as Int], interval: row[6]))
        }
    }

    /// Whether two answers to one card share a millisecond in `answers` (sorted by time).
    fileprivate static func hasTies(_ answers: [AnswerFacts]) -> Bool {
        var start = 0
        while start < answers.count {
            var end = start + 1
            while end < answers.count, answers[end].reviewedAt == answers[start].reviewedAt {
                end += 1
            }
            if end - start > 1 {
                var cards: Set<Int64> = []
                for answer in answers[start..<end] where !cards.insert(answer.cardId).inserted {
                    return true
                }
            }
            start = end
        }
        return false
    }
}
