import AcademyProtocol
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The academy's state in PostgreSQL.
///
/// Accounts, deck releases and the union of every device's answers; every method is one
/// transaction.
public struct AcademyStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// The months of the answer log this process has seen a partition of.
    let knownMonths = KnownMonths()

    /// A store on the database `client` connects to; `client.run()` must be running.
    public init(client: PostgresClient, logger: Logger = Logger(label: "lianxi-server")) {
        self.client = client
        self.logger = logger
    }

    // MARK: - Schema

    /// The schema version the database is at; 0 for an empty database.
    public func schemaVersion() async throws -> Int {
        let exists = try await client.query(
            "SELECT to_regclass('schema_version') IS NOT NULL", logger: logger)
        for try await present in exists.decode(Bool.self) where !present { return 0 }
        let rows = try await client.query("SELECT version FROM schema_version", logger: logger)
        for try await version in rows.decode(Int32.self) { return Int(version) }
        return 0
    }

    /// Brings the schema to ``SchemaMigrations/currentVersion``.
    ///
    /// One transaction per migration; returns the versions it went through. Refuses a schema
    /// newer than this server knows.
    @discardableResult
    public func migrate() async throws -> [Int] {
        var applied: [Int] = []
        while true {
            let done = try await transaction { connection in
                // One migrator at a time, even with several servers starting together.
                try await connection.query("SELECT pg_advisory_xact_lock(7001)", logger: logger)
                let version = try await Self.version(on: connection, logger: logger)
                guard version <= SchemaMigrations.currentVersion else {
                    throw AcademyFailure(
                        500,
                        "the database is at schema version \(version), newer than this "
                            + "lianxi-server knows (\(SchemaMigrations.currentVersion)); run a "
                            + "newer lianxi-server")
                }
                guard version < SchemaMigrations.currentVersion else { return nil as Int? }
                for statement in SchemaMigrations.all[version] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let next = Int32(version + 1)
                try await connection.query(
                    """
                    INSERT INTO schema_version (only_row, version) VALUES (true, \(next))
                    ON CONFLICT (only_row) DO UPDATE SET version = excluded.version
                    """, logger: logger)
                return Int(next)
            }
            guard let done else { return applied }
            applied.append(done)
        }
    }

    static func version(on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let exists = try await connection.query(
            "SELECT to_regclass('schema_version') IS NOT NULL", logger: logger)
        for try await present in exists.decode(Bool.self) where !present { return 0 }
        let rows = try await connection.query("SELECT version FROM schema_version", logger: logger)
        for try await version in rows.decode(Int32.self) { return Int(version) }
        return 0
    }

    /// Throws, saying what to run, unless the schema is exactly the version this server knows.
    public func checkSchema() async throws {
        let version = try await schemaVersion()
        if version < SchemaMigrations.currentVersion {
            throw AcademyFailure(
                500,
                "the database is at schema version \(version) and this lianxi-server needs "
                    + "\(SchemaMigrations.currentVersion); run lianxi-server migrate first")
        }
        if version > SchemaMigrations.currentVersion {
            throw AcademyFailure(
                500,
                "the database is at schema version \(version), newer than this lianxi-server "
                    + "knows (\(SchemaMigrations.currentVersion)); run a newer lianxi-server")
        }
    }
}

extension AcademyStore {
    /// Runs `body` in one transaction; an error thrown by `body` comes out as itself, not
    /// wrapped in PostgresNIO's transaction error.
    func transaction<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { try await body($0) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
        }
    }
}

/// The months of the answer log known to have a partition.
///
/// A push asks PostgreSQL only about the months not known yet (one round trip less per
/// push). Servers only add partitions; a month detached and dropped by hand (docs/ACADEMY.md)
/// makes a push's insert fail, and the push forgets what it knew and looks again
/// (``AcademyStore/push(_:associateId:deviceId:nowMs:)``).
final class KnownMonths: Sendable {
    private let months = Mutex<Set<LogMonth>>([])

    func contains(_ month: LogMonth) -> Bool { months.withLock { $0.contains(month) } }
    func insert(_ month: LogMonth) { _ = months.withLock { $0.insert(month) } }
    func removeAll() { months.withLock { $0.removeAll() } }
}

extension Error {
    /// Whether PostgreSQL found no partition of a partitioned table for a row (or another
    /// check failed: SQLSTATE 23514).
    var isCheckViolation: Bool {
        if let error = self as? PSQLError, error.serverInfo?[.sqlState] == "23514" { return true }
        if let error = self as? PostgresTransactionError, let inner = error.closureError {
            return inner.isCheckViolation
        }
        return false
    }

    /// Whether PostgreSQL refused the statement because a unique key already holds the value.
    var isUniqueViolation: Bool {
        if let error = self as? PSQLError, error.serverInfo?[.sqlState] == "23505" { return true }
        if let error = self as? PostgresTransactionError, let inner = error.closureError {
            return inner.isUniqueViolation
        }
        return false
    }
}
