import Foundation

// The academy's sync protocol, version 1: what travels between `lianxi sync` and
// `lianxi-server`. Every body is JSON with snake_case keys (``AcademyJSON``); docs/ACADEMY.md
// lists every endpoint with its request and response.

/// `POST /v1/enrol`: a device trades a one-time enrolment code for its own token.
public struct EnrolmentRequest: Codable, Hashable, Sendable {
    /// The code `lianxi-server associate add` printed.
    public var code: String
    /// A name for the device, shown to trainers (for example the laptop's host name).
    public var deviceName: String

    enum CodingKeys: String, CodingKey {
        case code
        case deviceName = "device_name"
    }

    /// Creates an enrolment request.
    public init(code: String, deviceName: String) {
        self.code = code
        self.deviceName = deviceName
    }
}

/// The answer to an enrolment: who the device studies as, and its token (shown once).
public struct EnrolmentResponse: Codable, Hashable, Sendable {
    /// The associate's name.
    public var associate: String
    /// The associate's cohort.
    public var cohort: String
    /// The device's bearer token; the server keeps only its hash.
    public var deviceToken: String

    enum CodingKeys: String, CodingKey {
        case associate
        case cohort
        case deviceToken = "device_token"
    }

    /// Creates an enrolment response.
    public init(associate: String, cohort: String, deviceToken: String) {
        self.associate = associate
        self.cohort = cohort
        self.deviceToken = deviceToken
    }
}

/// One answer as it travels: cards are named by deck slug, note key and card kind, because row
/// ids differ from one database to the next.
public struct SyncedAnswer: Codable, Hashable, Sendable {
    /// The answer's globally unique id: the same answer pushed twice is stored once.
    public var id: String
    /// The slug of the card's deck.
    public var deck: String
    /// The stable key of the card's note.
    public var note: String
    /// `recognition`, `production`, `pinyin` or `listening`.
    public var card: String
    /// When, in milliseconds since 1970 (UTC).
    public var reviewedAtMs: Int64
    /// 1 again, 2 hard, 3 good, 4 easy.
    public var rating: Int
    /// Milliseconds spent, if measured.
    public var durationMs: Int64?
    /// What the associate typed, on a typed card.
    public var typedAnswer: String?
    /// The answer checker's verdict on a typed pinyin card: `correct`, `tones-only` or `wrong`.
    public var verdict: String?
    /// The card's phase before the answer (`new`, `learning`, `review`, `relearning`), as the
    /// laptop's scheduler replayed it; for the academy's report (absent from older laptops).
    public var phaseBefore: String?
    /// The card's phase after the answer (`learning`, `review`, `relearning`).
    public var phaseAfter: String?
    /// Seconds from the answer to the card's next due moment.
    public var intervalSeconds: Double?
    /// The seconds the card's previous answer scheduled (none before its first answer): tells
    /// young from mature cards in true retention.
    public var previousIntervalSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case id
        case deck
        case note
        case card
        case reviewedAtMs = "reviewed_at_ms"
        case rating
        case durationMs = "duration_ms"
        case typedAnswer = "typed_answer"
        case verdict
        case phaseBefore = "phase_before"
        case phaseAfter = "phase_after"
        case intervalSeconds = "interval_seconds"
        case previousIntervalSeconds = "previous_interval_seconds"
    }

    /// Creates an answer.
    public init(
        id: String, deck: String, note: String, card: String, reviewedAtMs: Int64, rating: Int,
        durationMs: Int64?, typedAnswer: String? = nil, verdict: String? = nil,
        phaseBefore: String? = nil, phaseAfter: String? = nil, intervalSeconds: Double? = nil,
        previousIntervalSeconds: Double? = nil
    ) {
        self.phaseBefore = phaseBefore
        self.phaseAfter = phaseAfter
        self.intervalSeconds = intervalSeconds
        self.previousIntervalSeconds = previousIntervalSeconds
        self.id = id
        self.deck = deck
        self.note = note
        self.card = card
        self.reviewedAtMs = reviewedAtMs
        self.rating = rating
        self.durationMs = durationMs
        self.typedAnswer = typedAnswer
        self.verdict = verdict
    }
}

/// `POST /v1/answers`: a device sends answers the server has not acknowledged yet.
public struct PushRequest: Codable, Hashable, Sendable {
    /// At most ``AcademyLimits/answersPerPush`` answers.
    public var answers: [SyncedAnswer]

    /// Creates a push.
    public init(answers: [SyncedAnswer]) {
        self.answers = answers
    }
}

/// The answer to a push: every id the server now holds, whether stored now or before.
public struct PushResponse: Codable, Hashable, Sendable {
    /// The ids of the pushed answers the server holds.
    public var acknowledged: [String]
    /// How many of them this push added.
    public var added: Int

