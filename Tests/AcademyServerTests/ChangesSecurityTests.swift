import AcademyProtocol
import Foundation
import LianxiKit
import Testing

@testable import AcademyServer

/// Retractions and settings are authenticated like answers: refused with the right status and
/// nothing changed.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct ChangesSecurityTests {
    static let nowMs = SecurityTests.nowMs

    /// The row counts of every table, those of changes included.
    static func snapshot(_ academy: TestAcademy) async throws -> [Int] {
        var counts = try await SecurityTests.snapshot(academy)
        for table in ["answer_retraction", "associate_setting"] {
            counts.append(try await academy.count(table))
        }
        return counts
    }

    static func status(
        _ academy: TestAcademy, _ method: String, _ path: String, token: String?,
        _ body: ChangesPush?
    ) async -> Int {
        await SecurityTests.status(academy, method, path, token: token, body)
    }

    @Test func changesNeedAnAssociatesDeviceToken() async throws {
        try await TestAcademy.with { academy in
            let push = ChangesPush(
                retractions: ["x1"],
                settings: [
                    SettingChange(name: "new_cards_per_day", value: "5", changedAtMs: Self.nowMs)
                ])
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let before = try await Self.snapshot(academy)
            for token in [nil, "", "not-a-token", String(repeating: "f", count: 64)] as [String?] {
                #expect(
                    await Self.status(academy, "POST", "/v1/changes", token: token, push) == 401)
                #expect(await Self.status(academy, "GET", "/v1/changes", token: token, nil) == 401)
            }
            // A trainer's token is the wrong kind.
            let trainer = academy.trainerToken
            #expect(await Self.status(academy, "POST", "/v1/changes", token: trainer, push) == 403)
            #expect(await Self.status(academy, "GET", "/v1/changes", token: trainer, nil) == 403)
            // A revoked device.
            _ = try await academy.store.revoke("ana")
            #expect(await Self.status(academy, "POST", "/v1/changes", token: ana, push) == 401)
            #expect(try await Self.snapshot(academy) == before)
        }
    }

    @Test func anAssociateCannotTakeBackAnotherAssociatesAnswers() async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let tomas = try await academy.deviceToken(for: "tomas", code: academy.codes["tomas"])
            let answers = PushRequest(answers: [SecurityTests.answer("ana-1")])
            #expect(
                await SecurityTests.status(academy, "POST", "/v1/answers", token: ana, answers)
                    == 200)
            let before = try await Self.snapshot(academy)
            // Tomas takes back ana's answer, alone or among his own ids: 409, nothing stored.
            for ids in [["ana-1"], ["tomas-1", "ana-1"]] {
                let push = ChangesPush(retractions: ids, settings: [])
                #expect(
                    await Self.status(academy, "POST", "/v1/changes", token: tomas, push) == 409)
            }
            #expect(try await Self.snapshot(academy) == before)
            #expect(try await academy.answerIds(of: "ana") == ["ana-1"])
            // Ana takes back an id never pushed; tomas cannot then push an answer with it.
            let early = ChangesPush(retractions: ["ana-2"], settings: [])
            #expect(await Self.status(academy, "POST", "/v1/changes", token: ana, early) == 200)
            let stolen = PushRequest(answers: [SecurityTests.answer("ana-2")])
            #expect(
                await SecurityTests.status(academy, "POST", "/v1/answers", token: tomas, stolen)
                    == 409)
            // Tomas's pull shows nothing of ana's.
            let client = try AcademyClient(server: academy.url, token: tomas)
            let changes = try await client.pullChanges(after: 0)
            #expect(changes.retractions.isEmpty && changes.settings.isEmpty)
        }
    }

    @Test(arguments: [
        "'; DROP TABLE answer_log; --", "1 OR 1=1", "\") OR (\"a\"=\"a", "$1", "ana-1\\",
    ])
    func injectionStringsAreStoredAsText(text: String) async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let client = try AcademyClient(server: academy.url, token: ana)
            _ = try await client.pushChanges(
                ChangesPush(
                    retractions: [text],
                    settings: [
                        SettingChange(name: "display_name", value: text, changedAtMs: Self.nowMs)
                    ]))
            let pulled = try await client.pullChanges(after: 0)
            #expect(pulled.retractions == [text])
            #expect(pulled.settings.map(\.value) == [text])
            #expect(try await academy.count("answer_log") == 0)
            #expect(try await academy.count("associate") == 2)
        }
    }

    @Test(arguments: [
        SettingChange(name: "favourite_colour", value: "blue", changedAtMs: SecurityTests.nowMs),
        SettingChange(
            name: "'; DROP TABLE associate; --", value: "1", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "desired_retention", value: "1.5", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "desired_retention", value: "nan", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "new_cards_per_day", value: "-1", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "rollover_hour", value: "24", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "scheduler", value: "anki", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "scheduler", value: nil, changedAtMs: SecurityTests.nowMs),
        SettingChange(
            name: "fsrs_parameters", value: "[1, \"x\"]", changedAtMs: SecurityTests.nowMs),
        SettingChange(
            name: "time_zone", value: "Europe/Lisbon; rm -rf", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "display_name", value: "bell\u{7}", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "tone_palette", value: "pleco", changedAtMs: 5),
        SettingChange(
            name: "tone_palette", value: "pleco", changedAtMs: SecurityTests.nowMs + 3 * 86_400_000),
        SettingChange(name: "play_audio", value: "yes", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "play_audio", value: "1", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "play_audio", value: nil, changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "listening", value: "True", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "listening", value: " true", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "listening", value: "true", changedAtMs: 5),
    ])
    func implausibleSettingsAreRefused(setting: SettingChange) async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let before = try await Self.snapshot(academy)
            let push =
                setting.travelsLater
                ? ChangesPush(retractions: ["fine-1"], settings: [], laterSettings: [setting])
                : ChangesPush(retractions: ["fine-1"], settings: [setting])
            #expect(await Self.status(academy, "POST", "/v1/changes", token: ana, push) == 400)
            #expect(try await Self.snapshot(academy) == before)
        }
    }

    /// A setting in the other list is refused: `settings` holds what an older laptop reads.
    @Test(arguments: [
        ChangesPush(
            retractions: ["fine-1"],
            settings: [
                SettingChange(name: "play_audio", value: "true", changedAtMs: SecurityTests.nowMs)
            ]),
        ChangesPush(
            retractions: ["fine-1"], settings: [],
            laterSettings: [
                SettingChange(name: "scheduler", value: "sm2", changedAtMs: SecurityTests.nowMs)
            ]),
        ChangesPush(
            retractions: ["fine-1"],
            settings: [
                SettingChange(name: "scheduler", value: "sm2", changedAtMs: SecurityTests.nowMs)
            ],
            laterSettings: [
                SettingChange(name: "scheduler", value: "sm2", changedAtMs: SecurityTests.nowMs)
            ]),
    ])
    func aSettingInTheOtherListIsRefused(push: ChangesPush) async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let before = try await Self.snapshot(academy)
            #expect(await Self.status(academy, "POST", "/v1/changes", token: ana, push) == 400)
            #expect(try await Self.snapshot(academy) == before)
        }
    }

    /// A later setting the server does not know (a newer laptop's) is passed over: the rest of
    /// the push is stored, and the answer leaves it out, so the laptop keeps it pending.
    @Test func aLaterSettingTheServerDoesNotKnowIsPassedOver() async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let client = try AcademyClient(server: academy.url, token: ana)
            let listening = SettingChange(name: "listening", value: "true", changedAtMs: Self.nowMs)
            let response = try await client.pushChanges(
                ChangesPush(
                    retractions: ["fine-1"], settings: [],
                    laterSettings: [
                        SettingChange(name: "dark_mode", value: "on", changedAtMs: Self.nowMs),
                        listening,
                    ]))
            #expect(response.retracted == ["fine-1"])
            #expect(response.settings.isEmpty && response.laterSettings == [listening])
            #expect(try await academy.count("associate_setting") == 1)
            let page = try await client.pullChanges(after: 0)
            #expect(page.settings.isEmpty && page.laterSettings == [listening])
        }
    }

    @Test func implausibleRetractionsAreRefused() async throws {
        try await TestAcademy.with { academy in
            let ana = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let before = try await Self.snapshot(academy)
            for ids in [
                [""], [String(repeating: "x", count: 201)], ["tab\there"], ["twice", "twice"],
                (0...AcademyLimits.changesPerPush).map { "id-\($0)" },
            ] {
                let push = ChangesPush(retractions: ids, settings: [])
                #expect(await Self.status(academy, "POST", "/v1/changes", token: ana, push) == 400)
            }
            #expect(
                await Self.status(academy, "GET", "/v1/changes?after=-1", token: ana, nil) == 400)
            #expect(try await Self.snapshot(academy) == before)
        }
    }
}
