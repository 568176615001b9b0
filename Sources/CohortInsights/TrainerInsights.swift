import Foundation
import SpacedRepetition

/// What a trainer needs that no other tool gives: who is at risk and why, the words the
/// cohort gets wrong by kind of mistake, the deck releases each associate holds, and each
/// associate's workload over the coming days.
///
/// Pure: computed from a ``CohortHistory`` at a moment; the CSV, JSON and HTML renderings are
/// pure functions of it. Each associate's answers are replayed with FSRS (their parameters and
/// target, no fuzz) to know each answer's phase and each card's due date.
public struct TrainerInsights: Hashable, Sendable {
    /// The version of the sections' JSON schema (docs/REPORTS.md).
    public static let version = 1

    /// When the sections were computed.
    public let generatedAt: Date
    /// The thresholds used.
    public let thresholds: InsightThresholds
    /// Associates at risk, by name.
    public let atRisk: [AssociateAtRisk]
    /// The words with the most mistakes, most first.
    public let hardestWords: [WordMistakes]
    /// Every associate's deck releases, by name, then deck.
    public let deckReleases: [DeckHolding]
    /// Every associate's forecast, by name.
    public let workload: [WorkloadOutlook]

    /// Computes the sections of `history` at `now`; answers after `now` are left out.
    ///
    /// Throws when an associate's settings cannot schedule (a target outside 0-1), naming them.
    public init(
        history: CohortHistory, now: Date, thresholds: InsightThresholds = .standard
    ) throws(InsightError) {
        generatedAt = now
        self.thresholds = thresholds
        let associates = history.associates.sorted { $0.name < $1.name }
        var timelines: [CardTimeline] = []
        var atRisk: [AssociateAtRisk] = []
        var workload: [WorkloadOutlook] = []
        for associate in associates {
            let scheduler: FSRSScheduler
            do {
                scheduler = try FSRSScheduler(
                    parameters: associate.parameters,
                    desiredRetention: associate.targetRetention, fuzzesIntervals: false,
                    dayCounting: associate.dayCounting)
            } catch {
                throw InsightError(problems: error.problems.map { "\(associate.name): \($0)" })
            }
            let timeline = CardTimeline(
                associate.answers.filter { $0.reviewedAt <= now }, scheduler: scheduler)
            timelines.append(timeline)
            if let risk = AssociateAtRisk(
                associate, timeline: timeline, now: now, thresholds: thresholds)
            {
                atRisk.append(risk)
            }
            workload.append(
                try WorkloadOutlook(
                    associate, timeline: timeline, now: now, thresholds: thresholds))
        }
        self.atRisk = atRisk
        self.workload = workload
        hardestWords = WordMistakes.ranked(
            timelines, words: history.words, count: thresholds.hardestWordCount)
        deckReleases = DeckHolding.all(history)
    }
}

/// The four sections, to choose one (CSV holds one table) or all.
public enum InsightSection: String, CaseIterable, Hashable, Sendable {
    /// Associates at risk.
    case atRisk = "at-risk"
    /// The hardest words by kind of mistake.
    case mistakes
    /// Deck releases held.
    case releases
    /// The workload forecast.
    case workload
}
