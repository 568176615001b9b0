import AcademyProtocol
import Foundation
import Logging
import PostgresNIO

/// Who a request's token belongs to.
public enum Caller: Hashable, Sendable {
    /// An associate's enrolled device.
    case device(associateId: Int64, associate: String, deviceId: Int64)
    /// A trainer.
    case trainer(trainerId: Int64, trainer: String)
}

extension AcademyStore {
    /// Registers a cohort.
    public func addCohort(_ name: String) async throws {
        try Self.checkName(name, "a cohort")
        do {
            try await transaction { connection in
                _ = try await connection.query(
                    "INSERT INTO cohort (name) VALUES (\(name))", logger: logger)
            }
        } catch  where error.isUniqueViolation {
            throw AcademyFailure.conflict("there is already a cohort called \(name)")
        }
    }

    /// Registers an associate in `cohort` and returns their one-time enrolment code.
    public func addAssociate(_ name: String, cohort: String) async throws -> String {
        try Self.checkName(name, "an associate")
        let code = Secret.random()
        do {
            try await transaction { connection in
                let cohortId = try await Self.cohortId(cohort, on: connection, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO associate (name, cohort_id, enrolment_code_hash)
                    VALUES (\(name), \(cohortId), \(code.hash))
                    """, logger: logger)
            }
        } catch  where error.isUniqueViolation {
            throw AcademyFailure.conflict(
                "there is already an associate called \(name); use lianxi-server associate code "
                    + "\(name) for a new enrolment code")
        }
        return code.text
    }

    /// A new one-time enrolment code for an existing associate (a new laptop); the previous
    /// code stops working, enrolled devices keep theirs.
    public func newEnrolmentCode(for name: String) async throws -> String {
        let code = Secret.random()
        try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE associate SET enrolment_code_hash = \(code.hash)
                WHERE name = \(name) AND revoked_at IS NULL RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            guard found else {
                throw AcademyFailure.notFound("there is no active associate called \(name)")
            }
        }
        return code.text
    }

    /// Registers a trainer of `cohorts` and returns their token.
    public func addTrainer(_ name: String, cohorts: [String]) async throws -> String {
        try Self.checkName(name, "a trainer")
        let token = Secret.random()
        do {
            try await transaction { connection in
                var ids: [Int64] = []
                for cohort in cohorts {
                    ids.append(try await Self.cohortId(cohort, on: connection, logger: logger))
                }
                let rows = try await connection.query(
                    "INSERT INTO trainer (name, token_hash) VALUES (\(name), \(token.hash)) RETURNING id",
                    logger: logger)
                var trainerId: Int64 = 0
                for try await id in rows.decode(Int64.self) { trainerId = id }
                for id in Set(ids) {
                    try await connection.query(
                        "INSERT INTO trainer_cohort (trainer_id, cohort_id) VALUES (\(trainerId), \(id))",
                        logger: logger)
                }
            }
        } catch  where error.isUniqueViolation {
            throw AcademyFailure.conflict("there is already a trainer called \(name)")
        }
        return token.text
    }

    /// Revokes an associate (their devices and enrolment code) or a trainer (their token);
    /// returns what was revoked, in words.
    public func revoke(_ name: String) async throws -> String {
        try await transaction { connection in
            let associates = try await connection.query(
                """
                UPDATE associate SET revoked_at = now(), enrolment_code_hash = NULL
                WHERE name = \(name) AND revoked_at IS NULL RETURNING id
                """, logger: logger)
            var associateIds: [Int64] = []
            for try await id in associates.decode(Int64.self) { associateIds.append(id) }
            if let id = associateIds.first {
                let devices = try await connection.query(
                    """
                    UPDATE device SET revoked_at = now()
                    WHERE associate_id = \(id) AND revoked_at IS NULL RETURNING id
                    """, logger: logger)
                var count = 0
                for try await _ in devices.decode(Int64.self) { count += 1 }
                return "associate \(name) revoked, with \(count) device\(count == 1 ? "" : "s")"
            }
            let trainers = try await connection.query(
                """
                UPDATE trainer SET revoked_at = now()
                WHERE name = \(name) AND revoked_at IS NULL RETURNING id
                """, logger: logger)
            for try await _ in trainers.decode(Int64.self) { return "trainer \(name) revoked" }
            throw AcademyFailure.notFound(
                "there is no active associate or trainer called \(name)")
        }
    }

    /// Trades a one-time enrolment code for a device token.
    func enrol(_ request: EnrolmentRequest) async throws -> EnrolmentResponse {
        guard !request.deviceName.isEmpty,
            request.deviceName.utf8.count <= AcademyLimits.maxTextBytes
        else {
            throw AcademyFailure.badRequest(
                "device_name must be 1 to \(AcademyLimits.maxTextBytes) bytes")
        }
        let token = Secret.random()
        return try await transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE associate a SET enrolment_code_hash = NULL
                FROM cohort c
                WHERE a.enrolment_code_hash = \(Secret.hash(of: request.code))
                    AND a.revoked_at IS NULL AND c.id = a.cohort_id
                RETURNING a.id, a.name, c.name
                """, logger: logger)
            var found: (Int64, String, String)?
            for try await row in rows.decode((Int64, String, String).self) { found = row }
            guard let found else {
                throw AcademyFailure(
                    401,
                    "this enrolment code is not known or was already used; ask the academy for a "
                        + "new one (lianxi-server associate code NAME)")
            }
            let (associateId, associate, cohort) = found
            try await connection.query(
                """
                INSERT INTO device (associate_id, name, token_hash)
                VALUES (\(associateId), \(request.deviceName), \(token.hash))
                """, logger: logger)
            return EnrolmentResponse(associate: associate, cohort: cohort, deviceToken: token.text)
        }
    }

    /// Who `token` belongs to; `nil` for an unknown or revoked token.
    func caller(token: String) async throws -> Caller? {
        let hash = Secret.hash(of: token)
        for try await (deviceId, associateId, name) in try await client.execute(
            DeviceByToken(hash: hash), logger: logger)
        {
            return .device(associateId: associateId, associate: name, deviceId: deviceId)
        }
        for try await (id, name) in try await client.execute(
            TrainerByToken(hash: hash), logger: logger)
        {
            return .trainer(trainerId: id, trainer: name)
        }
        return nil
    }

    static func cohortId(_ name: String, on connection: PostgresConnection, logger: Logger)
        async throws -> Int64
    {
        let rows = try await connection.query(
            "SELECT id FROM cohort WHERE name = \(name)", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw AcademyFailure.notFound(
            "there is no cohort called \(name); add it with lianxi-server cohort add \(name)")
    }

    static func checkName(_ name: String, _ what: String) throws {
        guard name.isAcademyName else {
            throw AcademyFailure.badRequest(
                "\"\(name.prefix(64))\" is not \(what) name: use 1 to 64 letters, digits, dots, "
                    + "hyphens or underscores")
        }
    }
}
