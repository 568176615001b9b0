import AcademyProtocol
import Foundation
import LianxiKit
import PostgresNIO
import SpacedRepetition
import Storage
import TestSupport
import Testing

@testable import AcademyServer

@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct SyncTests {
    let day = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func twoDevicesOfOneAssociateConverge() async throws {
        try await TestAcademy.with { academy in
            let first = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            let second = try TestLaptop(
                associate: "ana", token: try await academy.deviceToken(for: "ana"))
            try first.answer(note: 1, kind: .recognition, rating: .good, at: day, id: "a1")
            try second.answer(
                note: 1, kind: .recognition, rating: .again, at: day.addingTimeInterval(60),
                id: "b1")
            let up = try await first.sync(academy.url, at: day.addingTimeInterval(120))
            #expect(up.pushed == 1 && up.newOnServer == 1)
            try await second.sync(academy.url, at: day.addingTimeInterval(120))
            let down = try await first.sync(academy.url, at: day.addingTimeInterval(180))
            #expect(down.pushed == 0 && down.pulled == 1)
            #expect(try first.answerIds() == ["a1", "b1"])
            #expect(try second.answerIds() == ["a1", "b1"])
            #expect(try await academy.answerIds(of: "ana") == ["a1", "b1"])
            #expect(try first.mismatches() == 0 && second.mismatches() == 0)
            // Syncing again changes nothing anywhere.
            let again = try await second.sync(academy.url, at: day.addingTimeInterval(240))
            #expect(again.pushed == 0 && again.pulled == 0)
            #expect(try await academy.count("answer_log") == 2)
        }
    }

    /// A pull of more than a page: a sync in one request (`POST /v1/sync`) goes on with
    /// `GET /v1/pull` after its first page, and ends where the separate requests end; its
    /// changes come with it.
    @Test(arguments: [true, false])
    func aPullOfMoreThanAPageGoesOn(oneRequest: Bool) async throws {
        try await TestAcademy.with { academy in
            let laptop = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            let other = try await academy.deviceToken(for: "ana")
            guard
                case .device(let ana, _, let device) = try await academy.store.caller(token: other)
            else { throw SyncFailure("no device") }
            let count = AcademyLimits.answersPerPull + 2
            let kinds = ["recognition", "production", "pinyin"]
            let answers = (0..<count).map { index in
                SyncedAnswer(
                    id: "other-\(index)", deck: "mini", note: "mini-00\(1 + index % 4)",
                    card: kinds[index / 4 % 3],
                    reviewedAtMs: day.millisecondsSince1970 - 86_400_000 + Int64(index) * 1_000,
                    rating: 1 + index % 4, durationMs: 4_000)
            }
            let nowMs = day.millisecondsSince1970 + 86_400_000
            for start in stride(from: 0, to: count, by: AcademyLimits.answersPerPush) {
                _ = try await academy.store.push(
                    Array(answers[start..<min(count, start + AcademyLimits.answersPerPush)]),
                    associateId: ana, deviceId: device, nowMs: nowMs)
            }
            _ = try await academy.store.pushChanges(
                ChangesPush(retractions: ["other-7"], settings: []), associateId: ana,
                deviceId: device, nowMs: nowMs)
            try laptop.answer(note: 2, kind: .recognition, rating: .good, at: day, id: "mine")
            let first = try await laptop.sync(
                academy.url, at: day.addingTimeInterval(60), oneRequest: oneRequest)
            #expect(first.pushed == 1 && first.newOnServer == 1)
            #expect(first.pulled == count - 1)
            let again = try await laptop.sync(
                academy.url, at: day.addingTimeInterval(120), oneRequest: oneRequest)
            #expect(again.pushed == 0 && again.pulled == 0 && again.retracted == 0)
            let expected = (answers.map(\.id).filter { $0 != "other-7" } + ["mine"]).sorted()
            #expect(try laptop.answerIds() == expected)
            #expect(try await academy.answerIds(of: "ana") == expected)
            #expect(try laptop.mismatches() == 0)
        }
    }

    /// A laptop syncing with a server from before `POST /v1/sync` (404) syncs with the
    /// separate requests, to the same end.
    @Test func aServerWithoutTheOneRequestSyncGetsTheSeparateRequests() async throws {
        try await TestAcademy.with { academy in
            let port = try #require(URL(string: academy.url)?.port)
            let old = try CuttingProxy(target: port, refusingOneRequestSync: true) { .none }
            defer { old.stop() }
            let viaOld = "http://127.0.0.1:\(old.port)"
            let first = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            let second = try TestLaptop(
                associate: "ana", token: try await academy.deviceToken(for: "ana"))
            try first.answer(note: 1, kind: .recognition, rating: .good, at: day, id: "a1")
            try second.answer(
                note: 2, kind: .pinyin, rating: .hard, at: day.addingTimeInterval(60), id: "b1")
            let up = try await first.sync(viaOld, at: day.addingTimeInterval(120))
            #expect(up.pushed == 1 && up.newOnServer == 1)
            let both = try await second.sync(viaOld, at: day.addingTimeInterval(180))
            #expect(both.pushed == 1 && both.newOnServer == 1 && both.pulled == 1)
            let down = try await first.sync(academy.url, at: day.addingTimeInterval(240))
            #expect(down.pushed == 0 && down.pulled == 1)
            #expect(try first.answerIds() == ["a1", "b1"] && second.answerIds() == ["a1", "b1"])
            #expect(try await academy.answerIds(of: "ana") == ["a1", "b1"])
            #expect(try first.mismatches() == 0 && second.mismatches() == 0)
        }
    }

    /// A push of ids stored before, alone or among new ones: the new answers go in once, the
    /// stored ones are passed over, the taken-back one stays out, and an id of another
    /// associate's refuses the whole push, whatever else it holds; with the prepared
    /// statements planned for their values (the first five executions) and generically.
    @Test(
        arguments: [
            (["a3", "a4"], 2 as Int?),
            (["a1", "a2"], 0),
            (["a2", "a3", "a4"], 2),
            (["r1", "a3"], 1),
            (["a3", "a3b", "r1", "a1"], 2),
            (["a3", "t1"], nil),
            (["t1"], nil),
        ], ["force_custom_plan", "force_generic_plan"])
    func aPushStoresOnlyItsNewAnswers(push: ([String], Int?), planCacheMode: String) async throws {
        let (ids, added) = push
        try await TestAcademy.with(planCacheMode: planCacheMode) { academy in
            var callers: [(associate: Int64, device: Int64)] = []
            for name in ["ana", "tomas"] {
                let token = try await academy.deviceToken(for: name, code: academy.codes[name])
                guard
                    case .device(let associate, _, let device) = try await academy.store.caller(
                        token: token)
                else { throw SyncFailure("no device") }
                callers.append((associate, device))
            }
            let (ana, tomas) = (callers[0], callers[1])
            let nowMs = day.millisecondsSince1970 + 86_400_000
            func answers(_ ids: [String]) -> [SyncedAnswer] {
                ids.map { id in
                    SyncedAnswer(
                        id: id, deck: "mini", note: "mini-001", card: "recognition",
                        reviewedAtMs: day.millisecondsSince1970 + Int64(id.utf8.count) * 60_000,
                        rating: 3, durationMs: 4_000)
                }
            }
            let first = try await academy.store.push(
                answers(["a1", "a2", "r1"]), associateId: ana.associate, deviceId: ana.device,
                nowMs: nowMs)
            #expect(first.added == 3)
            _ = try await academy.store.pushChanges(
                ChangesPush(retractions: ["r1"], settings: []), associateId: ana.associate,
                deviceId: ana.device, nowMs: nowMs)
            _ = try await academy.store.push(
                answers(["t1"]), associateId: tomas.associate, deviceId: tomas.device,
                nowMs: nowMs)
            let keysBefore = try await academy.count("answer_key")
            do {
                let response = try await academy.store.push(
                    answers(ids), associateId: ana.associate, deviceId: ana.device, nowMs: nowMs)
                #expect(response.added == added)
                #expect(response.acknowledged == ids)
            } catch let failure as AcademyFailure {
                #expect(added == nil && failure.status == 409)
            }
            let stored = Set(["a1", "a2"] + (added == nil ? [] : ids.filter { $0 != "r1" }))
            #expect(try await academy.answerIds(of: "ana") == stored.sorted())
            #expect(try await academy.answerIds(of: "tomas") == ["t1"])
            #expect(try await academy.count("answer_key") == keysBefore + (added ?? 0))
        }
    }

    /// A pull sends the answers the associate's other devices pushed, and passes over the
    /// asking device's own and those taken back, whether the keys name their device (answers
    /// stored since migration 9) or not (stored before).
    @Test(arguments: [true, false], ["force_custom_plan", "force_generic_plan"])
    func aPullSendsOnlyOtherDevicesAnswers(keysNameTheirDevice: Bool, planCacheMode: String)
        async throws
    {
        try await TestAcademy.with(planCacheMode: planCacheMode) { academy in
            var devices: [Int64] = []
            for code in [academy.codes["ana"], nil] {
                let token = try await academy.deviceToken(for: "ana", code: code)
                guard case .device(_, _, let id) = try await academy.store.caller(token: token)
                else { throw SyncFailure("no device") }
                devices.append(id)
            }
            guard
                case .device(let ana, _, _) = try await academy.store.caller(
                    token: try await academy.deviceToken(for: "ana"))
            else { throw SyncFailure("no associate") }
            let nowMs = day.millisecondsSince1970 + 86_400_000
            func answers(_ ids: [String]) -> [SyncedAnswer] {
                ids.enumerated().map { index, id in
                    SyncedAnswer(
                        id: id, deck: "mini", note: "mini-001", card: "recognition",
                        reviewedAtMs: day.millisecondsSince1970 + Int64(index) * 60_000,
                        rating: 3, durationMs: 4_000)
                }
            }
            _ = try await academy.store.push(
                answers(["a1", "a2", "a3"]), associateId: ana, deviceId: devices[0], nowMs: nowMs)
            _ = try await academy.store.push(
                answers(["b1", "b2"]), associateId: ana, deviceId: devices[1], nowMs: nowMs)
            // The first device replays one of the second's: stored once, the second's still.
            _ = try await academy.store.push(
                answers(["b1"]), associateId: ana, deviceId: devices[0], nowMs: nowMs)
            _ = try await academy.store.pushChanges(
                ChangesPush(retractions: ["b2"], settings: []), associateId: ana,
                deviceId: devices[1], nowMs: nowMs)
            if !keysNameTheirDevice {
                try await academy.store.client.query("UPDATE answer_key SET device_id = NULL")
            }
            let last = try await academy.count("answer_key")
            #expect(last == 5)
            for (device, expected) in [(devices[0], ["b1"]), (devices[1], ["a1", "a2", "a3"])] {
                let page = try await academy.store.pull(
                    associateId: ana, deviceId: device, releasesAfter: 0, answersAfter: 0)
                #expect(page.answers.map(\.id) == expected)
                #expect(!page.more)
                let seqs = try await academy.store.client.query(
                    "SELECT max(seq) FROM answer_key WHERE associate_id = \(ana)")
                for try await seq in seqs.decode(Int64.self) { #expect(page.answerCursor == seq) }
            }
        }
    }

    /// An old typed answer without a verdict travels with the verdict its note gives.
    ///
    /// A pinyin card answered before verdicts were kept: the laptop reads the note after the
    /// unacknowledged answers are read, since a read inside their read stops the program
    /// (GRDB's reads are not reentrant).
    @Test(arguments: [("ni3hao3", "correct"), ("ni4hao4", "tones-only"), ("xie4xie", "wrong")])
    func anOldTypedAnswerWithoutAVerdictIsCheckedAgainstItsNote(typed: String, verdict: String)
        async throws
    {
        try await TestAcademy.with { academy in
            let laptop = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            guard let stored = try laptop.database.associate(named: "ana"),
                let cardId = try laptop.database.cardIds(inDeck: "mini")["mini-001"]?[.pinyin]
            else { throw SyncFailure("no pinyin card for mini-001") }
            var generator = SeededGenerator(seed: 7)
            let outcome = try stored.makeScheduler().review(
                .new, rating: .good, at: day, using: &generator)
            try laptop.database.record(
                Answer(
                    id: "typed-1", associateId: stored.id, cardId: cardId, phaseBefore: .new,
                    outcome: outcome, duration: 4, typedAnswer: typed, verdict: nil),
                progress: CardProgress(
                    state: outcome.card, isSuspended: false, buriedUntil: nil, isLeech: false))

            let report = try await laptop.sync(academy.url, at: day.addingTimeInterval(60))

            #expect(report.pushed == 1 && report.newOnServer == 1)
            let rows = try await academy.store.client.query(
                "SELECT typed_answer, verdict FROM answer_log WHERE id = 'typed-1'")
            var onServer: [String] = []
            for try await (typedAnswer, storedVerdict) in rows.decode((String, String).self) {
                onServer.append("\(typedAnswer) \(storedVerdict)")
            }
            #expect(onServer == ["\(typed) \(verdict)"])
        }
    }

    /// A server remembers the months of the log it has seen a partition of; a month detached
    /// and dropped by hand afterwards (archived) is made again by the next push of that month.
    @Test func aPushRemakesAMonthDroppedAfterTheServerSawIt() async throws {
        try await TestAcademy.with { academy in
            let token = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            guard
                case .device(let ana, _, let device) = try await academy.store.caller(token: token)
            else { throw SyncFailure("no device") }
            let at = day.millisecondsSince1970
            func push(_ id: String) async throws -> Int {
                let answer = SyncedAnswer(
                    id: id, deck: "mini", note: "mini-001", card: "recognition",
                    reviewedAtMs: at, rating: 3, durationMs: 4_000)
                return try await academy.store.push(
                    [answer], associateId: ana, deviceId: device, nowMs: at + 86_400_000
                ).added
            }
            #expect(try await push("a1") == 1)
            let month = LogMonth(containing: at).tableName
            try await academy.store.client.query(
                "ALTER TABLE answer_log DETACH PARTITION \(unescaped: month)")
            try await academy.store.client.query("DROP TABLE \(unescaped: month)")
            #expect(try await push("a2") == 1)
            #expect(try await academy.answerIds(of: "ana") == ["a2"])
        }
    }

    @Test func publishedReleaseReachesLaptopsAndKeepsProgress() async throws {
        try await TestAcademy.with { academy in
            let laptop = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            try laptop.answer(note: 2, kind: .recognition, rating: .good, at: day, id: "a1")
            // The trainer corrects a gloss, retires mini-004 and adds mini-005.
            let edited =
                TestLaptop.deckText
                .replacingOccurrences(of: "\tthank you\t", with: "\tthanks; thank you\t")
                .split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("mini-004") }.joined(separator: "\n")
                + "mini-005\t发票\t發票\tfāpiào\tinvoice\tnoun\t\t\t\t\t5\t\n"
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("publish-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("mini.tsv").path
            try edited.write(toFile: file, atomically: true, encoding: .utf8)
            let trainer = try AcademyClient(server: academy.url, token: academy.trainerToken)
            let published = try await AcademySync.publish(files: [file], client: trainer)
            #expect(published.releases.map(\.slug) == ["mini"])
            let report = try await laptop.sync(academy.url, at: day.addingTimeInterval(60))
            let summary = try #require(report.decks.first)
            #expect(summary.added.count == 1 && summary.retired.count == 1)
            #expect(summary.changed.count == 1)
            #expect(try laptop.answerIds() == ["a1"])
            #expect(try laptop.mismatches() == 0)
            let notes = try #require(try laptop.database.deck("mini")).notes
            #expect(notes.first { $0.key == "mini-002" }?.english == "thanks; thank you")
            // A second sync does not apply the release again.
            #expect(
                try await laptop.sync(academy.url, at: day.addingTimeInterval(120)).decks.isEmpty)
        }
    }

    @Test func aBadDeckFileIsNotPublished() async throws {
        try await TestAcademy.with { academy in
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("publish-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let good = folder.appendingPathComponent("mini.tsv").path
            try TestLaptop.deckText.write(toFile: good, atomically: true, encoding: .utf8)
            let bad = folder.appendingPathComponent("broken.tsv").path
            try (TestLaptop.deckText.replacingOccurrences(of: "nǐhǎo", with: "xq9"))
                .write(toFile: bad, atomically: true, encoding: .utf8)
            let trainer = try AcademyClient(server: academy.url, token: academy.trainerToken)
            await #expect(throws: DeckProblems.self) {
                try await AcademySync.publish(files: [good, bad], client: trainer)
            }
            #expect(try await academy.count("deck_release") == 0)
        }
    }

    @Test func serveRefusesAnOldOrNewSchema() async throws {
        let location = try await TestCluster.freshDatabase()
        try await withAcademyStore(location) { store in
            try await store.checkSchema()
            try await store.client.query("UPDATE schema_version SET version = version + 1")
            await #expect(throws: AcademyFailure.self) { try await store.checkSchema() }
            await #expect(throws: AcademyFailure.self) { try await store.migrate() }
            // Version 0 is a database without the version row (the table's CHECK keeps
            // version > 0), as before the first migration.
            try await store.client.query("DELETE FROM schema_version")
            do {
                try await store.checkSchema()
                Issue.record("a schema at version 0 was accepted")
            } catch let failure as AcademyFailure {
                #expect(failure.message.contains("lianxi-server migrate"))
            }
        }
    }

    @Test func plainHTTPToAnotherMachineIsRefused() {
        #expect(throws: SyncFailure.self) {
            try AcademyClient(server: "http://academy.example.com", token: "t")
        }
        #expect(throws: Never.self) {
            try AcademyClient(server: "https://academy.example.com", token: "t")
        }
    }

    @Test(
        arguments: [
            (Int64(1_000), 1970, 1),
            (Int64(LogMonth.days(year: 2026, month: 12)) * 86_400_000 - 1, 2026, 11),
            (Int64(LogMonth.days(year: 2026, month: 12)) * 86_400_000, 2026, 12),
        ] as [(Int64, Int, Int)])
    func answersFallIntoTheirMonth(_ time: Int64, _ year: Int, _ month: Int) {
        let found = LogMonth(containing: time)
        #expect(found.year == year && found.month == month)
        #expect(found.startMs <= time && time < found.endMs)
    }
}
