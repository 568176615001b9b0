import AcademyProtocol
import CohortInsights
import Foundation
import PostgresNIO
import SpacedRepetition

extension AcademyStore {
    /// Remembers the release cursor a device pulls from: the laptop stores the releases it
    /// pulled and its new cursor in one transaction, so the cursor it sends says which
    /// releases it holds.
    func recordReleasesHeld(deviceId: Int64, cursor: Int64) async throws {
        for try await _ in try await client.execute(
            RecordReleasesHeld(deviceId: deviceId, cursor: cursor), logger: logger)
        {}
    }

    /// The history of the cohort called `cohort`, for the trainer's sections, if the trainer
    /// trains it (403 otherwise).
    func cohortHistory(_ cohort: String, trainerId: Int64) async throws -> CohortHistory {
        let rows = try await client.query(
            """
            SELECT 1 FROM cohort c JOIN trainer_cohort tc ON tc.cohort_id = c.id
            WHERE c.name = \(cohort) AND tc.trainer_id = \(trainerId)
            """, logger: logger)
        var trains = false
        for try await _ in rows.decode(Int32.self) { trains = true }
        guard trains else {
            throw AcademyFailure.forbidden(
                "you do not train a cohort called \(cohort.prefix(64)); ask the academy office "
                    + "to add you to it")
        }
        return try await cohortHistory(cohort)
    }

    /// The history of the cohort called `cohort`, read in one snapshot: every associate with
    /// their settings, answers and verdicts, the deck releases their devices hold, and the
    /// words of the newest release of each deck.
    ///
    /// An associate's settings are those their laptops sent (`associate_setting`): their
    /// target retention, FSRS parameters, new cards and review limit a day, and the name,
    /// time zone and day start the office's report profile gives when none was sent. A
    /// setting never sent, or one that fails the protocol's checks as read, keeps the
    /// laptop's default. No new cards are counted as left: the server does not know which
    /// cards a laptop has left.
    public func cohortHistory(_ cohort: String) async throws -> CohortHistory {
        try await transaction { connection in
            try await connection.query(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            var profiles: [Int64: TravelledSettings] = [:]
            var held: [Int64: Int64] = [:]
            let associates = try await connection.query(
                """
                SELECT a.id, a.name, coalesce(a.display_name, a.name), a.time_zone,
                    a.rollover_hour, COALESCE(max(d.releases_held), 0)
                FROM associate a JOIN cohort c ON c.id = a.cohort_id
                LEFT JOIN device d ON d.associate_id = a.id AND d.revoked_at IS NULL
                WHERE c.name = \(cohort)
                GROUP BY a.id, a.name, a.display_name, a.time_zone, a.rollover_hour
                """, logger: logger)
            for try await (id, name, displayName, zone, hour, cursor) in associates.decode(
                (Int64, String, String, String, Int16, Int64).self)
            {
                profiles[id] = TravelledSettings(
                    name: name, displayName: displayName, timeZone: zone,
                    rolloverHour: Int(hour))
                held[id] = cursor
            }
            let settings = try await connection.query(
                """
                SELECT s.associate_id, s.name, s.value, s.changed_at_ms
                FROM associate_setting s JOIN associate a ON a.id = s.associate_id
                JOIN cohort c ON c.id = a.cohort_id
                WHERE c.name = \(cohort)
                """, logger: logger)
            for try await (id, name, value, at) in settings.decode(
                (Int64, String, String?, Int64).self)
            {
                profiles[id]?.take(SettingChange(name: name, value: value, changedAtMs: at))
            }
            var answers: [Int64: [HistoryAnswer]] = [:]
            let log = try await connection.query(
                """
                SELECT l.associate_id, l.deck, l.note, l.card, l.reviewed_at_ms, l.rating,
                    l.verdict
                FROM answer_log l JOIN associate a ON a.id = l.associate_id
                JOIN cohort c ON c.id = a.cohort_id
                WHERE c.name = \(cohort)
                ORDER BY l.associate_id, l.reviewed_at_ms, l.id
                """, logger: logger)
            for try await (associate, deck, note, card, at, rating, verdict) in log.decode(
                (Int64, String, String, String, Int64, Int16, String?).self)
            {
                // The log's checks hold every value to these sets; skip rather than trap.
                guard let side = CardSide(rawValue: card),
                    let rating = Rating(rawValue: Int(rating))
                else { continue }
                answers[associate, default: []].append(
                    HistoryAnswer(
                        note: NoteKey(deck: deck, note: note), side: side,
                        reviewedAt: Date(timeIntervalSince1970: Double(at) / 1000),
                        rating: rating, verdict: verdict.flatMap(AnswerVerdict.init(rawValue:))))
            }
            // Releases are few (one per publish of a deck); their ids and slugs are read whole.
            var releases: [(id: Int64, slug: String)] = []
            let published = try await connection.query(
                "SELECT id, slug FROM deck_release ORDER BY id", logger: logger)
            for try await (id, slug) in published.decode((Int64, String).self) {
                releases.append((id, slug))
            }
            var words: [NoteKey: WordLabel] = [:]
            let newest = try await connection.query(
                "SELECT DISTINCT ON (slug) slug, text FROM deck_release ORDER BY slug, id DESC",
                logger: logger)
            for try await (slug, text) in newest.decode((String, String).self) {
                for (key, label) in DeckWords.labels(in: text) {
                    words[NoteKey(deck: slug, note: key)] = label
                }
            }
            var latest: [String: String] = [:]
            for release in releases { latest[release.slug] = "#\(release.id)" }
            return CohortHistory(
                associates: profiles.keys.sorted().compactMap { id in
                    guard let profile = profiles[id] else { return nil }
                    let cursor = held[id] ?? 0
                    var holding: [String: Int64] = [:]
                    for release in releases where release.id <= cursor {
                        holding[release.slug] = release.id
                    }
                    return profile.history(
                        answers: answers[id] ?? [],
                        releases: holding.keys.sorted().map {
                            HeldRelease(deck: $0, release: "#\(holding[$0] ?? 0)")
                        })
                }, words: words, latestReleases: latest)
        }
    }
}

/// An associate's settings as the server knows them: the office's report profile, then what
/// their laptops sent, each value checked again as it is read.
struct TravelledSettings {
    let name: String
    var displayName: String
    var timeZone: String
    var rolloverHour: Int
    // A laptop's defaults (`lianxi associate add`), for settings never sent.
    var targetRetention = 0.9
    var parameters = Parameters.default
    var newCardsPerDay = 20
    var reviewsPerDay = 200

