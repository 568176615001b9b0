import Foundation
import SpacedRepetition

/// What the trainer's sections are computed from: every associate's answers and settings, the
/// words of the decks and the deck releases each associate holds.
///
/// Plain values, built by the laptop from SQLite and by the server from PostgreSQL; the same
/// history gives the same sections on both sides.
public struct CohortHistory: Hashable, Sendable {
    /// The associates, in any order (the sections sort them by name).
    public var associates: [AssociateHistory]
    /// The words the answers are to, by deck and note.
    public var words: [NoteKey: WordLabel]
    /// The newest release of each deck, by slug, to tell who is behind.
    public var latestReleases: [String: String]

    /// Creates a history.
    public init(
        associates: [AssociateHistory], words: [NoteKey: WordLabel] = [:],
        latestReleases: [String: String] = [:]
    ) {
        self.associates = associates
        self.words = words
        self.latestReleases = latestReleases
    }
}

/// A note named portably: its deck's slug and its stable key.
public struct NoteKey: Hashable, Sendable, Comparable {
    /// The deck's slug.
    public var deck: String
    /// The note's stable key within the deck.
    public var note: String

    /// Creates a note key.
    public init(deck: String, note: String) {
        self.deck = deck
        self.note = note
    }

    /// Deck, then note, compared as text.
    public static func < (lhs: NoteKey, rhs: NoteKey) -> Bool {
        (lhs.deck, lhs.note) < (rhs.deck, rhs.note)
    }
}

/// What a word looks like to a trainer.
public struct WordLabel: Hashable, Sendable {
    /// The word in characters.
    public var hanzi: String
    /// Its pinyin with tone marks.
    public var pinyin: String
    /// Its English gloss.
    public var english: String

    /// Creates a label.
    public init(hanzi: String, pinyin: String, english: String) {
        self.hanzi = hanzi
        self.pinyin = pinyin
        self.english = english
    }
}

/// The three kinds of card a word has.
public enum CardSide: String, CaseIterable, Hashable, Sendable {
    /// Hanzi shown, pinyin and meaning recalled and graded by the associate.
    case recognition
    /// Meaning shown, the characters written.
    case production
    /// Hanzi shown, the pinyin typed and checked.
    case pinyin
}

/// One answer of an associate.
public struct HistoryAnswer: Hashable, Sendable {
    /// The word answered.
    public var note: NoteKey
    /// Which of its cards.
    public var side: CardSide
    /// When (UTC).
    public var reviewedAt: Date
    /// The rating given.
    public var rating: Rating
    /// The answer checker's verdict, on a typed pinyin card whose answer was checked.
    public var verdict: AnswerVerdict?

    /// Creates an answer.
    public init(
        note: NoteKey, side: CardSide, reviewedAt: Date, rating: Rating,
        verdict: AnswerVerdict? = nil
    ) {
        self.note = note
        self.side = side
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.verdict = verdict
    }
}

/// A deck release an associate holds.
public struct HeldRelease: Hashable, Sendable {
    /// The deck's slug.
    public var deck: String
    /// The release as the trainer knows it: the server's release number (`#12`) or the deck
    /// file's version.
    public var release: String

    /// Creates a held release.
    public init(deck: String, release: String) {
        self.deck = deck
        self.release = release
    }
}

/// One associate: who, their settings, their answers and the deck releases they hold.
public struct AssociateHistory: Hashable, Sendable {
    /// The login-style name.
    public var name: String
    /// The name people read.
    public var displayName: String
    /// The desired retention they study for (their target).
    public var targetRetention: Double
    /// How their study days are counted.
    public var dayCounting: DayCounting
    /// Their FSRS parameters.
    public var parameters: Parameters
    /// New cards a day.
    public var newCardsPerDay: Int
    /// Their daily review limit, if any.
    public var reviewsPerDay: Int?
    /// Cards of their decks never answered yet.
    public var newCardsLeft: Int
    /// Every answer, in any order (sorted by time when read).
    public var answers: [HistoryAnswer]
    /// The deck releases they hold.
    public var releases: [HeldRelease]

    /// Creates an associate's history.
    public init(
        name: String, displayName: String, targetRetention: Double = 0.9,
        dayCounting: DayCounting = .calendarDays(
            timeZone: TimeZone(identifier: "UTC") ?? .current, rolloverHour: 4),
        parameters: Parameters = .default, newCardsPerDay: Int = 20, reviewsPerDay: Int? = nil,
        newCardsLeft: Int = 0, answers: [HistoryAnswer], releases: [HeldRelease] = []
    ) {
        self.name = name
        self.displayName = displayName
        self.targetRetention = targetRetention
        self.dayCounting = dayCounting
        self.parameters = parameters
        self.newCardsPerDay = newCardsPerDay
        self.reviewsPerDay = reviewsPerDay
        self.newCardsLeft = newCardsLeft
        self.answers = answers
        self.releases = releases
    }
}
