import AcademyProtocol
import CohortReporting
import Foundation
import PostgresNIO
import SpacedRepetition
import Storage
import TestSupport
import Testing

@testable import AcademyServer
@testable import LianxiKit

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live cohort report: the server's report equals `lianxi report` of a SQLite database
/// holding the same answers, byte for byte; the aggregates equal a recount of the raw log.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct ReportTests {
    /// The answers are given from this moment on, over about seven weeks.
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    /// The moment of the reports.
    static let now = Date(timeIntervalSince1970: 1_785_000_000)

    /// A laptop per associate, each in its own time zone, answering at random.
    struct Cohorts {
        var laptops: [TestLaptop] = []
        var cohortOf: [String: String] = [:]
    }

    /// Ana and mei (spring), tomas (autumn): each answers `count` random cards on one laptop
    /// and syncs in three pushes; the trainer published the mini deck first.
    static func study(_ academy: TestAcademy, count: Int, seed: UInt64) async throws -> Cohorts {
        let trainer = try AcademyClient(server: academy.url, token: academy.trainerToken)
        _ = try await trainer.publish([
            DeckUpload(slug: "mini", text: LianxiDeckFile.text(for: try TestLaptop.deck()))
        ])
        let mei = try await academy.store.addAssociate("mei", cohort: "spring")
        let people: [(name: String, code: String?, zone: String, hour: Int, cohort: String)] = [
            ("ana", academy.codes["ana"], "Asia/Shanghai", 4, "spring"),
            ("mei", mei, "Europe/Lisbon", 0, "spring"),
            ("tomas", academy.codes["tomas"], "America/Sao_Paulo", 6, "autumn"),
        ]
        var generator = SplitMix64(seed: seed)
        var result = Cohorts()
        for (index, person) in people.enumerated() {
            let laptop = try TestLaptop(
                associate: person.name,
                token: try await academy.deviceToken(for: person.name, code: person.code),
                after: people[..<index].map(\.name))
            guard var associate = try laptop.database.associate(named: person.name) else {
                throw SyncFailure("no associate")
            }
            associate.timeZone = person.zone
            associate.rolloverHour = person.hour
            associate.displayName = "\(person.name.capitalized) «\(person.zone)»"
            try laptop.database.update(associate)
            try await academy.store.setReportProfile(
                associate: person.name, displayName: associate.displayName,
                timeZone: person.zone, rolloverHour: person.hour)
            var time = start
            // The settings changed above travel with the first sync, stamped by SQLite's clock
            // (the real one): a sync judges them against its own time, so it happens no
            // earlier than now. The answers keep their simulated times.
            let syncTime = { max(time, Date()) }
            for index in 0..<count {
                // Minutes to days apart, so that cards reach review and some grow mature.
                time.addTimeInterval(Double(generator.next() % 200_000) + 60)
                try laptop.answer(
                    note: Int(generator.next() % 4) + 1,
                    kind: CardKind.allCases[Int(generator.next() % 3)],
                    rating: Rating(rawValue: Int(generator.next() % 4) + 1) ?? .good, at: time,
                    id: "\(person.name)-\(index)")
                if index == count / 3 || index == 2 * count / 3 {
                    try await laptop.sync(academy.url, at: syncTime())
                }
            }
            try await laptop.sync(academy.url, at: syncTime())
            result.laptops.append(laptop)
            result.cohortOf[person.name] = person.cohort
        }
        return result
    }

    /// A database as the academy office keeps it: the deck, and the bundles of `laptops`.
    static func office(_ laptops: [TestLaptop], deck: DeckContent) throws -> StudyDatabase {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(deck, at: start)
        var bundles: [(file: String, bundle: ProgressBundle)] = []
        for laptop in laptops {
            guard
                let bundle = try ProgressBundle.make(
                    for: laptop.associate, from: laptop.database, at: now)
            else { throw SyncFailure("no bundle") }
            bundles.append(("\(laptop.associate).json", bundle))
        }
        _ = try BundleImport.merge(bundles, into: database)
        return database
    }

    /// The server's report and the office's, in every format the test compares.
    static func expectSameReports(
        _ academy: TestAcademy, office: StudyDatabase, scope: ReportScope,
        since: CalendarDate? = nil, decks: [String]? = nil
    ) async throws {
        let local = CohortReport(
            snapshot: try office.studySnapshot(), now: now, since: since, decks: decks)
        let served = try await academy.store.cohortReport(
            scope: scope, since: since, decks: decks, now: now)
        #expect(served.csv() == local.csv())
        #expect(try served.json() == local.json())
        #expect(served.html() == local.html())
    }

    @Test func serverReportEqualsTheLocalReportByteForByte() async throws {
        try await TestAcademy.with { academy in
            let cohorts = try await Self.study(academy, count: 90, seed: 14)
            let deck = try TestLaptop.deck()
            let everyone = try Self.office(cohorts.laptops, deck: deck)
            let spring = try Self.office(
                cohorts.laptops.filter { cohorts.cohortOf[$0.associate] == "spring" }, deck: deck)
            let springId = try await academy.store.reportScope(
                trainerId: try await Self.trainerId(academy), cohorts: ["spring"])
            try await Self.expectSameReports(academy, office: everyone, scope: .academy)
            try await Self.expectSameReports(academy, office: spring, scope: springId)
            let since = CalendarDate(
                dayNumber: DayCounting.elapsed24HourPeriods.dayNumber(
                    of: Self.start.addingTimeInterval(20 * 86_400)))
            try await Self.expectSameReports(
                academy, office: everyone, scope: .academy, since: since)
            try await Self.expectSameReports(
                academy, office: everyone, scope: .academy, since: since, decks: ["mini"])
            try await Self.expectSameReports(
                academy, office: everyone, scope: .academy, decks: ["elsewhere"])
            // The report has failures to show, true retention to compute, cards known.
            let report = try await academy.store.cohortReport(
                scope: .academy, since: nil, decks: nil, now: Self.now)
            #expect(!report.hardestWords.isEmpty)
            #expect(report.associates.contains { $0.retention.all.total > 0 })
            #expect(report.associates.contains { $0.retention.mature.total > 0 })
            #expect(report.associates.contains { $0.cardsKnown > 0 })
        }
    }

    @Test func aRetiredWordLeavesTheReportAsItLeavesALaptops() async throws {
        try await TestAcademy.with { academy in
            let cohorts = try await Self.study(academy, count: 60, seed: 7)
            let edited = TestLaptop.deckText.split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .filter { !$0.hasPrefix("mini-004") }.joined(separator: "\n")
            let deck = try TestLaptop.deck(edited)
            let trainer = try AcademyClient(server: academy.url, token: academy.trainerToken)
            _ = try await trainer.publish([
                DeckUpload(slug: "mini", text: LianxiDeckFile.text(for: deck))
            ])
            let office = try Self.office(cohorts.laptops, deck: try TestLaptop.deck())
            try office.importDeck(deck, at: Self.now)
            try await Self.expectSameReports(academy, office: office, scope: .academy)
            #expect(try await Self.aggregates(academy) == Self.recount(academy))
        }
    }

    @Test func aggregatesEqualARecountAfterReplaysAndDuplicates() async throws {
        try await TestAcademy.with { academy in
            let cohorts = try await Self.study(academy, count: 70, seed: 99)
            let incremental = try await Self.aggregates(academy)
            // Replays: every laptop pushes its whole log again, from a second device too.
            var generator = SplitMix64(seed: 3)
            for laptop in cohorts.laptops {
                let reviews = try laptop.database.reviewsForExport(associate: laptop.associate)
                var notes = AcademySync.NoteLookup(database: laptop.database)
                var answers = try reviews.map { try AcademySync.syncedAnswer($0, notes: &notes) }
                answers.shuffle(using: &generator)
                let second = try AcademyClient(
                    server: academy.url,
                    token: try await academy.deviceToken(for: laptop.associate))
                for client in [try AcademyClient(server: academy.url, token: laptop.token), second]
                {
                    let half = answers.count / 2
                    for batch in [Array(answers[..<half]), Array(answers[half...]), answers] {
                        let response = try await client.push(batch)
                        #expect(response.added == 0)
                        #expect(response.acknowledged.count == batch.count)
                    }
                }
            }
            #expect(try await Self.aggregates(academy) == incremental)
            #expect(incremental == (try await Self.recount(academy)))
            // Rebuilt in one pass from the log: the same rows.
            try await academy.store.rebuildReport()
            #expect(try await Self.aggregates(academy) == incremental)
            #expect(incremental.contains { $0.hasPrefix("day|") })
            #expect(incremental.contains { $0.hasPrefix("failure|") })
        }
    }

    /// A server upgraded to the schema with totals fills them from the aggregates it had: the
    /// same rows as the fold keeps.
    @Test func theTotalsMigrationFillsWhatTheFoldKeeps() async throws {
        try await TestAcademy.with { academy in
            _ = try await Self.study(academy, count: 50, seed: 41)
            let kept = try await Self.aggregates(academy)
            #expect(kept.contains { $0.hasPrefix("coverage|") })
            #expect(kept.contains { $0.hasPrefix("total|") && !$0.hasSuffix("|0") })
            #expect(kept.contains { $0.hasPrefix("studyday|") })
            try await academy.store.client.query(
                "DROP TABLE report_coverage, report_study_day, report_word")
            for statement in ReportSchema.totals {
                try await academy.store.client.query(PostgresQuery(unsafeSQL: statement))
            }
            #expect(try await Self.aggregates(academy) == kept)
        }
    }

    @Test func answersTakenBackLeaveTheAggregatesAsARecountFindsThem() async throws {
        try await TestAcademy.with { academy in
            let cohorts = try await Self.study(academy, count: 60, seed: 23)
            let before = try await Self.aggregates(academy)
            // Each associate takes back three of their answers (undo after a sync), one of
            // them twice: the aggregates lose exactly those answers.
            for laptop in cohorts.laptops {
                let ids = ["0", "29", "59"].map { "\(laptop.associate)-\($0)" }
                let client = try AcademyClient(server: academy.url, token: laptop.token)
                for retractions in [ids, [ids[1]]] {
                    let response = try await client.pushChanges(
                        ChangesPush(retractions: retractions, settings: []))
                    #expect(Set(response.retracted).isSuperset(of: retractions))
                }
            }
            let after = try await Self.aggregates(academy)
            #expect(after != before)
            #expect(after == (try await Self.recount(academy)))
        }
    }

    @Test func reportRequestsAreRefusedUnlessATrainerMayReadThem() async throws {
        try await TestAcademy.with { academy in
            let device = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            func status(_ query: String, token: String?) async -> Int {
                do {
                    _ = try await Self.reportText(academy, query, token: token)
                    return 200
                } catch {
                    return (error as? SyncFailure)?.status ?? -1
                }
            }
            #expect(await status("format=csv", token: nil) == 401)
            // A wrong token: the real one with its first character changed (to one it is not,
            // or the "wrong" token would be the right one whenever it begins with that).
            let first = academy.trainerToken.first == "f" ? "0" : "f"
            #expect(
                await status("format=csv", token: first + academy.trainerToken.dropFirst()) == 401)
            #expect(await status("format=csv", token: device) == 403)
            #expect(await status("cohort=autumn", token: academy.trainerToken) == 403)
            #expect(await status("cohort=nowhere", token: academy.trainerToken) == 403)
            #expect(await status("format=pdf", token: academy.trainerToken) == 400)
            #expect(await status("since=2026-02-30", token: academy.trainerToken) == 400)
            #expect(await status("cohort=spring", token: academy.trainerToken) == 200)
            // Without a cohort: the trainer's own; the whole academy once allowed to see it.
            let own = try await Self.reportText(academy, "format=csv", token: academy.trainerToken)
            #expect(own.contains("ana") && !own.contains("tomas"))
            try await academy.store.setAcademyView(trainer: "li", true)
            let all = try await Self.reportText(academy, "format=csv", token: academy.trainerToken)
            #expect(all.contains("ana") && all.contains("tomas"))
            #expect(await status("cohort=autumn", token: academy.trainerToken) == 200)
            // The page link reads the HTML report without the token, and nothing else.
            let secret = try await academy.store.newPageSecret(trainer: "li")
            let page = try await Self.reportText(
                academy, "", token: nil, path: "/v1/live/\(secret)")
            #expect(page.hasPrefix("<!DOCTYPE html>") && !page.contains("<script"))
            // Sent part by part, and whole: every drawing closed, the table and page ended.
            #expect(page.hasSuffix("</tbody></table></div>\n</main></body></html>\n"))
            #expect(
                page.components(separatedBy: "<svg ").count
                    == page.components(separatedBy: "</svg>").count)
            #expect(
                await SecurityTests.status(
                    academy, "POST", "/v1/decks", token: secret,
                    PublishRequest(decks: [DeckUpload(slug: "x", text: "x")])) == 401)
            let newer = try await academy.store.newPageSecret(trainer: "li")
            await #expect(throws: SyncFailure.self) {
                _ = try await Self.reportText(academy, "", token: nil, path: "/v1/live/\(secret)")
            }
            _ = try await academy.store.revoke("li")
            await #expect(throws: SyncFailure.self) {
                _ = try await Self.reportText(academy, "", token: nil, path: "/v1/live/\(newer)")
            }
        }
    }

    @Test func theClientFetchesTheSameBytesTheOfficeWrites() async throws {
        try await TestAcademy.with { academy in
            let cohorts = try await Self.study(academy, count: 40, seed: 5)
            let spring = try Self.office(
                cohorts.laptops.filter { cohorts.cohortOf[$0.associate] == "spring" },
                deck: try TestLaptop.deck())
            // The answers are months old, so the report does not depend on the moment: CSV
            // carries no time of its own.
            let local = CohortReport(snapshot: try spring.studySnapshot(), now: Date())
            let client = try AcademyClient(server: academy.url, token: academy.trainerToken)
            let fetched = try await client.report(
                format: "csv", cohorts: ["spring"], since: nil, decks: [])
            #expect(fetched == Data(local.csv().utf8))
            let html = try await client.report(
                format: "html", cohorts: [], since: "2026-06-01", decks: ["mini"])
            #expect(String(decoding: html, as: UTF8.self).contains("Lianxi cohort report"))
        }
    }

    // MARK: - Helpers

    static func trainerId(_ academy: TestAcademy) async throws -> Int64 {
        guard case .trainer(let id, _) = try await academy.store.caller(token: academy.trainerToken)
        else { throw SyncFailure("no trainer") }
        return id
    }

    /// Every aggregate row, as text, in key order, once the answers pushed so far are folded
    /// (a push's fold runs after it answers; `folding: false` reads them as they are).
    static func aggregates(_ academy: TestAcademy, folding: Bool = true) async throws
        -> [String]
    {
        if folding { try await academy.store.foldPending() }
        return try await rows(
            academy,
            """
            SELECT 'day|' || associate_id || '|' || deck || '|' || day || '|' || answers || '|'
                || introduced || '|' || duration_ms || '|' || young_passed || '|' || young_failed
                || '|' || mature_passed || '|' || mature_failed || '|' || last_ms
            FROM report_day
            UNION ALL SELECT 'studyday|' || associate_id || '|' || day || '|' || answers || '|'
                || introduced || '|' || duration_ms || '|' || young_passed || '|' || young_failed
                || '|' || mature_passed || '|' || mature_failed || '|' || last_ms
            FROM report_study_day
            UNION ALL SELECT 'card|' || associate_id || '|' || deck || '|' || note || '|' || card
                || '|' || last_ms || '|' || last_id || '|' || known FROM report_card
            UNION ALL SELECT 'word|' || cohort_id || '|' || deck || '|' || note || '|' || day
                || '|' || answers || '|' || failed FROM report_word_day
            UNION ALL SELECT 'failure|' || associate_id || '|' || deck || '|' || note || '|'
                || last_failed_day FROM report_word_failure
            UNION ALL SELECT 'coverage|' || associate_id || '|' || deck || '|' || level || '|'
                || learning || '|' || known FROM report_coverage
                WHERE learning <> 0 OR known <> 0
            UNION ALL SELECT 'total|' || cohort_id || '|' || deck || '|' || note || '|'
                || answers || '|' || failed || '|' || associates FROM report_word
            """)
    }

    /// The same rows counted afresh from the raw log, written independently of the fold.
    static func recount(_ academy: TestAcademy) async throws -> [String] {
        let active = """
            FROM answer_log l JOIN report_note n ON n.deck = l.deck AND n.note = l.note
                AND n.active
            """
        let review = "l.phase_before = 'review'"
        let young = "\(review) AND round(coalesce(l.previous_interval_seconds, 0) / 86400) < 21"
        let mature = "\(review) AND round(coalesce(l.previous_interval_seconds, 0) / 86400) >= 21"
        return try await rows(
            academy,
            """
            SELECT 'day|' || l.associate_id || '|' || l.deck || '|' || l.study_day || '|'
                || count(*) || '|' || sum((l.phase_before = 'new')::int) || '|'
                || sum(coalesce(l.duration_ms, 0)) || '|'
                || sum((\(young) AND l.rating > 1)::int) || '|'
                || sum((\(young) AND l.rating = 1)::int) || '|'
                || sum((\(mature) AND l.rating > 1)::int) || '|'
                || sum((\(mature) AND l.rating = 1)::int) || '|' || max(l.reviewed_at_ms)
            \(active) GROUP BY l.associate_id, l.deck, l.study_day
            UNION ALL
            SELECT 'studyday|' || l.associate_id || '|' || l.study_day || '|'
                || count(*) || '|' || sum((l.phase_before = 'new')::int) || '|'
                || sum(coalesce(l.duration_ms, 0)) || '|'
                || sum((\(young) AND l.rating > 1)::int) || '|'
                || sum((\(young) AND l.rating = 1)::int) || '|'
                || sum((\(mature) AND l.rating > 1)::int) || '|'
                || sum((\(mature) AND l.rating = 1)::int) || '|' || max(l.reviewed_at_ms)
            \(active) GROUP BY l.associate_id, l.study_day
            UNION ALL
            SELECT 'card|' || l.associate_id || '|' || l.deck || '|' || l.note || '|' || l.card
                || '|' || l.reviewed_at_ms || '|' || l.id || '|'
                || (l.phase_after = 'review'
                    AND floor((round(l.interval_seconds * 1000) + 43200000) / 86400000) >= 21)
            \(active) WHERE NOT EXISTS (SELECT 1 FROM answer_log later
                WHERE later.associate_id = l.associate_id AND later.deck = l.deck
                    AND later.note = l.note AND later.card = l.card
                    AND (later.reviewed_at_ms, later.id COLLATE "C")
                        > (l.reviewed_at_ms, l.id COLLATE "C"))
            UNION ALL
            SELECT 'word|' || a.cohort_id || '|' || l.deck || '|' || l.note || '|' || l.study_day
                || '|' || count(*) || '|' || sum((l.rating = 1)::int)
            \(active) JOIN associate a ON a.id = l.associate_id
            WHERE l.phase_before <> 'new' GROUP BY a.cohort_id, l.deck, l.note, l.study_day
            UNION ALL
            SELECT 'failure|' || l.associate_id || '|' || l.deck || '|' || l.note || '|'
                || max(l.study_day)
            \(active) WHERE l.phase_before <> 'new' AND l.rating = 1
            GROUP BY l.associate_id, l.deck, l.note
            UNION ALL
            SELECT 'coverage|' || associate_id || '|' || deck || '|' || level || '|'
                || sum((NOT known)::int) || '|' || sum(known::int)
            FROM (
                SELECT l.associate_id, l.deck, coalesce(n.hsk_level, 'none') AS level,
                    coalesce(l.phase_after = 'review'
                        AND floor((round(l.interval_seconds * 1000) + 43200000) / 86400000)
                            >= 21, false) AS known,
                    row_number() OVER (PARTITION BY l.associate_id, l.deck, l.note, l.card
                        ORDER BY l.reviewed_at_ms DESC, l.id COLLATE "C" DESC) AS newest
                \(active)
            ) c WHERE newest = 1
            GROUP BY associate_id, deck, level
            UNION ALL
            SELECT 'total|' || a.cohort_id || '|' || l.deck || '|' || l.note || '|'
                || count(*) FILTER (WHERE l.phase_before <> 'new') || '|'
                || count(*) FILTER (WHERE l.phase_before <> 'new' AND l.rating = 1) || '|'
                || count(DISTINCT l.associate_id)
                    FILTER (WHERE l.phase_before <> 'new' AND l.rating = 1)
            \(active) JOIN associate a ON a.id = l.associate_id
            GROUP BY a.cohort_id, l.deck, l.note
            HAVING count(*) FILTER (WHERE l.phase_before <> 'new') > 0
            """)
    }

    static func rows(_ academy: TestAcademy, _ sql: String) async throws -> [String] {
        let result = try await academy.store.client.query(PostgresQuery(unsafeSQL: sql))
        var rows: [String] = []
        for try await row in result.decode(String.self) { rows.append(row) }
        return rows.sorted()
    }

    static func reportText(
        _ academy: TestAcademy, _ query: String, token: String?, path: String = "/v1/report"
    ) async throws -> String {
        guard let url = URL(string: academy.url + path + (query.isEmpty ? "" : "?" + query))
        else { throw SyncFailure("bad url") }
        var request = URLRequest(url: url)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw SyncFailure("refused", status: status) }
        return String(decoding: data, as: UTF8.self)
    }
}

extension TestLaptop {
    /// A laptop where the associates before `associate` in the office's database were
    /// registered first, so that the associate has the same id on both: the scheduler draws
    /// each interval's fuzz from the associate's id, and the two replays agree only then.
    init(associate: String, token: String, after others: [String]) throws {
        database = try StudyDatabase.inMemory()
        self.associate = associate
        self.token = token
        let time = Date(timeIntervalSince1970: 1_700_000_000)
        try database.importDeck(try Self.deck(), at: time)
        for name in others + [associate] {
            _ = try database.registerAssociate(named: name, timeZone: "UTC", at: time)
        }
    }
}
