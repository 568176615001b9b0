import CohortReporting
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// The cohort report on ``HandMadeHistory`` plus a second associate, checked by hand and against
/// golden files (`Fixtures/report.csv`, `Fixtures/report.json`).
///
/// After a deliberate change of the formats, run the tests once with `LIANXI_UPDATE_GOLDEN=1`
/// to rewrite the golden files, and review their diff.
@Suite struct CohortReportTests {
    @Test func everyAssociateIsCountedByHand() throws {
        let report = CohortReport(snapshot: try cohort(), now: HandMadeHistory.now)
        #expect(report.associates.map(\.name) == ["ana", "ben"])
        let ana = try #require(report.associates.first)
        // First answers: cards 4, 7, 1, 2, 3.
        #expect(ana.cardsIntroduced == 5)
        // Stored progress not new: cards 1, 2, 3, 4, 7, 8, 9; known: 1 and 7; 9 cards in all.
        #expect(ana.cardsStarted == 7)
        #expect(ana.cardsKnown == 2)
        #expect(ana.cardsTotal == 9)
        // 13 answers, 360 s, on 9 days; streak 3, longest 4.
        #expect(ana.reviews == 13)
        #expect(ana.minutes == 6)
        #expect(ana.activeDays == 9)
        #expect(ana.streak.current == 3)
        #expect(ana.streak.longest == 4)
        // All history: young 2 passed 1 failed, mature 1 and 1: 3 of 5.
        #expect(ana.retention.all == Tally(passed: 3, failed: 2))
        #expect(ana.lastActive == .utc(2026, 11, 20, 11))

        let ben = try #require(report.associates.last)
        // São Paulo (UTC-3): 12:00 UTC on the 19th and 11:00 UTC on the 20th are two days.
        #expect(ben.cardsIntroduced == 2)
        #expect(ben.reviews == 4)
        #expect(ben.activeDays == 2)
        #expect(ben.retention.all.total == 0)

        // Cohort: every answer of both on its associate's local date, from ana's first day.
        #expect(report.reviewsPerDay.first?.date.description == "2025-12-01")
        #expect(report.reviewsPerDay.last?.date.description == "2026-11-20")
        // ana 4, ben 2 on the 20th; ana 1 (the 02:00 answer) and ben 2 on the 19th.
        #expect(report.reviewsPerDay.suffix(2).map(\.answers) == [3, 6])
        // Failed after a first answer: 支付 (ana's card 2 on 11-20, ben's card 1 on 11-19) and
        // 直播带货 (ana's card 4 on 11-18). Ana's first answer Again (11-15) does not count.
        #expect(report.hardestWords.map(\.hanzi) == ["支付", "直播带货"])
        #expect(report.hardestWords.first?.failed == 2)
        #expect(report.hardestWords.first?.associates == 2)
        // 支付's answers after the first: ana's 1 (11-14), 2 (11-16), 1 (11-19), 2 (11-20) ×2,
        // ben's 1 (11-19 12:10, 11-20): 7; 2 failed.
        #expect(report.hardestWords.first?.answers == 7)
    }

    @Test func periodAndDecksNarrowEveryFigure() throws {
        // Deck a (cards 1, 2, 3, 8) from 11-14: ana answered cards 1 (11-14, 11-19), 2 (11-15
        // new, 11-16, 11-20 twice) and 3 (11-20 new): 7 answers, 2 introduced, on 14, 15, 16,
        // 19 and 20; retention: card 1 Hard after 6 days, card 2 Again after 3 days: 1 of 2;
        // 30 + 60 + 30 + 20 + 50 + 25 + 15 = 230 s.
        let report = CohortReport(
            snapshot: try cohort(), now: HandMadeHistory.now,
            since: CalendarDate(parsing: "2026-11-14"), decks: ["a"])
        #expect(report.decks.map(\.slug) == ["a"])
        let ana = try #require(report.associates.first)
        #expect(ana.reviews == 7)
        #expect(ana.cardsIntroduced == 2)
        #expect(ana.activeDays == 5)
        #expect(ana.retention.all == Tally(passed: 1, failed: 1))
        #expect(abs(ana.minutes - 230.0 / 60) < 1e-9)
        #expect(ana.cardsStarted == 4)
        #expect(ana.cardsKnown == 1)
        #expect(ana.cardsTotal == 4)
        #expect(report.reviewsPerDay.first?.date.description == "2026-11-14")
        #expect(report.reviewsPerDay.count == 7)
    }

    @Test func csvMatchesTheGoldenFile() throws {
        let report = CohortReport(snapshot: try cohort(), now: HandMadeHistory.now)
        try expectGolden(report.csv(), "report.csv")
    }

    @Test func jsonMatchesTheGoldenFile() throws {
        let report = CohortReport(snapshot: try cohort(), now: HandMadeHistory.now)
        try expectGolden(try report.json(), "report.json")
    }

