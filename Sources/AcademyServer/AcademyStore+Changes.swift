import AcademyProtocol
import Foundation
import Logging
import PostgresNIO

extension AcademyStore {
    /// Stores the answers the device's associate took back and the settings they changed, in
    /// one transaction.
    ///
    /// A retraction deletes the answer from the log but keeps its id (in `answer_key` and
    /// `answer_retraction`), so a replayed push of that answer adds nothing; a retraction of an
    /// id the server never saw is kept too, and wins over the answer if it arrives later. An id
    /// that belongs to another associate refuses the whole push (409). A setting is kept if it
    /// is later than the one held (time, then device number); a later setting this server does
    /// not know is passed over, and left out of the answer.
    func pushChanges(
        _ changes: ChangesPush, associateId: Int64, deviceId: Int64, nowMs: Int64
    ) async throws -> ChangesPushResponse {
        guard changes.retractions.count <= AcademyLimits.changesPerPush else {
            throw AcademyFailure.badRequest(
                "a push holds at most \(AcademyLimits.changesPerPush) retractions, this one has "
                    + "\(changes.retractions.count); send them in several pushes")
        }
        var problems: [String] = []
        for (index, id) in changes.retractions.enumerated() {
            if let problem = RetractionCheck.problem(id) {
                problems.append("retractions[\(index)]: \(problem)")
            }
        }
        if Set(changes.retractions).count != changes.retractions.count {
            problems.append("retractions: an id appears twice")
        }
        for (index, setting) in changes.settings.enumerated() {
            problems += setting.problems(nowMs: nowMs).map { "settings[\(index)]: \($0)" }
            if setting.travelsLater {
                problems.append("settings[\(index)]: \(setting.name) travels in later_settings")
            }
        }
        // A later setting this server does not know (a newer laptop's) is passed over.
        let later = changes.laterSettings.filter { AcademySetting(rawValue: $0.name) != nil }
        for (index, setting) in changes.laterSettings.enumerated() {
            guard let name = AcademySetting(rawValue: setting.name) else { continue }
            problems += setting.problems(nowMs: nowMs).map { "later_settings[\(index)]: \($0)" }
            if !name.travelsLater {
                problems.append("later_settings[\(index)]: \(setting.name) travels in settings")
            }
        }
        let settings = changes.settings + later
        if Set(settings.map(\.name)).count != settings.count {
            problems.append("settings: a setting appears twice")
        }
        guard problems.isEmpty else {
            throw AcademyFailure.badRequest(problems.prefix(20).joined(separator: "; "))
        }
        let ids = changes.retractions
        return try await transaction { connection in
            // Answers taken back rebuild their decks' aggregates, which no push may fold into
            // meanwhile; taken first, as a push takes its share first (ReportFold.lock).
            if !ids.isEmpty {
                try await ReportFold.lock(exclusive: true, on: connection, logger: logger)
            }
            // The same turn-taking as a push of answers: change numbers grow in commit order.
            try await connection.query(
                "SELECT id FROM associate WHERE id = \(associateId) FOR NO KEY UPDATE",
                logger: logger)
            if !ids.isEmpty {
                try await Self.refuseForeign(
                    ids, associateId: associateId, on: connection, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO answer_retraction (id, associate_id, device_id)
                    SELECT id, \(associateId), \(deviceId) FROM unnest(\(ids)::text[]) AS t(id)
                    ORDER BY id
                    ON CONFLICT (id) DO NOTHING
                    """, logger: logger)
                let deleted = try await connection.query(
                    """
                    DELETE FROM answer_log l USING answer_key k
                    WHERE k.id = ANY(\(ids)) AND k.associate_id = \(associateId)
                        AND l.reviewed_at_ms = k.reviewed_at_ms AND l.id = k.id
                    RETURNING l.deck
                    """, logger: logger)
                var decks = Set<String>()
                for try await deck in deleted.decode(String.self) { decks.insert(deck) }
                // The report's aggregates lose the answers taken back: their decks' aggregates
                // are folded again from the log, with the same statements as a push (a deck's
                // rebuild; undos after a sync are rare).
                if !decks.isEmpty {
                    try await ReportFold.rebuild(
                        decks: decks.sorted(), on: connection, logger: logger)
                }
            }
            var held: [SettingChange] = []
            for setting in settings {
                try await connection.query(
                    """
                    INSERT INTO associate_setting (associate_id, name, value, changed_at_ms,
                        device_id)
                    VALUES (\(associateId), \(setting.name), \(setting.value),
                        \(setting.changedAtMs), \(deviceId))
                    ON CONFLICT (associate_id, name) DO UPDATE
                    SET value = excluded.value, changed_at_ms = excluded.changed_at_ms,
                        device_id = excluded.device_id, seq = nextval('change_seq')
                    WHERE (excluded.changed_at_ms, excluded.device_id)
                        > (associate_setting.changed_at_ms, associate_setting.device_id)
                    """, logger: logger)
                let rows = try await connection.query(
                    """
                    SELECT value, changed_at_ms FROM associate_setting
                    WHERE associate_id = \(associateId) AND name = \(setting.name)
                    """, logger: logger)
                for try await (value, at) in rows.decode((String?, Int64).self) {
                    held.append(SettingChange(name: setting.name, value: value, changedAtMs: at))
                }
            }
            return ChangesPushResponse(
                retracted: ids, settings: held.filter { !$0.travelsLater },
                laterSettings: held.filter(\.travelsLater))
        }
    }

    /// Throws 409 if any of `ids` is an answer or a retraction of another associate.
    static func refuseForeign(
        _ ids: [String], associateId: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let owners = try await connection.query(
            """
            SELECT id FROM answer_key WHERE id = ANY(\(ids)) AND associate_id <> \(associateId)
            UNION ALL
            SELECT id FROM answer_retraction
            WHERE id = ANY(\(ids)) AND associate_id <> \(associateId)
            LIMIT 1
            """, logger: logger)
        for try await id in owners.decode(String.self) { throw foreign(id) }
    }

    /// The refusal of an answer id that belongs to another associate.
    static func foreign(_ id: String) -> AcademyFailure {
        AcademyFailure.conflict(
            "the answer \(id) belongs to another associate; a device pushes and takes back "
                + "only its own associate's answers (was this database copied from another "
                + "laptop?)")
    }

    /// The associate's retractions and settings numbered after `after`, in number order, at
    /// most ``AcademyLimits/changesPerPush`` of them.
    func pullChanges(associateId: Int64, after: Int64) async throws -> ChangesPull {
        let limit = AcademyLimits.changesPerPush
        let rows = try await client.execute(
            PullChanges(associateId: associateId, after: after, limit: Int64(limit + 1)),
            logger: logger)
        var retractions: [String] = []
        var settings: [SettingChange] = []
        var cursor = after
        var more = false
        for try await (seq, id, name, value, at) in rows {
            if retractions.count + settings.count == limit {
                more = true
                break
            }
            cursor = seq
            if let id {
                retractions.append(id)
            } else if let name, let at {
                settings.append(SettingChange(name: name, value: value, changedAtMs: at))
            }
        }
        return ChangesPull(
            retractions: retractions, settings: settings.filter { !$0.travelsLater },
            laterSettings: settings.filter(\.travelsLater), cursor: cursor, more: more)
    }
}
