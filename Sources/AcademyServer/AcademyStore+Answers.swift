import AcademyProtocol
import CohortReporting
import Foundation
import Logging
import PostgresNIO
import SpacedRepetition

extension AcademyStore {
    /// Stores the answers of the device's associate that are not stored yet, in one
    /// transaction, and returns every pushed id the server holds for that associate.
    ///
    /// The report's aggregates are not touched: ``foldPending(associateId:)`` folds the new
    /// answers after the commit.
    ///
    /// An id already stored for another associate refuses the whole push (409): a device
    /// writes only its own associate's answers.
    func push(
        _ answers: [SyncedAnswer], associateId: Int64, deviceId: Int64, nowMs: Int64
    ) async throws -> PushResponse {
        guard answers.count <= AcademyLimits.answersPerPush else {
            throw AcademyFailure.badRequest(
                "a push holds at most \(AcademyLimits.answersPerPush) answers, this one has "
                    + "\(answers.count); send them in several pushes")
        }
        var problems: [String] = []
        var seen: Set<String> = []
        for (index, answer) in answers.enumerated() {
            problems += answer.problems(nowMs: nowMs).map { "answers[\(index)]: \($0)" }
            if !seen.insert(answer.id).inserted {
                problems.append("answers[\(index)]: the id \(answer.id) appears twice")
            }
        }
        guard problems.isEmpty else {
            throw AcademyFailure.badRequest(problems.prefix(20).joined(separator: "; "))
        }
        guard !answers.isEmpty else { return PushResponse(acknowledged: [], added: 0) }
        let times = answers.map(\.reviewedAtMs)
        try await ensurePartitions(for: times)
        do {
            return try await storeOrReplay(answers, associateId: associateId, deviceId: deviceId)
        } catch  where error.isCheckViolation {
            // A month's partition this process had seen was detached and dropped: look again.
            knownMonths.removeAll()
            try await ensurePartitions(for: times)
            return try await storeOrReplay(answers, associateId: associateId, deviceId: deviceId)
        }
    }

    /// Stores `answers` (checked, their months' partitions there).
    private func storeOrReplay(
        _ answers: [SyncedAnswer], associateId: Int64, deviceId: Int64
    ) async throws -> PushResponse {
        // A push of new answers, the usual case, inserts its keys without ON CONFLICT (a fifth
        // less of PostgreSQL's time for 5,000 answers than the speculative insertion) and the
        // log takes every row without waiting for the keys'. An id stored before (a replayed
        // push, or another associate's) breaks the key's uniqueness, the transaction takes
        // everything back, and the push runs again passing over the ids stored before.
        do {
            return try await store(
                answers, associateId: associateId, deviceId: deviceId, replay: false)
        } catch  where error.isUniqueViolation {
            return try await store(
                answers, associateId: associateId, deviceId: deviceId, replay: true)
        }
    }

    /// Stores `answers` (checked) in one transaction; with `replay` false, any id stored
    /// before fails the transaction with a unique violation.
    private func store(
        _ answers: [SyncedAnswer], associateId: Int64, deviceId: Int64, replay: Bool
    ) async throws -> PushResponse {
        try await transaction { connection in
            // Pushes of one associate take turns, so their seq numbers grow in commit order
            // and a pull's cursor never skips an answer committed later with a smaller number.
            // NO KEY UPDATE: rows that refer to the associate (the fold's cursor, a device
            // enrolling) need not wait for the push.
            var numbering = DayNumbering(.elapsed24HourPeriods)
            for try await (zone, hour) in try await connection.execute(
                LockAssociate(associateId: associateId), logger: logger)
            {
                numbering = ReportCalendar.numbering(timeZone: zone, rolloverHour: Int(hour))
            }
            let ids = answers.map(\.id)
            // An answer taken back stays out, even when its push arrives after the retraction;
            // an id another associate took back refuses the push.
            var retracted: Set<String> = []
            for try await (id, owner) in try await connection.execute(
                RetractionsOf(ids: ids), logger: logger)
            {
                guard owner == associateId else { throw Self.foreign(id) }
                retracted.insert(id)
            }
            let storable = answers.filter { !retracted.contains($0.id) }
            guard !storable.isEmpty else { return PushResponse(acknowledged: ids, added: 0) }
            // The keys and, for the ids that were not stored yet, the answers, in one
            // statement that sends back only how many answers it added
            // (PushColumns.sql(replay:)). The report's aggregates take the answers after the
            // commit (ReportFold.drain).
            var columns = PushColumns(associateId: associateId, deviceId: deviceId)
            columns.reserve(storable.count)
            for answer in storable {
                columns.append(
                    answer, day: numbering.day(of: Date(millisecondsSince1970: answer.reviewedAtMs))
                )
            }
            let rows =
                replay
                ? try await connection.execute(
                    StoreReplayedAnswers(columns: columns), logger: logger)
                : try await connection.execute(StoreNewAnswers(columns: columns), logger: logger)
            var added = 0
            for try await count in rows { added = Int(count) }
            // Ids stored before (fewer added than sent) must be the associate's own (a replayed
            // push), or the whole push is refused and the transaction takes back what it
            // inserted. The keys inserted now are the associate's, so any key of these ids
            // held by another associate is one stored before. A push of new answers looks up
            // no id twice.
            if replay && added < storable.count {
                let owners = try await connection.query(
                    """
                    SELECT id FROM answer_key
                    WHERE id = ANY(\(storable.map(\.id))) AND associate_id <> \(associateId)
                    LIMIT 1
                    """, logger: logger)
                for try await id in owners.decode(String.self) { throw Self.foreign(id) }
            }
            return PushResponse(acknowledged: ids, added: added)
        }
    }

