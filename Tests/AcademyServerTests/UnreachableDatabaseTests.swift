import Foundation
import Testing

@testable import AcademyServer

/// A PostgreSQL that is not there, or that refuses the database asked for, is said at once in
/// words (the pool alone would retry for a minute, then speak of a circuit breaker).
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct UnreachableDatabaseTests {
    static func refusal(_ location: PostgresLocation) async -> AcademyFailure? {
        do {
            _ = try await withAcademyStore(location) { _ in true }
            return nil
        } catch {
            return error as? AcademyFailure
        }
    }

    @Test func noServerAtTheSocketIsSaidAtOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "no-postgres-\(getpid())")
        let refusal = await Self.refusal(
            .socket(
                path: folder.appendingPathComponent(".s.PGSQL.5432").path, user: "postgres",
                password: nil, database: "lianxi"))
        #expect(refusal?.status == 503)
        #expect(refusal?.message.hasPrefix("cannot reach PostgreSQL as postgres@") == true)
        #expect(refusal?.message.contains("is it running") == true)
    }

    @Test func aDatabaseTheServerLacksIsNamedWithItsWords() async throws {
        guard case .socket(let path, let user, _, _) = try await TestCluster.freshDatabase()
        else { throw CancellationError() }
        let refusal = await Self.refusal(
            .socket(path: path, user: user, password: nil, database: "no_such_database"))
        #expect(refusal?.status == 503)
        #expect(
            refusal?.message.contains("it says \"database \"no_such_database\" does not exist\"")
                == true)
    }
}
