import AcademyProtocol
import Foundation
import LianxiKit
import PostgresNIO
import Storage

@testable import AcademyServer

/// A running academy for one test: its own PostgreSQL database and a server on a free
/// loopback port, with one cohort, two associates, and a trainer.
struct TestAcademy {
    let store: AcademyStore
    let url: String
    let trainerToken: String
    /// Enrolment codes by associate name.
    let codes: [String: String]

    /// Runs `body` with a fresh academy, stopping the server afterwards; its connections plan
    /// prepared statements as `planCacheMode` says (PostgreSQL's `plan_cache_mode`: `auto`
    /// plans the first five executions with their values, then may keep one generic plan).
    static func with<Result: Sendable>(
        planCacheMode: String = "auto",
        _ body: (TestAcademy) async throws -> Result
    ) async throws -> Result {
        let location = try await TestCluster.freshDatabase()
        if planCacheMode != "auto" {
            _ = try await withAcademyStore(location) { store in
                try await store.client.query(
                    PostgresQuery(
                        unsafeSQL: """
                            DO $$ BEGIN EXECUTE format(
                                'ALTER DATABASE %I SET plan_cache_mode = \(planCacheMode)',
                                current_database()); END $$
                            """))
            }
        }
        return try await withAcademyStore(location) { store in
            try await store.addCohort("spring")
            try await store.addCohort("autumn")
            let codes = [
                "ana": try await store.addAssociate("ana", cohort: "spring"),
                "tomas": try await store.addAssociate("tomas", cohort: "autumn"),
            ]
            let trainerToken = try await store.addTrainer("li", cohorts: ["spring"])
            let (ports, announce) = AsyncStream<Int>.makeStream()
            let server = Task {
                defer { announce.finish() }
                try await serveAcademy(store: store, host: "127.0.0.1", port: 0) { bound in
                    announce.yield(bound)
                }
            }
            defer { server.cancel() }
            var bound: Int?
            for await port in ports {
                bound = port
                break
            }
            guard let bound else {
                _ = try await server.value
                throw SyncFailure("the test server stopped before listening")
            }
            let academy = TestAcademy(
                store: store, url: "http://127.0.0.1:\(bound)", trainerToken: trainerToken,
                codes: codes)
            let result = try await body(academy)
            server.cancel()
            _ = await server.result
            return result
        }
    }

    /// Counts rows of a table of the academy's database.
    func count(_ table: String) async throws -> Int {
        let rows = try await store.client.query(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Every answer id the server holds for `associate`.
    func answerIds(of associate: String) async throws -> [String] {
        let rows = try await store.client.query(
            """
            SELECT l.id FROM answer_log l JOIN associate a ON a.id = l.associate_id
            WHERE a.name = \(associate) ORDER BY l.id
            """)
        var ids: [String] = []
        for try await id in rows.decode(String.self) { ids.append(id) }
        return ids
    }

    /// A device token for `associate`, enrolled directly.
    func deviceToken(for associate: String, code: String? = nil) async throws -> String {
        var code = code
        if code == nil { code = try await store.newEnrolmentCode(for: associate) }
        let enrolment = EnrolmentRequest(code: code ?? "", deviceName: "test")
        return try await store.enrol(enrolment).deviceToken
    }
}
