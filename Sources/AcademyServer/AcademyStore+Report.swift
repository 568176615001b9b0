import AcademyProtocol
import CohortReporting
import Foundation
import Logging
import PostgresNIO
import SpacedRepetition

/// What a report covers: some cohorts, or the whole academy.
enum ReportScope: Hashable, Sendable {
    /// These cohorts (ids).
    case cohorts([Int64])
    /// Every associate of the academy.
    case academy
}

extension AcademyStore {
    // MARK: - Accounts

    /// Sets how the report counts and names the associate `name`: the name people read, the
    /// IANA time zone and the hour their day starts, as on their laptop
    /// (`lianxi associate set`); answers already stored keep the study day they were given.
    public func setReportProfile(
        associate name: String, displayName: String?, timeZone: String?, rolloverHour: Int?
    ) async throws {
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw AcademyFailure.badRequest(
                "\(timeZone.prefix(64)) is not a time zone this server knows; use an IANA name "
                    + "such as Asia/Shanghai")
        }
        if let rolloverHour, !(0...23).contains(rolloverHour) {
            throw AcademyFailure.badRequest(
                "the rollover hour must be 0 to 23, got \(rolloverHour)")
        }
        if let displayName,
            displayName.isEmpty || displayName.utf8.count > AcademyLimits.maxTextBytes
                || displayName.unicodeScalars.contains(where: {
                    $0.properties.generalCategory == .control
                })
        {
            throw AcademyFailure.badRequest(
                "the display name must be 1 to \(AcademyLimits.maxTextBytes) bytes without "
                    + "control characters")
        }
        try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE associate SET display_name = coalesce(\(displayName), display_name),
                    time_zone = coalesce(\(timeZone), time_zone),
                    rollover_hour = coalesce(\(rolloverHour.map(Int16.init)), rollover_hour)
                WHERE name = \(name) RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            guard found else {
                throw AcademyFailure.notFound("there is no associate called \(name)")
            }
        }
    }

    /// Lets the trainer `name` read the whole academy's report (`true`) or only their cohorts'.
    public func setAcademyView(trainer name: String, _ seesAcademy: Bool) async throws {
        try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE trainer SET sees_academy = \(seesAcademy)
                WHERE name = \(name) AND revoked_at IS NULL RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            guard found else {
                throw AcademyFailure.notFound("there is no active trainer called \(name)")
            }
        }
    }

    /// A new secret for the trainer's read-only page link (`/v1/live/SECRET`); the previous
    /// link stops working.
    public func newPageSecret(trainer name: String) async throws -> String {
        let secret = Secret.random()
        try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE trainer SET page_secret_hash = \(secret.hash)
                WHERE name = \(name) AND revoked_at IS NULL RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            guard found else {
                throw AcademyFailure.notFound("there is no active trainer called \(name)")
            }
        }
        return secret.text
    }

    /// The trainer whose page link holds `secret`; `nil` for an unknown secret or a revoked
    /// trainer.
    func trainer(pageSecret secret: String) async throws -> Int64? {
        guard secret.utf8.count <= AcademyLimits.maxTextBytes else { return nil }
        let rows = try await client.query(
            """
            SELECT id FROM trainer
            WHERE page_secret_hash = \(Secret.hash(of: secret)) AND revoked_at IS NULL
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    /// What the trainer may read: the cohorts named (each must be theirs, unless they see the
    /// whole academy), or with none named, every cohort they train (the whole academy for a
    /// trainer who sees it).
    func reportScope(trainerId: Int64, cohorts names: [String]) async throws -> ReportScope {
        let flag = try await client.query(
            "SELECT sees_academy FROM trainer WHERE id = \(trainerId)", logger: logger)
        var seesAcademy = false
        for try await value in flag.decode(Bool.self) { seesAcademy = value }
        let rows = try await client.query(
            """
            SELECT c.id, c.name, EXISTS (SELECT 1 FROM trainer_cohort tc
                WHERE tc.cohort_id = c.id AND tc.trainer_id = \(trainerId))
            FROM cohort c
            """, logger: logger)
        var cohorts: [String: (id: Int64, trained: Bool)] = [:]
        for try await (id, name, trained) in rows.decode((Int64, String, Bool).self) {
            cohorts[name] = (id, trained)
        }
        if names.isEmpty {
            if seesAcademy { return .academy }
            return .cohorts(cohorts.values.filter(\.trained).map(\.id).sorted())
        }
        var ids: [Int64] = []
        for name in names {
            guard let cohort = cohorts[name], seesAcademy || cohort.trained else {
                throw AcademyFailure.forbidden(
                    "you do not train a cohort called \(name.prefix(64)); ask the academy "
                        + "office to add you to it")
            }
            ids.append(cohort.id)
        }
        return .cohorts(Array(Set(ids)).sorted())
    }

    // MARK: - Catalogue

    /// Records the words of new releases and rebuilds the aggregates of their decks, inside
    /// the publish's transaction: a release that retires a word takes its answers out of the
    /// report, one that brings it back puts them in again, as on a laptop.
    static func storeCatalogue(
        _ releases: [(id: Int64, slug: String, text: String)], on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        for release in releases {
            let catalogue = ReleaseCatalogue(text: release.text, slug: release.slug)
            try await connection.query(
                """
                INSERT INTO report_deck (slug, title, first_release)
                VALUES (\(release.slug), \(catalogue.title), \(release.id))
                ON CONFLICT (slug) DO UPDATE SET title = excluded.title
                """, logger: logger)
            try await connection.query(
                "UPDATE report_note SET active = false WHERE deck = \(release.slug)",
                logger: logger)
            let words = catalogue.words
            try await connection.query(
                """
                INSERT INTO report_note AS t (deck, note, position, hanzi, pinyin, english,
                    hsk_level, active)
                SELECT \(release.slug), note, position, hanzi, pinyin, english,
                    NULLIF(level, ''), true
                FROM unnest(\(words.map(\.key))::text[], \(words.indices.map(Int32.init))::int4[],
                    \(words.map(\.hanzi))::text[], \(words.map(\.pinyin))::text[],
                    \(words.map(\.english))::text[], \(words.map { $0.hskLevel ?? "" })::text[])
                    AS w(note, position, hanzi, pinyin, english, level)
                ON CONFLICT (deck, note) DO UPDATE SET position = excluded.position,
                    hanzi = excluded.hanzi, pinyin = excluded.pinyin, english = excluded.english,
                    hsk_level = excluded.hsk_level, active = true
                """, logger: logger)
        }
        try await ReportFold.rebuild(
            decks: Array(Set(releases.map(\.slug))).sorted(), on: connection, logger: logger)
    }

    /// Folds the answers stored since the last fold into the report's aggregates, for the
    /// associate `associateId` (every associate: `nil`), in one transaction; returns how many
    /// answers it folded (``ReportFold/drain(associate:on:logger:)``).
    @discardableResult
    public func foldPending(associateId: Int64? = nil) async throws -> Int {
        try await transaction { connection in
            try await ReportFold.drain(associate: associateId, on: connection, logger: logger)
        }
    }

    /// Folds the associate's new answers once the push that stored them has answered, without
    /// making it wait; a failure is logged and the next fold, report or start catches up.
    func foldSoon(associateId: Int64) {
        Task {
            do {
                try await foldPending(associateId: associateId)
            } catch {
                logger.warning(
                    """
                    the report's fold of associate \(associateId) failed (\(error)); the next \
                    push, report or start folds their answers
                    """)
            }
        }
    }

    /// Rebuilds every aggregate from the raw log in one transaction (after a bulk load, or to
    /// check them): the same fold a push runs, over every answer.
    public func rebuildReport() async throws {
        try await transaction { connection in
            try await ReportFold.rebuild(decks: nil, on: connection, logger: logger)
        }
    }
}
