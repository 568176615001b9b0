import CohortInsights
import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// The trainer's sections of ``HandMadeCohort``, whose figures are worked out by hand in its
/// documentation comment.
@Suite struct TrainerInsightsTests {
    static func history(releases: [String: String] = [:]) -> CohortHistory {
        HandMadeCohort.history(releases: releases)
    }

    @Test func atRiskAssociatesWithTheirReasonsInWords() throws {
        let insights = try TrainerInsights(history: Self.history(), now: HandMadeCohort.now)
        #expect(insights.atRisk.map(\.name) == ["ana", "bo", "chen", "eve"])
        #expect(
            insights.atRisk.map { $0.reasons.map(\.description) } == [
                ["has not studied for 9 days"],
                ["overdue backlog grew from 3 to 20 in 7 days"],
                ["true retention 70 % against a target of 90 % (20 review answers)"],
                ["has never studied"],
            ])
        #expect(
            insights.atRisk[2].reasons
                == [.retentionBelowTarget(rate: 0.7, target: 0.9, answers: 20)])
    }

    @Test(arguments: [
        // Looser thresholds take reasons away; stricter ones add them.
        (InsightThresholds(idleDays: 10), ["bo", "chen", "eve"]),
        // bo's backlog grew by 20 − 3 = 17 cards; chen's retention is 20 points under target.
        (InsightThresholds(backlogGrowthCards: 17), ["ana", "bo", "chen", "eve"]),
        (InsightThresholds(backlogGrowthCards: 18), ["ana", "chen", "eve"]),
        (InsightThresholds(retentionMargin: 0.19), ["ana", "bo", "chen", "eve"]),
        (InsightThresholds(backlogGrowthCards: 18, retentionMargin: 0.25), ["ana", "eve"]),
        (InsightThresholds(backlogGrowthCards: 7), ["ana", "bo", "chen", "eve"]),
        (InsightThresholds(retentionMinimumAnswers: 21), ["ana", "bo", "eve"]),
        (InsightThresholds(idleDays: 1), ["ana", "bo", "chen", "eve"]),
    ])
    func thresholdsDecide(_ thresholds: InsightThresholds, _ expected: [String]) throws {
        let insights = try TrainerInsights(
            history: Self.history(), now: HandMadeCohort.now, thresholds: thresholds)
        #expect(insights.atRisk.map(\.name) == expected)
    }

    @Test func chensBacklogOfSevenIsAReasonFromSevenCards() throws {
        let insights = try TrainerInsights(
            history: Self.history(), now: HandMadeCohort.now,
            thresholds: InsightThresholds(backlogGrowthCards: 7))
        // 6 relearning cards and 退款's pinyin card in its steps, none 7 days ago.
        #expect(insights.atRisk[2].reasons.contains(.backlogGrowing(from: 0, to: 7, days: 7)))
        // bo studied yesterday: 1 day idle, a reason only from 1 day.
        let strict = try TrainerInsights(
            history: Self.history(), now: HandMadeCohort.now,
            thresholds: InsightThresholds(idleDays: 1))
        #expect(strict.atRisk[1].reasons.first == .idle(days: 1))
    }

    @Test func hardestWordsByKindOfMistake() throws {
        let words = try TrainerInsights(history: Self.history(), now: HandMadeCohort.now)
            .hardestWords
        struct Figures: Equatable {
            let note: String
            let tones: Int
            let syllables: Int
            let forgotten: Int
            let answers: Int
            let associates: Int
            let advice: WordMistakes.Advice
        }
        let expected =
            [
                Figures(
                    note: "pay-001", tones: 3, syllables: 1, forgotten: 0, answers: 4,
                    associates: 2, advice: .drillTones),
                Figures(
                    note: "pay-002", tones: 1, syllables: 2, forgotten: 1, answers: 5,
                    associates: 2, advice: .teachAgain),
                Figures(
                    note: "pay-003", tones: 1, syllables: 0, forgotten: 0, answers: 1,
                    associates: 1, advice: .drillTones),
            ]
            + (54...59).map {
                Figures(
                    note: "pay-0\($0)", tones: 0, syllables: 0, forgotten: 1, answers: 2,
                    associates: 1, advice: .teachAgain)
            }
        #expect(
            words.map {
                Figures(
                    note: $0.note.note, tones: $0.toneSlips, syllables: $0.wrongSyllables,
                    forgotten: $0.forgotten, answers: $0.answers, associates: $0.associates,
                    advice: $0.advice)
            } == expected)
        #expect(words.first?.label.hanzi == "支付")
    }

    @Test func deckReleasesAgainstTheNewest() throws {
        let insights = try TrainerInsights(
            history: Self.history(releases: ["ana": "#3", "bo": "#2"]), now: HandMadeCohort.now)
        #expect(
            insights.deckReleases.map { "\($0.associate) \($0.release) \($0.isCurrent)" } == [
                "ana #3 true", "bo #2 false",
            ])
    }

    @Test func workloadFlagsWhoWillDrown() throws {
        var history = Self.history()
        let insights = try TrainerInsights(history: history, now: HandMadeCohort.now)
        #expect(insights.workload.map(\.name) == HandMadeCohort.associates)
        #expect(insights.workload.allSatisfy { $0.reviews.count == 30 && !$0.willDrown })
        // eve has no cards and no new ones: nothing to do.
        #expect(insights.workload[4].peakReviews == 0)
        // bo's 20 overdue cards all come on the first day.
        let bo = insights.workload[1]
        #expect(bo.peakDay == 0)
        #expect(bo.reviews[0] >= 20)
        // With a limit of 10 reviews a day, bo drowns.
        history.associates[1].reviewsPerDay = 10
        let limited = try TrainerInsights(history: history, now: HandMadeCohort.now)
        #expect(limited.workload[1].willDrown)
        #expect(limited.workload[1].limit == 10)
    }

    @Test func answersAfterTheMomentAreLeftOut() throws {
        // A day before dai studied, dai had never studied.
        let insights = try TrainerInsights(
            history: Self.history(), now: .utc(2026, 11, 30, 12))
        #expect(insights.atRisk.first { $0.name == "dai" }?.reasons == [.neverStudied])
    }

    @Test func renderingsCarryTheFigures() throws {
        let insights = try TrainerInsights(
            history: Self.history(releases: ["ana": "#3", "bo": "#2"]), now: HandMadeCohort.now)
        let json = try insights.json()
        #expect(json.contains("\"text\" : \"overdue backlog grew from 3 to 20 in 7 days\""))
        #expect(json.contains("\"advice\" : \"drill-tones\""))
        let sectionOnly = try insights.json(sections: [.atRisk])
        #expect(!sectionOnly.contains("hardestWords") && sectionOnly.contains("atRisk"))
        let csv = insights.csv(.mistakes)
        #expect(csv.hasPrefix("\u{FEFF}deck,note,hanzi,pinyin,english,tone_slips"))
        #expect(csv.contains("\r\npay,pay-001,支付,zhīfù,to pay,3,1,0,4,4,2,drill-tones\r\n"))
        #expect(
            insights.csv(.atRisk).contains(
                "\r\nchen,chen,,,,70.0,90.0,true retention 70 % against a target of 90 % "
                    + "(20 review answers)\r\n"))
        let html = insights.htmlPage(title: "Spring <cohort>")
        #expect(html.contains("<title>Spring &lt;cohort&gt;</title>"))
        #expect(html.contains("has not studied for 9 days"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http"))
    }

    @Test func hostileNamesAreEscaped() throws {
        var history = Self.history()
        history.associates[0].displayName = "=cmd|' /C calc'!A0 <b>\u{202E}evil"
        let insights = try TrainerInsights(history: history, now: HandMadeCohort.now)
        let html = insights.htmlFragment()
        #expect(!html.contains("<b>") && !html.contains("\u{202E}"))
        #expect(insights.csv(.atRisk).contains("\r\nana,\"'=cmd|' /C calc'!A0 <b>\u{202E}evil\","))
    }
}
