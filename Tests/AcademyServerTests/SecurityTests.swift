import AcademyProtocol
import Foundation
import LianxiKit
import Testing

@testable import AcademyServer

/// Every request the academy must refuse, refused with the right status and nothing changed.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct SecurityTests {
    static let nowMs: Int64 = Int64(Date().timeIntervalSince1970 * 1000)

    static func answer(_ id: String, deck: String = "mini", note: String = "mini-001")
        -> SyncedAnswer
    {
        SyncedAnswer(
            id: id, deck: deck, note: note, card: "recognition", reviewedAtMs: nowMs - 60_000,
            rating: 3, durationMs: 5_000)
    }

    /// The HTTP status of a request (200 when it succeeded).
    static func status<Body: Encodable>(
        _ academy: TestAcademy, _ method: String, _ path: String, token: String?, _ body: Body?
    ) async -> Int {
        do {
            let client = try AcademyClient(server: academy.url, token: token)
            let _: EmptyAnswer = try await client.send(method, path, body)
            return 200
        } catch {
            return error.status ?? -1
        }
    }

    struct EmptyAnswer: Decodable {}

    /// The row counts of every table, to show nothing changed.
    static func snapshot(_ academy: TestAcademy) async throws -> [Int] {
        var counts: [Int] = []
        for table in [
            "cohort", "associate", "device", "trainer", "trainer_cohort", "deck_release",
            "answer_key", "answer_log",
        ] {
            counts.append(try await academy.count(table))
        }
        return counts
    }

    @Test func requestsWithoutAValidTokenAreRefused() async throws {
        try await TestAcademy.with { academy in
            let push = PushRequest(answers: [Self.answer("x1")])
            let before = try await Self.snapshot(academy)
            for token in [
                nil, "", "not-a-token", String(repeating: "f", count: 64),
                String(repeating: "a", count: 10_000),
            ] as [String?] {
                #expect(
                    await Self.status(academy, "POST", "/v1/answers", token: token, push) == 401)
                #expect(await Self.status(academy, "POST", "/v1/sync", token: token, push) == 401)
                #expect(
                    await Self.status(academy, "GET", "/v1/pull", token: token, nil as PushRequest?)
                        == 401)
                #expect(
                    await Self.status(
                        academy, "POST", "/v1/decks", token: token,
                        PublishRequest(decks: [DeckUpload(slug: "mini", text: "x")])) == 401)
                #expect(
                    await Self.status(
                        academy, "GET", "/v1/cohorts/spring/answers", token: token,
                        nil as PushRequest?) == 401)
            }
            #expect(try await Self.snapshot(academy) == before)
        }
    }

    @Test func revokedTokensAndUsedCodesStopWorking() async throws {
        try await TestAcademy.with { academy in
            let code = try #require(academy.codes["ana"])
            let token = try await academy.deviceToken(for: "ana", code: code)
            let enrolAgain = EnrolmentRequest(code: code, deviceName: "second")
            #expect(await Self.status(academy, "POST", "/v1/enrol", token: nil, enrolAgain) == 401)
            let push = PushRequest(answers: [Self.answer("r1")])
            #expect(await Self.status(academy, "POST", "/v1/answers", token: token, push) == 200)
            _ = try await academy.store.revoke("ana")
            let before = try await Self.snapshot(academy)
            #expect(
                await Self.status(
                    academy, "POST", "/v1/answers", token: token,
                    PushRequest(answers: [Self.answer("r2")])) == 401)
            #expect(
                await Self.status(
                    academy, "POST", "/v1/sync", token: token,
                    PushRequest(answers: [Self.answer("r3")])) == 401)
            #expect(
                await Self.status(academy, "GET", "/v1/pull", token: token, nil as PushRequest?)
                    == 401)
            _ = try await academy.store.revoke("li")
            #expect(
                await Self.status(
                    academy, "POST", "/v1/decks", token: academy.trainerToken,
                    PublishRequest(decks: [DeckUpload(slug: "mini", text: "x")])) == 401)
            #expect(try await Self.snapshot(academy) == before)
        }
    }

    @Test func secretsAreStoredOnlyAsHashes() async throws {
        try await TestAcademy.with { academy in
            let token = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            #expect(token.count == 64 && academy.trainerToken.count == 64)
            let rows = try await academy.store.client.query(
                """
                SELECT count(*) FROM (
                    SELECT token_hash AS h FROM device UNION ALL SELECT token_hash FROM trainer
                    UNION ALL SELECT enrolment_code_hash FROM associate) s
                WHERE position(convert_to(\(token), 'UTF8') in h) > 0
                    OR position(convert_to(\(academy.trainerToken), 'UTF8') in h) > 0
                    OR length(h) <> 32
                """)
            for try await count in rows.decode(Int64.self) { #expect(count == 0) }
        }
    }

    @Test func anAssociateCannotWriteOrReadAnotherAssociate() async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let tomas = try await academy.deviceToken(for: "tomas", code: academy.codes["tomas"])
            #expect(
                await Self.status(
                    academy, "POST", "/v1/answers", token: tomas,
                    PushRequest(answers: [Self.answer("t1"), Self.answer("t2")])) == 200)
            let before = try await Self.snapshot(academy)
            // Ana pushing Tomas's answers (same ids) is refused as a whole.
            #expect(
                await Self.status(
                    academy, "POST", "/v1/answers", token: ana,
                    PushRequest(answers: [Self.answer("a1"), Self.answer("t1")])) == 409)
            #expect(
                await Self.status(
                    academy, "POST", "/v1/sync", token: ana,
                    PushRequest(answers: [Self.answer("t2"), Self.answer("a2")])) == 409)
            #expect(try await Self.snapshot(academy) == before)
            // Ana's pull never holds Tomas's answers, nor does her sync.
            let client = try AcademyClient(server: academy.url, token: ana)
            let pulled = try await client.pull(releasesAfter: 0, answersAfter: 0)
            #expect(pulled.answers.isEmpty)
            let synced = try await client.sync(
                [], releasesAfter: 0, answersAfter: 0, changesAfter: 0)
            #expect(synced.pull.answers.isEmpty && synced.push.acknowledged.isEmpty)
            // An associate asking for a trainer's view, or publishing.
            #expect(
                await Self.status(
                    academy, "GET", "/v1/cohorts/autumn/answers", token: ana, nil as PushRequest?)
                    == 403)
            #expect(
                await Self.status(
                    academy, "POST", "/v1/decks", token: ana,
                    PublishRequest(decks: [DeckUpload(slug: "mini", text: "x")])) == 403)
            // A trainer reads only their cohorts, and pushes no answers.
            #expect(
                await Self.status(
                    academy, "GET", "/v1/cohorts/autumn/answers", token: academy.trainerToken,
                    nil as PushRequest?) == 403)
            #expect(
                await Self.status(
                    academy, "POST", "/v1/answers", token: academy.trainerToken,
                    PushRequest(answers: [Self.answer("z1")])) == 403)
            #expect(
                await Self.status(
                    academy, "POST", "/v1/sync", token: academy.trainerToken,
                    PushRequest(answers: [Self.answer("z2")])) == 403)
            #expect(try await Self.snapshot(academy) == before)
            // Their own cohort they may read: ana's cohort has no answers yet.
            let trainer = try AcademyClient(server: academy.url, token: academy.trainerToken)
            let page: CohortAnswers = try await trainer.send(
                "GET", "/v1/cohorts/spring/answers", nil as PushRequest?)
            #expect(page.answers.isEmpty)
        }
    }

    static let injections = [
        "'; DROP TABLE answer_log; --", "\" OR 1=1 --", "x'); DELETE FROM answer_key; --",
        "$1", "\\'; TRUNCATE device; --",
    ]

    /// The two requests that push answers: alone, and with the pull and the changes.
    static let pushPaths = ["/v1/answers", "/v1/sync"]

    @Test(arguments: pushPaths)
    func injectionStringsAreDataOrRefused(push path: String) async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let trainer = academy.trainerToken
            var stored: [String] = []
            for (index, text) in Self.injections.enumerated() {
                // Free-text fields are stored as they are, verbatim.
                var answer = Self.answer("\(text)#\(index)", deck: text, note: text)
                answer.typedAnswer = text
                stored.append(answer.id)
                #expect(
                    await Self.status(
                        academy, "POST", path, token: ana, PushRequest(answers: [answer]))
                        == 200)
                // Fields with a closed set of values refuse it.
                let before = try await Self.snapshot(academy)
                var closed = Self.answer("closed-\(index)")
                closed.card = text
                #expect(
                    await Self.status(
                        academy, "POST", path, token: ana, PushRequest(answers: [closed]))
                        == 400)
                closed.card = "pinyin"
                closed.verdict = text
                #expect(
                    await Self.status(
                        academy, "POST", path, token: ana, PushRequest(answers: [closed]))
                        == 400)
                #expect(
                    await Self.status(
                        academy, "POST", "/v1/decks", token: trainer,
                        PublishRequest(decks: [DeckUpload(slug: text, text: "x")])) == 400)
                #expect(
                    await Self.status(
                        academy, "POST", "/v1/enrol", token: nil,
                        EnrolmentRequest(code: text, deviceName: text)) == 401)
                let escaped =
                    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                #expect(
                    await Self.status(
                        academy, "GET", "/v1/cohorts/\(escaped)/answers", token: trainer,
                        nil as PushRequest?) == 403)
                #expect(
                    await Self.status(
                        academy, "GET", "/v1/pull?answers_after=\(escaped)", token: ana,
                        nil as PushRequest?) == 400)
                for cursor in ["releases_after", "answers_after", "changes_after"] {
                    #expect(
                        await Self.status(
                            academy, "POST", "/v1/sync?\(cursor)=\(escaped)", token: ana,
                            PushRequest(answers: [Self.answer("cursor-\(index)")])) == 400)
                }
                #expect(try await Self.snapshot(academy) == before)
            }
            #expect(try await academy.answerIds(of: "ana") == stored.sorted())
            // Ana's other laptop reads them back as they were sent.
            let other = try await academy.deviceToken(for: "ana")
            let client = try AcademyClient(server: academy.url, token: other)
            let pulled = try await client.pull(releasesAfter: 0, answersAfter: 0)
            #expect(Set(pulled.answers.map(\.deck)) == Set(Self.injections))
        }
    }

    @Test(arguments: pushPaths)
    func implausibleValuesAreRefused(push path: String) async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let before = try await Self.snapshot(academy)
            var cases: [SyncedAnswer] = []
            for rating in [0, 5, -1, Int.max] {
                var answer = Self.answer("bad-rating")
                answer.rating = rating
                cases.append(answer)
            }
            for time in [
                0, AcademyLimits.earliestAnswerMs - 1, Self.nowMs + 2 * 86_400_000, Int64.max,
            ] {
                var answer = Self.answer("bad-time")
                answer.reviewedAtMs = time
                cases.append(answer)
            }
            for duration in [-1, AcademyLimits.maxDurationMs + 1, Int64.max] as [Int64] {
                var answer = Self.answer("bad-duration")
                answer.durationMs = duration
                cases.append(answer)
            }
            for (text, field) in [
                ("", "id"), (String(repeating: "x", count: 201), "note"),
                ("a\u{0}b", "deck"),
            ] {
                var answer = Self.answer("bad-\(field)")
                switch field {
                case "id": answer.id = text
                case "note": answer.note = text
                default: answer.deck = text
                }
                cases.append(answer)
            }
            for answer in cases {
                #expect(
                    await Self.status(
                        academy, "POST", path, token: ana, PushRequest(answers: [answer]))
                        == 400, "\(answer)")
            }
            let twice = PushRequest(answers: [Self.answer("dup"), Self.answer("dup")])
            #expect(await Self.status(academy, "POST", path, token: ana, twice) == 400)
            #expect(try await Self.snapshot(academy) == before)
        }
    }

    @Test(arguments: pushPaths)
    func anOversizedBodyIsRefused(push path: String) async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let before = try await Self.snapshot(academy)
            let long = String(repeating: "长", count: 700)
            let answers = (0..<4_500).map { Self.answer("big-\($0)", note: long) }
            #expect(
                await Self.status(
                    academy, "POST", path, token: ana, PushRequest(answers: answers)) == 413)
            #expect(try await Self.snapshot(academy) == before)
        }
    }
}