    @Test func deckTextCannotRunInASpreadsheetOrABrowser() throws {
        // Given deck text and names written to attack a spreadsheet and a browser
        let hostile = #"=HYPERLINK("http://x","click")"#
        let script = "<script>alert(1)</script>"
        let database = try StudyDatabase.inMemory()
        var associate = try database.registerAssociate(
            named: "-2+3", displayName: hostile, timeZone: "UTC", at: .utc(2026, 11, 1)
        ).associate
        associate.newCardsPerDay = 5
        let card = CardFacts(
            id: 1, noteId: 1, kind: .recognition, deck: "evil", hanzi: script, pinyin: "@SUM(1+1)",
            english: "<img src=x>", hskLevel: nil)
        let answers = [
            AnswerFacts(
                cardId: 1, reviewedAt: .utc(2026, 11, 2, 9), rating: .good, duration: 5,
                phaseBefore: .new, interval: 86_400),
            AnswerFacts(
                cardId: 1, reviewedAt: .utc(2026, 11, 3, 9), rating: .again, duration: 5,
                phaseBefore: .review, interval: 600),
        ]
        let snapshot = StudySnapshot(
            associates: [associate], deckTitles: ["evil": script], cards: [card],
            progress: [:], answers: [associate.id: answers])
        let report = CohortReport(snapshot: snapshot, now: .utc(2026, 11, 4))

        // Then the CSV cells are neutralised and the HTML shows the text as text
        let csv = report.csv()
        #expect(csv.contains(#""'=HYPERLINK(""http://x"",""click"")""#))
        #expect(csv.contains("\"'-2+3\""))
        #expect(!csv.contains(",=") && !csv.contains(",-2") && !csv.contains(",@"))
        let html = report.html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;,&quot;click&quot;)"))
        // and the page fetches nothing: no scripts, links, sources, imports or URLs of its own
        for reference in ["src=\"", "href", "<link", "@import", "url(", "<script"] {
            #expect(!html.contains(reference), "\(reference)")
        }
        // JSON keeps the text exactly (escaping is JSON's own)
        let json = try report.json()
        #expect(json.contains(#""displayName" : "=HYPERLINK(\"http://x\",\"click\")""#))
    }

    /// Ana (``HandMadeHistory``) and Ben, who studies in São Paulo, in one database's ids.
    func cohort() throws -> StudySnapshot {
        let database = try StudyDatabase.inMemory()
        var ana = try database.registerAssociate(
            named: "ana", displayName: "Ana Souza", timeZone: "UTC", at: .utc(2025, 12, 1)
        ).associate
        ana.newCardsPerDay = 2
        ana.scheduler = .sm2
        let ben = try database.registerAssociate(
            named: "ben", displayName: "Ben Okafor", timeZone: "America/Sao_Paulo",
            at: .utc(2026, 11, 19)
        ).associate
        func review(_ last: Date, days: Int) -> CardProgress {
            let state =
                CardState(
                    restoring: .review, memory: .sm2(ease: .starting, interval: days),
                    lastReview: last,
                    due: last.addingTimeInterval(Double(days) * 86_400), reps: 2, lapses: 0)
                ?? .new
            return CardProgress(state: state, isSuspended: false, buriedUntil: nil, isLeech: false)
        }
        func answer(
            _ card: Int64, _ time: Date, _ rating: Rating, _ seconds: Double,
            _ phase: PhaseName, _ interval: Double
        ) -> AnswerFacts {
            AnswerFacts(
                cardId: card, reviewedAt: time, rating: rating, duration: seconds,
                phaseBefore: phase, interval: interval)
        }
        let benAnswers = [
            answer(1, .utc(2026, 11, 19, 12), .good, 20, .new, 60),
            answer(1, .utc(2026, 11, 19, 12, 10), .again, 30, .learning, 600),
            answer(1, .utc(2026, 11, 20, 11), .good, 15, .learning, 3 * 86_400),
            answer(5, .utc(2026, 11, 20, 11, 5), .easy, 12, .new, 5 * 86_400),
        ]
        return StudySnapshot(
            associates: [ana, ben], deckTitles: ["a": "Deck A", "b": "Deck B"],
            cards: HandMadeHistory.cards,
            progress: [
                ana.id: HandMadeHistory.progress,
                ben.id: [
                    1: review(.utc(2026, 11, 20, 11), days: 3),
                    5: review(.utc(2026, 11, 20, 11, 5), days: 5),
                ],
            ],
            answers: [ana.id: HandMadeHistory.answers, ben.id: benAnswers])
    }
}

/// Compares `text` with the fixture `name` byte for byte (or rewrites the fixture in the
/// source tree when `LIANXI_UPDATE_GOLDEN` is set).
func expectGolden(
    _ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    if ProcessInfo.processInfo.environment["LIANXI_UPDATE_GOLDEN"] != nil {
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
        try Data(text.utf8).write(to: source)
        return
    }
    let expected = String(decoding: try Fixture.data(name), as: UTF8.self)
    #expect(text == expected, sourceLocation: sourceLocation)
}