    /// Creates a push response.
    public init(acknowledged: [String], added: Int) {
        self.acknowledged = acknowledged
        self.added = added
    }
}

/// A deck as a trainer published it: the text of a Lianxi deck file.
public struct DeckRelease: Codable, Hashable, Sendable {
    /// The release's number; numbers grow in the order releases were published.
    public var id: Int64
    /// The deck's slug.
    public var slug: String
    /// The deck file's text (docs/DECK_FORMAT.md): every note the deck still has; notes the
    /// laptop has and this text lacks are retired there (kept as tombstones with their answers).
    public var text: String
    /// Who published it.
    public var publishedBy: String
    /// When, in milliseconds since 1970 (UTC).
    public var publishedAtMs: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case slug
        case text
        case publishedBy = "published_by"
        case publishedAtMs = "published_at_ms"
    }

    /// Creates a release.
    public init(id: Int64, slug: String, text: String, publishedBy: String, publishedAtMs: Int64) {
        self.id = id
        self.slug = slug
        self.text = text
        self.publishedBy = publishedBy
        self.publishedAtMs = publishedAtMs
    }
}

/// `GET /v1/pull?releases_after=R&answers_after=A`: what a device has not seen yet.
public struct PullResponse: Codable, Hashable, Sendable {
    /// The newest release of each deck published after the cursor, oldest first.
    public var releases: [DeckRelease]
    /// The associate's answers stored after the cursor (from every device), at most
    /// ``AcademyLimits/answersPerPull``.
    public var answers: [SyncedAnswer]
    /// The release cursor to send next time.
    public var releaseCursor: Int64
    /// The answer cursor to send next time.
    public var answerCursor: Int64
    /// Whether more answers wait after ``answerCursor``.
    public var more: Bool

    enum CodingKeys: String, CodingKey {
        case releases
        case answers
        case releaseCursor = "release_cursor"
        case answerCursor = "answer_cursor"
        case more
    }

    /// Creates a pull response.
    public init(
        releases: [DeckRelease], answers: [SyncedAnswer], releaseCursor: Int64,
        answerCursor: Int64, more: Bool
    ) {
        self.releases = releases
        self.answers = answers
        self.releaseCursor = releaseCursor
        self.answerCursor = answerCursor
        self.more = more
    }
}

/// One deck a trainer publishes.
public struct DeckUpload: Codable, Hashable, Sendable {
    /// The deck's slug.
    public var slug: String
    /// The text of the deck in Lianxi's deck file format, already checked by `lianxi`.
    public var text: String

    /// Creates an upload.
    public init(slug: String, text: String) {
        self.slug = slug
        self.text = text
    }
}

/// `POST /v1/decks`: a trainer publishes decks, all of them or none.
public struct PublishRequest: Codable, Hashable, Sendable {
    /// The decks.
    public var decks: [DeckUpload]

    /// Creates a publish request.
    public init(decks: [DeckUpload]) {
        self.decks = decks
    }
}

/// The answer to a publish: the release number of each deck, in the order sent.
public struct PublishResponse: Codable, Hashable, Sendable {
    /// The releases, without their text.
    public var releases: [PublishedRelease]

    /// Creates a publish response.
    public init(releases: [PublishedRelease]) {
        self.releases = releases
    }
}

/// A release as the trainer who published it sees it.
public struct PublishedRelease: Codable, Hashable, Sendable {
    /// The release number.
    public var id: Int64
    /// The deck's slug.
    public var slug: String

    /// Creates a published release.
    public init(id: Int64, slug: String) {
        self.id = id
        self.slug = slug
    }
}

/// `GET /v1/cohorts/NAME/answers?after_ms=T&after_id=ID`: a trainer reads a page of a
/// cohort's answers, in answer order (time, then id), after the answer (T, ID).
public struct CohortAnswers: Codable, Hashable, Sendable {
    /// The cohort.
    public var cohort: String
    /// The answers, in answer order.
    public var answers: [AssociateAnswer]
    /// Whether more answers wait after the last one.
    public var more: Bool

    /// Creates a page of a cohort's answers.
    public init(cohort: String, answers: [AssociateAnswer], more: Bool) {
        self.cohort = cohort
        self.answers = answers
        self.more = more
    }
}

/// An answer with the name of the associate who gave it.
public struct AssociateAnswer: Codable, Hashable, Sendable {
    /// The associate's name.
    public var associate: String
    /// The answer.
    public var answer: SyncedAnswer

    /// Creates an associate's answer.
    public init(associate: String, answer: SyncedAnswer) {
        self.associate = associate
        self.answer = answer
    }
}

/// Every error the server sends: a message for the person at the keyboard.
public struct ProblemResponse: Codable, Hashable, Sendable {
    /// What went wrong and what to do.
    public var error: String

    /// Creates an error body.
    public init(error: String) {
        self.error = error
    }
}
