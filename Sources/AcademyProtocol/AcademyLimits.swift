/// The bounds both sides hold every value from the network to.
public enum AcademyLimits {
    /// The protocol version, the first segment of every path (`/v1/...`).
    public static let version = 1
    /// The largest request body the server reads, in bytes.
    public static let maxBodyBytes = 8 * 1024 * 1024
    /// The most answers in one push.
    public static let answersPerPush = 5_000
    /// The most answers in one pull.
    public static let answersPerPull = 5_000
    /// The most decks in one publish.
    public static let decksPerPublish = 100
    /// The longest id, deck slug, note key, name or typed answer, in UTF-8 bytes.
    public static let maxTextBytes = 200
    /// The largest deck text, in UTF-8 bytes.
    public static let maxDeckBytes = 4 * 1024 * 1024
    /// The earliest plausible answer: 2000-01-01T00:00:00Z, in milliseconds since 1970.
    public static let earliestAnswerMs: Int64 = 946_684_800_000
    /// How far ahead of the server's clock an answer may be (a laptop's clock drifts): 1 day.
    public static let clockSlackMs: Int64 = 86_400_000
    /// The longest plausible time spent on one answer: 1 day.
    public static let maxDurationMs: Int64 = 86_400_000
    /// The card kinds.
    public static let cardKinds: Set<String> = [
        "recognition", "production", "pinyin", "listening",
    ]
    /// The typed-answer verdicts.
    public static let verdicts: Set<String> = ["correct", "tones-only", "wrong"]
}

extension SyncedAnswer {
    /// Every way this answer breaks the protocol's bounds; empty when it is fine.
    ///
    /// One sentence each, naming the field. `nowMs` is the checker's clock.
    public func problems(nowMs: Int64) -> [String] {
        var problems: [String] = []
        func text(_ value: String, _ field: String) {
            if value.isEmpty {
                problems.append("\(field) is empty")
            } else if value.utf8.count > AcademyLimits.maxTextBytes {
                problems.append("\(field) is longer than \(AcademyLimits.maxTextBytes) bytes")
            } else if value.unicodeScalars.contains(where: \.isControl) {
                problems.append("\(field) contains a control character")
            }
        }
        text(id, "id")
        text(deck, "deck")
        text(note, "note")
        if !AcademyLimits.cardKinds.contains(card) {
            problems.append("card must be recognition, production, pinyin or listening")
        }
        if !(1...4).contains(rating) {
            problems.append("rating must be 1, 2, 3 or 4, got \(rating)")
        }
        if reviewedAtMs < AcademyLimits.earliestAnswerMs {
            problems.append("reviewed_at_ms \(reviewedAtMs) is before 2000")
        } else if reviewedAtMs > nowMs + AcademyLimits.clockSlackMs {
            problems.append(
                "reviewed_at_ms \(reviewedAtMs) is in the future; check the device's clock")
        }
        if let durationMs, !(0...AcademyLimits.maxDurationMs).contains(durationMs) {
            problems.append("duration_ms must be between 0 and one day, got \(durationMs)")
        }
        if let typedAnswer, typedAnswer.utf8.count > AcademyLimits.maxTextBytes {
            problems.append("typed_answer is longer than \(AcademyLimits.maxTextBytes) bytes")
        }
        if let verdict, !AcademyLimits.verdicts.contains(verdict) {
            problems.append("verdict must be correct, tones-only or wrong")
        }
        problems += schedulingProblems
        return problems
    }
}

extension Unicode.Scalar {
    /// Whether this is a control character (general category Cc: C0, DEL and C1), tested by
    /// value: looking the category up in the Unicode tables cost a push of 5,000 answers a
    /// tenth of its time.
    var isControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}

extension DeckUpload {
    /// Every way this upload breaks the protocol's bounds; empty when it is fine.
    public var problems: [String] {
        var problems: [String] = []
        if !Self.isValidSlug(slug) {
            problems.append(
                "the slug \"\(slug.prefix(40))\" is not a deck slug (lower-case letters, digits "
                    + "and hyphens)")
        }
        if text.utf8.count > AcademyLimits.maxDeckBytes {
            problems.append("deck \(slug.prefix(40)) is larger than 4 MiB")
        }
        if text.isEmpty { problems.append("deck \(slug.prefix(40)) is empty") }
        return problems
    }

    /// Whether `slug` can be a deck slug: lower-case letters, digits and hyphens, as `lianxi`
    /// derives slugs from file names, at most ``AcademyLimits/maxTextBytes`` bytes.
    public static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.utf8.count <= AcademyLimits.maxTextBytes
            && slug.allSatisfy {
                ($0.isLetter && String($0) == $0.lowercased()) || $0.isNumber || $0 == "-"
            }
    }
}

extension String {
    /// Whether this is an account name: 1-64 letters, digits, `.`, `_` or `-`.
    public var isAcademyName: Bool {
        let scalars = unicodeScalars
        return (1...64).contains(scalars.count)
            && scalars.allSatisfy {
                $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "."
                    || $0 == "_" || $0 == "-"
            }
    }
}
