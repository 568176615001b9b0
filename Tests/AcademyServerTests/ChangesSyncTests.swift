import AcademyProtocol
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import Testing

@testable import AcademyServer

/// Answers taken back and settings changed travel between an associate's laptops.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct ChangesSyncTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func anAnswerUndoneAfterItWasPushedDoesNotComeBack() async throws {
        try await TestAcademy.with { academy in
            let first = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            let second = try TestLaptop(
                associate: "ana", token: try await academy.deviceToken(for: "ana"))
            try first.answer(note: 1, kind: .recognition, rating: .good, at: Self.start, id: "a1")
            let undone = try first.answer(
                note: 1, kind: .recognition, rating: .again, at: Self.start + 600, id: "a2")
            try await first.sync(academy.url, at: Self.start + 700)
            try await second.sync(academy.url, at: Self.start + 800)
            #expect(try second.answerIds() == ["a1", "a2"])

            #expect(try first.undo(undone))
            let report = try await first.sync(academy.url, at: Self.start + 900)
            #expect(report.retractionsSent == 1)
            #expect(try await academy.answerIds(of: "ana") == ["a1"])
            // A replayed push of the answer, and of the retraction, change nothing.
            let client = try AcademyClient(server: academy.url, token: first.token)
            let replayed = try await client.push([undone.synced])
            #expect(replayed.acknowledged == ["a2"] && replayed.added == 0)
            _ = try await client.pushChanges(ChangesPush(retractions: ["a2"], settings: []))
            try await first.sync(academy.url, at: Self.start + 950)
            #expect(try first.answerIds() == ["a1"])
            #expect(try await academy.answerIds(of: "ana") == ["a1"])
            #expect(try await academy.count("answer_retraction") == 1)

            // The other laptop deletes it and rebuilds the card by replay.
            let pulled = try await second.sync(academy.url, at: Self.start + 1_000)
            #expect(pulled.retracted == 1)
            #expect(try second.answerIds() == ["a1"])
            #expect(try second.mismatches() == 0 && first.mismatches() == 0)
            #expect(try ConvergenceTests.states(first) == ConvergenceTests.states(second))
            let card = try #require(
                try second.database.cardIds(inDeck: "mini")["mini-001"]?[.recognition])
            // The card is as one Good answer leaves it, on both laptops.
            let kept = try second.database.progress(for: second.associateId())[card]
            #expect(kept?.state.reps == 1 && kept?.state.lapses == 0)
            #expect(
                try first.database.progress(for: first.associateId())[card]?.state == kept?.state)
        }
    }

    @Test func anAnswerUndoneBeforeItWasPushedNeverReachesTheServer() async throws {
        try await TestAcademy.with { academy in
            let laptop = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            let undone = try laptop.answer(
                note: 2, kind: .pinyin, rating: .hard, at: Self.start, id: "b1")
            #expect(try laptop.undo(undone))
            try await laptop.sync(academy.url, at: Self.start + 60)
            // The push of the answer arriving after its retraction (a slow replay) adds nothing.
            let client = try AcademyClient(server: academy.url, token: laptop.token)
            #expect(try await client.push([undone.synced]).added == 0)
            #expect(try await academy.answerIds(of: "ana").isEmpty)
            #expect(try laptop.database.pendingRetractions(of: laptop.associateId()).isEmpty)
        }
    }

    /// Two laptops change settings offline, some the same, some different, and sync in either
    /// order: both end with the same settings, the later change of each setting.
    @Test(arguments: [false, true])
    func settingsConvergeWhicheverLaptopSyncsFirst(secondFirst: Bool) async throws {
        try await TestAcademy.with { academy in
            let first = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            let second = try TestLaptop(
                associate: "ana", token: try await academy.deviceToken(for: "ana"))
            // Settings are stamped by the laptop's clock: sync on it too.
            let now = Date()
            try first.answer(note: 1, kind: .recognition, rating: .good, at: Self.start, id: "c1")
            try await first.sync(academy.url, at: now)
            try await second.sync(academy.url, at: now)

            // Offline: the first changes new cards and retention, the second retention (later,
            // so it wins; enrolled later, so it also wins a tie) and the tone palette.
            try first.set(AssociateSettings(desiredRetention: 0.85, newCardsPerDay: 7))
            try second.set(AssociateSettings(desiredRetention: 0.8, tonePalette: .plain))
            let order = secondFirst ? [second, first] : [first, second]
            for _ in 0..<2 {
                for laptop in order { try await laptop.sync(academy.url, at: now + 1) }
            }
            let one = try #require(try first.database.associate(named: "ana"))
            let two = try #require(try second.database.associate(named: "ana"))
            #expect(one.newCardsPerDay == 7 && two.newCardsPerDay == 7)
            #expect(one.desiredRetention == 0.8 && two.desiredRetention == 0.8)
            #expect(one.tonePalette == "plain" && two.tonePalette == "plain")
            #expect(
                AcademySync.settingValues(of: one) == AcademySync.settingValues(of: two))
            // The retention change rescheduled both laptops' cards from the same log.
            #expect(try first.mismatches() == 0 && second.mismatches() == 0)
            #expect(try ConvergenceTests.states(first) == ConvergenceTests.states(second))
            #expect(try first.database.pendingSettings(of: first.associateId()).isEmpty)
            #expect(try second.database.pendingSettings(of: second.associateId()).isEmpty)
        }
    }

    /// Each setting changed on one laptop reaches the associate's other laptop; the later
    /// settings travel in `later_settings`, never where an older laptop would refuse them.
    @Test(arguments: [
        ("new_cards_per_day", AssociateSettings(newCardsPerDay: 7), "7"),
        ("tone_palette", AssociateSettings(tonePalette: .plain), "plain"),
        ("play_audio", AssociateSettings(playsAudio: true), "true"),
        ("listening", AssociateSettings(studiesListening: true), "true"),
    ])
    func aSettingChangedOnOneLaptopReachesTheOther(
        name: String, change: AssociateSettings, value: String
    ) async throws {
        try await TestAcademy.with { academy in
            let first = try TestLaptop(
                associate: "ana",
                token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"]))
            let second = try TestLaptop(
                associate: "ana", token: try await academy.deviceToken(for: "ana"))
            let now = Date()
            try await first.sync(academy.url, at: now)
            try await second.sync(academy.url, at: now)
            let before = try #require(try second.database.associate(named: "ana"))
            #expect(AcademySync.settingValues(of: before)[name] != .some(value))

            try first.set(change)
            let pushed = try await first.sync(academy.url, at: now + 1)
            #expect(pushed.settingsSent == 1)
            #expect(try first.database.pendingSettings(of: first.associateId()).isEmpty)
            #expect(try await second.sync(academy.url, at: now + 2).settingsReceived == 1)
            let after = try #require(try second.database.associate(named: "ana"))
            #expect(AcademySync.settingValues(of: after)[name] == .some(value))
            #expect(
                AssociateSettings(of: after) == AssociateSettings(of: change.applied(to: before)))
            #expect(try second.database.pendingSettings(of: second.associateId()).isEmpty)

            let page = try await AcademyClient(server: academy.url, token: second.token)
                .pullChanges(after: 0)
            let later = AcademySetting(rawValue: name)?.travelsLater == true
            #expect(page.settings.map(\.name) == (later ? [] : [name]))
            #expect(page.laterSettings.map(\.name) == (later ? [name] : []))
        }
    }

    @Test func aTieGoesToTheDeviceEnrolledLater() async throws {
        try await TestAcademy.with { academy in
            let early = try await academy.deviceToken(for: "ana", code: academy.codes["ana"])
            let late = try await academy.deviceToken(for: "ana")
            let at = SecurityTests.nowMs
            for (token, value) in [(late, "11"), (early, "22"), (late, "11")] {
                let client = try AcademyClient(server: academy.url, token: token)
                _ = try await client.pushChanges(
                    ChangesPush(
                        retractions: [],
                        settings: [
                            SettingChange(name: "new_cards_per_day", value: value, changedAtMs: at)
                        ]))
            }
            let client = try AcademyClient(server: academy.url, token: early)
            #expect(try await client.pullChanges(after: 0).settings.map(\.value) == ["11"])
        }
    }
}

extension TestLaptop {
    /// Changes settings as `lianxi associate set` does.
    func set(_ settings: AssociateSettings) throws {
        _ = try AssociateDirectory.set(associate, to: settings, in: database)
    }
}