    init(name: String, displayName: String, timeZone: String, rolloverHour: Int) {
        self.name = name
        self.displayName = displayName
        self.timeZone = timeZone
        self.rolloverHour = (0...23).contains(rolloverHour) ? rolloverHour : 4
    }

    /// Takes a setting a laptop sent, unless it fails the protocol's checks (a row written by
    /// hand, or by a server with other rules): then the value held before stays.
    mutating func take(_ setting: SettingChange) {
        guard setting.problems(nowMs: setting.changedAtMs).isEmpty,
            let name = AcademySetting(rawValue: setting.name)
        else { return }
        let value = setting.value
        switch name {
        case .displayName: if let value { displayName = value }
        case .timeZone: if let value, TimeZone(identifier: value) != nil { timeZone = value }
        case .rolloverHour: if let hour = value.flatMap({ Int($0) }) { rolloverHour = hour }
        case .desiredRetention:
            if let retention = value.flatMap({ Double($0) }) { targetRetention = retention }
        case .newCardsPerDay: if let count = value.flatMap({ Int($0) }) { newCardsPerDay = count }
        case .maxReviewsPerDay: if let count = value.flatMap({ Int($0) }) { reviewsPerDay = count }
        case .fsrsParameters:
            // None means FSRS's defaults; a list that is not a set of parameters is ignored.
            if let value {
                if let numbers = try? JSONDecoder().decode([Double].self, from: Data(value.utf8)),
                    let fitted = try? Parameters(numbers)
                {
                    parameters = fitted
                }
            } else {
                parameters = .default
            }
        case .scheduler, .tonePalette, .leechAction, .playAudio, .listening: break
        }
    }

    /// The associate's history with these settings.
    func history(answers: [HistoryAnswer], releases: [HeldRelease]) -> AssociateHistory {
        AssociateHistory(
            name: name, displayName: displayName, targetRetention: targetRetention,
            dayCounting: .calendarDays(
                timeZone: TimeZone(identifier: timeZone) ?? .gmt, rolloverHour: rolloverHour),
            parameters: parameters, newCardsPerDay: newCardsPerDay, reviewsPerDay: reviewsPerDay,
            answers: answers, releases: releases)
    }
}
