import AcademyProtocol
import CohortInsights
import Foundation
import LianxiKit
import PostgresNIO
import Storage
import TestSupport
import Testing

@testable import AcademyServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The trainer's sections from PostgreSQL: ``HandMadeCohort``'s answers pushed to the academy
/// give the figures worked out by hand, the same as the pure sections and as SQLite's.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct InsightsTests {
    static let nowMs = Int64(HandMadeCohort.now.timeIntervalSince1970 * 1000)

    /// Registers the hand-made cohort's associates in `spring` (ana is there already), each
    /// with a device, and pushes their answers as their laptops would.
    static func pushHandMadeCohort(_ academy: TestAcademy) async throws {
        for name in HandMadeCohort.associates where name != "ana" {
            _ = try await academy.store.addAssociate(name, cohort: "spring")
        }
        for name in HandMadeCohort.associates {
            _ = try await academy.deviceToken(for: name)
            let rows = try await academy.store.client.query(
                """
                SELECT d.id, a.id FROM device d JOIN associate a ON a.id = d.associate_id
                WHERE a.name = \(name)
                """)
            var ids: (device: Int64, associate: Int64)?
            for try await (device, associate) in rows.decode((Int64, Int64).self) {
                ids = (device, associate)
            }
            let (deviceId, associateId) = try #require(ids)
            let answers = HandMadeCohort.rows.enumerated()
                .filter { $0.element.associate == name }
                .map { index, row in
                    SyncedAnswer(
                        id: "answer-\(index)", deck: HandMadeCohort.deck, note: row.note,
                        card: row.side,
                        reviewedAtMs: Int64(row.at.timeIntervalSince1970 * 1000),
                        rating: row.rating, durationMs: 5_000, typedAnswer: row.typed,
                        verdict: row.verdict)
                }
            guard !answers.isEmpty else { continue }
            let pushed = try await academy.store.push(
                answers, associateId: associateId, deviceId: deviceId, nowMs: nowMs)
            #expect(pushed.added == answers.count)
        }
    }

    @Test func theProtocolAndBothLogsKnowTheSameVerdicts() {
        #expect(AcademyLimits.verdicts == Set(AnswerVerdict.allCases.map(\.rawValue)))
    }

    @Test func sectionsFromPostgreSQLEqualThePureSections() async throws {
        try await TestAcademy.with { academy in
            try await Self.pushHandMadeCohort(academy)
            // The verdicts are in the answer log: 5 tone slips, 3 wrong syllables.
            let verdicts = try await academy.store.client.query(
                "SELECT verdict, count(*) FROM answer_log WHERE verdict IS NOT NULL GROUP BY verdict ORDER BY verdict"
            )
            var counts: [String: Int64] = [:]
            for try await (verdict, count) in verdicts.decode((String, Int64).self) {
                counts[verdict] = count
            }
            #expect(counts == ["tones-only": 5, "wrong": 3])
            let history = try await academy.store.cohortHistory("spring")
            let server = try TrainerInsights(history: history, now: HandMadeCohort.now)
            #expect(server.atRisk.map(\.name) == ["ana", "bo", "chen", "eve"])
            #expect(
                server.atRisk.map { $0.reasons.map(\.description) } == [
                    ["has not studied for 9 days"],
                    ["overdue backlog grew from 3 to 20 in 7 days"],
                    ["true retention 70 % against a target of 90 % (20 review answers)"],
                    ["has never studied"],
                ])
            // No release published: words are labelled by their keys alone.
            #expect(
                server.hardestWords.map(\.note.note).prefix(3) == ["pay-001", "pay-002", "pay-003"])
            #expect(
                server.hardestWords.map { [$0.toneSlips, $0.wrongSyllables, $0.forgotten] }
                    .prefix(2) == [[3, 1, 0], [1, 2, 1]])
        }
    }

    @Test func theSettingsLaptopsSentAreTheOnesTheSectionsUse() async throws {
        try await TestAcademy.with { academy in
            try await Self.pushHandMadeCohort(academy)
            // Chen studies for 80 %, not 90 %, and calls herself 陈; a value no laptop sends
            // (a retention of 2, written by hand) is not taken.
            let rows = try await academy.store.client.query(
                """
                SELECT d.id, a.id FROM device d JOIN associate a ON a.id = d.associate_id
                WHERE a.name = 'chen'
                """)
            var ids: (device: Int64, associate: Int64)?
            for try await (device, associate) in rows.decode((Int64, Int64).self) {
                ids = (device, associate)
            }
            let (deviceId, associateId) = try #require(ids)
            _ = try await academy.store.pushChanges(
                ChangesPush(
                    retractions: [],
                    settings: [
                        SettingChange(
                            name: "desired_retention", value: "0.8", changedAtMs: Self.nowMs),
                        SettingChange(name: "display_name", value: "陈", changedAtMs: Self.nowMs),
                    ]), associateId: associateId, deviceId: deviceId, nowMs: Self.nowMs)
            var history = try await academy.store.cohortHistory("spring")
            let chen = try #require(history.associates.first { $0.name == "chen" })
            #expect(chen.targetRetention == 0.8)
            #expect(chen.displayName == "陈")
            let insights = try TrainerInsights(history: history, now: HandMadeCohort.now)
            let reasons = insights.atRisk.first { $0.name == "chen" }?.reasons.map(\.description)
            #expect(reasons == ["true retention 70 % against a target of 80 % (20 review answers)"])
            // Others keep the defaults.
            #expect(history.associates.first { $0.name == "bo" }?.targetRetention == 0.9)

            try await academy.store.client.query(
                """
                UPDATE associate_setting SET value = '2' WHERE name = 'desired_retention'
                """)
            history = try await academy.store.cohortHistory("spring")
            #expect(history.associates.first { $0.name == "chen" }?.targetRetention == 0.9)
        }
    }

    @Test func theSameHistoryGivesTheSameSectionsFromSQLiteAndPostgreSQL() async throws {
        try await TestAcademy.with { academy in
            // The deck is published, so the server knows the words as the laptop does.
            let trainer = try AcademyClient(server: academy.url, token: academy.trainerToken)
            _ = try await trainer.publish(
                [DeckUpload(slug: HandMadeCohort.deck, text: HandMadeCohort.deckText)])
            try await Self.pushHandMadeCohort(academy)
            let server = try TrainerInsights(
                history: try await academy.store.cohortHistory("spring"), now: HandMadeCohort.now)
            let laptop = try TrainerInsights(
                history: try CohortHistory(try SQLiteCohort.database().insightRecords()),
                now: HandMadeCohort.now)
            let sections: [InsightSection] = [.atRisk, .mistakes]
            let json = try server.json(sections: sections)
            #expect(json == (try laptop.json(sections: sections)))
            #expect(server.csv(.mistakes) == laptop.csv(.mistakes))
            #expect(server.csv(.atRisk) == laptop.csv(.atRisk))
            #expect(json.contains("\"hanzi\" : \"支付\""))
        }
    }

    @Test func deckReleasesAreWhatEachDevicePulled() async throws {
        try await TestAcademy.with { academy in
            let trainer = try AcademyClient(server: academy.url, token: academy.trainerToken)
            _ = try await trainer.publish([DeckUpload(slug: "mini", text: TestLaptop.deckText)])
            let laptop = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            // The first sync brings release 1; the second tells the server it holds it.
            try await laptop.sync(academy.url, at: Date(timeIntervalSince1970: 1_780_000_000))
            var history = try await academy.store.cohortHistory("spring")
            #expect(history.associates.first?.releases == [])
            try await laptop.sync(academy.url, at: Date(timeIntervalSince1970: 1_780_000_100))
            history = try await academy.store.cohortHistory("spring")
            #expect(
                history.associates.first?.releases == [HeldRelease(deck: "mini", release: "#1")])
            // A newer release: ana is behind until her laptop syncs twice more.
            _ = try await trainer.publish(
                [
                    DeckUpload(
                        slug: "mini",
                        text: TestLaptop.deckText
                            + "mini-005\t发票\t發票\tfāpiào\tinvoice\tnoun\t\t\t\t\t5\t\n")
                ])
            let behind = try TrainerInsights(
                history: try await academy.store.cohortHistory("spring"),
                now: Date(timeIntervalSince1970: 1_780_000_200))
            #expect(
                behind.deckReleases.map { "\($0.associate) \($0.release) \($0.latest ?? "")" }
                    == ["ana #1 #2"])
            #expect(behind.deckReleases.first?.isCurrent == false)
        }
    }

    @Test func theEndpointServesTrainersTheirCohortsOnly() async throws {
        try await TestAcademy.with { academy in
            try await Self.pushHandMadeCohort(academy)
            let trainer = academy.trainerToken
            let json = try await Self.get(academy, "/v1/insights?cohort=spring", token: trainer)
            #expect(json.status == 200)
            #expect(json.type.hasPrefix("application/json"))
            #expect(json.body.contains("\"atRisk\"") && json.body.contains("\"workload\""))
            let csv = try await Self.get(
                academy, "/v1/insights?cohort=spring&format=csv&section=mistakes", token: trainer)
            #expect(csv.status == 200 && csv.type.hasPrefix("text/csv"))
            #expect(csv.body.contains("pay,pay-001,"))
            let html = try await Self.get(
                academy, "/v1/insights?cohort=spring&format=html", token: trainer)
            #expect(html.status == 200 && html.body.contains("<h2>At risk</h2>"))
            #expect(!html.body.contains("<script"))
            // Refused: another cohort, a device token, no token, bad values.
            #expect(
                try await Self.get(academy, "/v1/insights?cohort=autumn", token: trainer).status
                    == 403)
            let device = try await academy.deviceToken(for: "ana")
            #expect(
                try await Self.get(academy, "/v1/insights?cohort=spring", token: device).status
                    == 403)
            #expect(
                try await Self.get(academy, "/v1/insights?cohort=spring", token: nil).status == 401)
            for query in [
                "cohort=spring&format=pdf", "cohort=spring&format=csv",
                "cohort=spring&section=everything", "cohort=%27%3B%20DROP%20TABLE%20cohort",
            ] {
                #expect(
                    try await Self.get(academy, "/v1/insights?" + query, token: trainer).status
                        == 400, "\(query)")
            }
        }
    }

    static func get(_ academy: TestAcademy, _ path: String, token: String?) async throws
        -> (status: Int, type: String, body: String)
    {
        var request = URLRequest(url: try #require(URL(string: academy.url + path)))
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (
            http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type") ?? "",
            String(decoding: data, as: UTF8.self)
        )
    }
}
