import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Where the server's PostgreSQL is.
public enum PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// A TCP host and port.
    case tcp(host: String, port: Int, user: String, password: String?, database: String)
    /// A Unix socket file.
    case socket(path: String, user: String, password: String?, database: String)

    /// Reads `postgres://user:password@host:port/database` or, for a Unix socket,
    /// `postgres://user@/database?host=/var/run/postgresql` (the socket's folder or file).
    public init(url text: String) throws {
        guard let components = URLComponents(string: text),
            ["postgres", "postgresql"].contains(components.scheme ?? "")
        else {
            throw AcademyFailure(
                400,
                "\(text) is not a PostgreSQL URL; write postgres://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        }
        let user = components.user ?? "postgres"
        let password = components.password
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw AcademyFailure(400, "\(text) names no database; end it with /DATABASE")
        }
        if let socket = components.queryItems?.first(where: { $0.name == "host" })?.value {
            // As libpq reads it: a folder holds the socket `.s.PGSQL.PORT`.
            var isFolder: ObjCBool = false
            let path =
                FileManager.default.fileExists(atPath: socket, isDirectory: &isFolder)
                    && isFolder.boolValue
                ? "\(socket)/.s.PGSQL.\(components.port ?? 5432)" : socket
            self = .socket(path: path, user: user, password: password, database: database)
        } else {
            self = .tcp(
                host: components.host ?? "127.0.0.1", port: components.port ?? 5432, user: user,
                password: password, database: database)
        }
    }

    /// The place, as a person would name it: `host:port/database` or the socket's path.
    public var description: String {
        switch self {
        case .tcp(let host, let port, let user, _, let database):
            "\(user)@\(host):\(port)/\(database)"
        case .socket(let path, let user, _, let database):
            "\(user)@\(path) (database \(database))"
        }
    }

    /// Connects once and hangs up, so that a PostgreSQL that is not there, or refuses the
    /// user or the database, is said within seconds: the client's pool tries again for a
    /// minute before it gives up, and then says only that its circuit breaker tripped.
    func probe(logger: Logger) async throws {
        var configuration: PostgresConnection.Configuration
        switch self {
        case .tcp(let host, let port, let user, let password, let database):
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database,
                tls: .disable)
        case .socket(let path, let user, let password, let database):
            configuration = PostgresConnection.Configuration(
                unixSocketPath: path, username: user, password: password, database: database)
        }
        // PostgresNIO's own default: a server that is there but slow to accept (a burst of
        // connections on a busy machine) is reachable, and only a silent network waits it out.
        configuration.options.connectTimeout = .seconds(10)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: configuration, id: 0, logger: logger)
        } catch {
            let said = (error as? PSQLError)?.serverInfo?[.message]
            throw AcademyFailure(
                503,
                "cannot reach PostgreSQL as \(description)"
                    + (said.map { ": it says \"\($0)\"; check --postgres or LIANXI_POSTGRES" }
                        ?? " (\(Self.reason(error))); is it running, and are --postgres or "
                        + "LIANXI_POSTGRES right?"))
        }
        try? await connection.close()
    }

    /// What went wrong when no server said why: PostgresNIO's code and the error under it
    /// (a socket that is not there, a refused or timed-out connection, a closed one).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        return
            ([String(describing: error.code)]
            + (error.underlying.map { [String(describing: $0)] } ?? []))
            .joined(separator: ": ")
    }

    /// A client for this location (run it with `run()`).
    public func client(logger: Logger) -> PostgresClient {
        var configuration: PostgresClient.Configuration
        switch self {
        case .tcp(let host, let port, let user, let password, let database):
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database,
                tls: .disable)
        case .socket(let path, let user, let password, let database):
            configuration = PostgresClient.Configuration(
                unixSocketPath: path, username: user, password: password, database: database)
        }
        configuration.options.maximumConnections = 20
        // The pool warns when a query comes before `run()` has started, which a short command
        // does by design (the pool waits); real connection failures are errors.
        var background = logger
        background.logLevel = .error
        return PostgresClient(configuration: configuration, backgroundLogger: background)
    }
}

/// Runs `body` with a store on `location`, the client's connection pool running meanwhile.
public func withAcademyStore<Result: Sendable>(
    _ location: PostgresLocation, logger: Logger = Logger(label: "lianxi-server"),
    _ body: (AcademyStore) async throws -> Result
) async throws -> Result {
    try await location.probe(logger: logger)
    let client = location.client(logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        return try await body(AcademyStore(client: client, logger: logger))
    }
}

/// Serves the protocol on `host`:`port` until cancelled, after checking the schema;
/// `onListening` gets the port actually bound (useful with port 0).
public func serveAcademy(
    store: AcademyStore, host: String, port: Int,
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    try await store.checkSchema()
    // Answers a push stored just before the server stopped are folded now.
    try await store.foldPending()
    let app = Application(
        router: AcademyRoutes.router(store: store),
        configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
        logger: store.logger)
    try await app.run()
}