    /// Creates the monthly partitions of `answer_log` that answers at `times` need.
    func ensurePartitions(for times: [Int64]) async throws {
        let months = Set(times.map(LogMonth.init(containing:)))
        for month in months.sorted() where !knownMonths.contains(month) {
            let exists = try await client.query(
                "SELECT to_regclass(\(month.tableName)) IS NOT NULL", logger: logger)
            var present = false
            for try await value in exists.decode(Bool.self) { present = value }
            if present {
                knownMonths.insert(month)
                continue
            }
            try await transaction { connection in
                // Servers side by side create a month once.
                try await connection.query("SELECT pg_advisory_xact_lock(7002)", logger: logger)
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            CREATE TABLE IF NOT EXISTS \(month.tableName) PARTITION OF answer_log
                            FOR VALUES FROM (\(month.startMs)) TO (\(month.endMs))
                            """), logger: logger)
            }
            knownMonths.insert(month)
        }
    }

    /// The associate's answers stored after `answersAfter` and the newest release of each deck
    /// published after `releasesAfter`.
    ///
    /// Answers that `deviceId` pushed itself are passed over (the cursor moves past them): the
    /// device has them.
    func pull(
        associateId: Int64, deviceId: Int64? = nil, releasesAfter: Int64, answersAfter: Int64
    ) async throws -> PullResponse {
        let limit = AcademyLimits.answersPerPull
        // The log is read only for answers another device pushed (answer_key.device_id; none
        // for answers stored before it was kept): the asking device's own answers, and answers
        // taken back (no longer in the log), move the cursor and are not sent. The condition
        // is in the join's key, not beside it, so that an own answer's lookup is a null key
        // that ends at once (beside it, PostgreSQL probed the log for every own answer and
        // then dropped the row: 37 ms against 2 ms for a page of 5,000).
        let rows = try await client.execute(
            PullAnswers(
                associateId: associateId, deviceId: deviceId, after: answersAfter,
                limit: Int64(limit + 1)), logger: logger)
        var answers: [SyncedAnswer] = []
        var scanned = 0
        var cursor = answersAfter
        var more = false
        for try await row in rows {
            if scanned == limit {
                more = true
                break
            }
            scanned += 1
            cursor = row.0
            guard let id = row.1, let deck = row.2, let note = row.3, let card = row.4,
                let reviewedAtMs = row.5, let rating = row.6, row.10 != deviceId
            else { continue }
            answers.append(
                SyncedAnswer(
                    id: id, deck: deck, note: note, card: card, reviewedAtMs: reviewedAtMs,
                    rating: Int(rating), durationMs: row.7, typedAnswer: row.8, verdict: row.9))
        }
        let (releases, releaseCursor) = try await releases(after: releasesAfter)
        return PullResponse(
            releases: releases, answers: answers, releaseCursor: releaseCursor,
            answerCursor: cursor, more: more)
    }

    /// The newest release of each deck published after `cursor`, and the new cursor.
    func releases(after cursor: Int64) async throws -> ([DeckRelease], Int64) {
        var releases: [DeckRelease] = []
        for try await (id, slug, text, trainer, at) in try await client.execute(
            NewestReleases(after: cursor), logger: logger)
        {
            releases.append(
                DeckRelease(id: id, slug: slug, text: text, publishedBy: trainer, publishedAtMs: at)
            )
        }
        releases.sort { $0.id < $1.id }
        return (releases, releases.last?.id ?? cursor)
    }

    /// Stores the decks as new releases, all or none.
    func publish(_ decks: [DeckUpload], trainerId: Int64, nowMs: Int64) async throws
        -> PublishResponse
    {
        guard !decks.isEmpty, decks.count <= AcademyLimits.decksPerPublish else {
            throw AcademyFailure.badRequest(
                "a publish holds 1 to \(AcademyLimits.decksPerPublish) decks, this one has "
                    + "\(decks.count)")
        }
        var problems = decks.flatMap(\.problems)
        if Set(decks.map(\.slug)).count != decks.count {
            problems.append("the same deck slug appears twice")
        }
        guard problems.isEmpty else {
            throw AcademyFailure.badRequest(problems.prefix(20).joined(separator: "; "))
        }
        return try await transaction { connection in
            // Releases are numbered in commit order, so a pull's cursor never skips one.
            try await connection.query("SELECT pg_advisory_xact_lock(7003)", logger: logger)
            var published: [PublishedRelease] = []
            var catalogued: [(id: Int64, slug: String, text: String)] = []
            for deck in decks {
                let rows = try await connection.query(
                    """
                    INSERT INTO deck_release (slug, text, published_by, published_at_ms)
                    VALUES (\(deck.slug), \(deck.text), \(trainerId), \(nowMs)) RETURNING id
                    """, logger: logger)
                for try await id in rows.decode(Int64.self) {
                    published.append(PublishedRelease(id: id, slug: deck.slug))
                    catalogued.append((id, deck.slug, deck.text))
                }
            }
            try await Self.storeCatalogue(catalogued, on: connection, logger: logger)
            return PublishResponse(releases: published)
        }
    }

    /// A page of the answers of a cohort the trainer trains, in answer order
    /// (`reviewed_at_ms`, `id`), after the answer given by `afterMs` and `afterId`.
    func cohortAnswers(
        _ cohort: String, trainerId: Int64, afterMs: Int64, afterId: String
    ) async throws -> CohortAnswers {
        let allowed = try await client.query(
            """
            SELECT c.id FROM cohort c JOIN trainer_cohort tc ON tc.cohort_id = c.id
            WHERE c.name = \(cohort) AND tc.trainer_id = \(trainerId)
            """, logger: logger)
        var cohortId: Int64?
        for try await id in allowed.decode(Int64.self) { cohortId = id }
        guard let cohortId else {
            throw AcademyFailure.forbidden(
                "you do not train a cohort called \(cohort.prefix(64)); ask the academy office "
                    + "to add you to it")
        }
        let limit = AcademyLimits.answersPerPull
        let rows = try await client.query(
            """
            SELECT a.name, l.id, l.deck, l.note, l.card, l.reviewed_at_ms, l.rating, l.duration_ms,
                l.typed_answer, l.verdict
            FROM answer_log l JOIN associate a ON a.id = l.associate_id
            WHERE a.cohort_id = \(cohortId) AND (l.reviewed_at_ms, l.id) > (\(afterMs), \(afterId))
            ORDER BY l.reviewed_at_ms, l.id LIMIT \(limit + 1)
            """, logger: logger)
        var answers: [AssociateAnswer] = []
        var more = false
        for try await row in rows.decode(
            (String, String, String, String, String, Int64, Int16, Int64?, String?, String?).self)
        {
            if answers.count == limit {
                more = true
                break
            }
            answers.append(
                AssociateAnswer(
                    associate: row.0,
                    answer: SyncedAnswer(
                        id: row.1, deck: row.2, note: row.3, card: row.4, reviewedAtMs: row.5,
                        rating: Int(row.6), durationMs: row.7, typedAnswer: row.8,
                        verdict: row.9)))
        }
        return CohortAnswers(cohort: cohort, answers: answers, more: more)
    }
}

/// A calendar month (UTC) of the answer log: one partition.
struct LogMonth: Hashable, Comparable {
    let year: Int
    let month: Int

    init(containing milliseconds: Int64) {
        let days = Int(milliseconds.quotientAndRemainder(dividingBy: 86_400_000).quotient)
        let (year, month, _) = Self.civil(fromDays: days)
        self.year = year
        self.month = month
    }

    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    var tableName: String { String(format: "answer_log_%04d_%02d", year, month) }
    var startMs: Int64 { Int64(Self.days(year: year, month: month)) * 86_400_000 }
    var endMs: Int64 {
        let next =
            month == 12
            ? LogMonth(year: year + 1, month: 1) : LogMonth(year: year, month: month + 1)
        return next.startMs
    }

    static func < (lhs: LogMonth, rhs: LogMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// Days since 1970-01-01 of the first of a month (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
