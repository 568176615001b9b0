import AcademyProtocol
import Foundation
import Testing

/// The protocol's keys are written by each message's `CodingKeys`, not by a key strategy: these
/// tests hold the bytes to what the snake-case strategy wrote before (docs/ACADEMY.md), so a
/// camel-case key can never slip onto the wire.
@Suite struct WireFormatTests {
    /// What the protocol's encoder wrote when it converted keys to snake case.
    static func snakeCaseEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static let answer = SyncedAnswer(
        id: "a-1", deck: "hsk1", note: "n-1", card: "pinyin", reviewedAtMs: 1_764_000_000_000,
        rating: 3, durationMs: 4_200, typedAnswer: "yin2hang2", verdict: "correct",
        phaseBefore: "review", phaseAfter: "review", intervalSeconds: 86_400,
        previousIntervalSeconds: 43_200)
    static let setting = SettingChange(
        name: AcademySetting.timeZone.rawValue, value: "Asia/Shanghai",
        changedAtMs: 1_764_000_000_000)
    static let release = DeckRelease(
        id: 7, slug: "hsk1", text: "#deck: hsk1\n", publishedBy: "wei",
        publishedAtMs: 1_764_000_000_000)

    /// One value of every message of the protocol, with every optional field set.
    static let messages: [(String, any Codable & Sendable)] = [
        ("EnrolmentRequest", EnrolmentRequest(code: "c0de", deviceName: "ana-laptop")),
        (
            "EnrolmentResponse",
            EnrolmentResponse(associate: "ana", cohort: "c1", deviceToken: "t0ken")
        ),
        ("SyncedAnswer", answer),
        ("PushRequest", PushRequest(answers: [answer])),
        ("PushResponse", PushResponse(acknowledged: ["a-1"], added: 1)),
        ("DeckRelease", release),
        (
            "PullResponse",
            PullResponse(
                releases: [release], answers: [answer], releaseCursor: 7, answerCursor: 12,
                more: true)
        ),
        ("DeckUpload", DeckUpload(slug: "hsk1", text: "#deck: hsk1\n")),
        ("PublishRequest", PublishRequest(decks: [DeckUpload(slug: "hsk1", text: "x")])),
        ("PublishResponse", PublishResponse(releases: [PublishedRelease(id: 7, slug: "hsk1")])),
        (
            "CohortAnswers",
            CohortAnswers(
                cohort: "c1", answers: [AssociateAnswer(associate: "ana", answer: answer)],
                more: false)
        ),
        ("ProblemResponse", ProblemResponse(error: "no")),
        ("SettingChange", setting),
        (
            "ChangesPush",
            ChangesPush(retractions: ["a-1"], settings: [setting], laterSettings: [laterSetting])
        ),
        (
            "ChangesPushResponse",
            ChangesPushResponse(
                retracted: ["a-1"], settings: [setting], laterSettings: [laterSetting])
        ),
        (
            "ChangesPull",
            ChangesPull(
                retractions: ["a-1"], settings: [setting], laterSettings: [laterSetting],
                cursor: 3, more: false)
        ),
    ]
    static let laterSetting = SettingChange(
        name: AcademySetting.playAudio.rawValue, value: "true", changedAtMs: 1_764_000_000_000)

    @Test(arguments: messages.map(\.0))
    func everyMessageWritesTheSnakeCaseBytes(_ name: String) throws {
        let value = try #require(Self.messages.first { $0.0 == name }?.1)
        let written = try AcademyJSON.encoder().encode(value)
        #expect(
            String(decoding: written, as: UTF8.self)
                == String(decoding: try Self.snakeCaseEncoder().encode(value), as: UTF8.self))
        #expect(!String(decoding: written, as: UTF8.self).contains(/"[a-z]+[A-Z]/))
    }

    @Test func anAnswerReadsBackFromTheSnakeCaseBytes() throws {
        let bytes = try Self.snakeCaseEncoder().encode(
            PullResponse(
                releases: [Self.release], answers: [Self.answer], releaseCursor: 7,
                answerCursor: 12, more: true))
        let read = try AcademyJSON.decoder().decode(PullResponse.self, from: bytes)
        #expect(read.answers == [Self.answer])
        #expect(read.releases == [Self.release])
        #expect(read.answerCursor == 12)
    }

    /// Changes as a device or server from before `later_settings` writes them read with none.
    @Test func changesWithoutLaterSettingsReadWithNone() throws {
        let decoder = AcademyJSON.decoder()
        let setting = #"{"changed_at_ms": 1764000000000, "name": "scheduler", "value": "sm2"}"#
        let push = try decoder.decode(
            ChangesPush.self,
            from: Data(#"{"retractions": ["a-1"], "settings": [\#(setting)]}"#.utf8))
        #expect(push.settings.map(\.name) == ["scheduler"] && push.laterSettings.isEmpty)
        let answer = try decoder.decode(
            ChangesPushResponse.self,
            from: Data(#"{"retracted": [], "settings": [\#(setting)]}"#.utf8))
        #expect(answer.settings.count == 1 && answer.laterSettings.isEmpty)
        let page = try decoder.decode(
            ChangesPull.self,
            from: Data(#"{"cursor": 4, "more": false, "retractions": [], "settings": []}"#.utf8))
        #expect(page.cursor == 4 && page.laterSettings.isEmpty)
    }

    @Test(
        arguments: [
            ("plain", nil),
            ("tab\there", "id contains a control character"),
            ("bell\u{7}", "id contains a control character"),
            ("delete\u{7F}", "id contains a control character"),
            ("c1\u{85}", "id contains a control character"),
            ("nbsp\u{A0}", nil),
            ("汉字", nil),
            ("bidi\u{202E}", nil),
        ] as [(String, String?)])
    func controlCharactersAreTheC0DeleteAndC1Ranges(_ id: String, _ problem: String?) {
        var answer = Self.answer
        answer.id = id
        let problems = answer.problems(nowMs: 1_764_000_000_000)
        #expect(problems == (problem.map { [$0] } ?? []))
    }
}
