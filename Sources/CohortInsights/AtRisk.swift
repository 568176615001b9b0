import Foundation

/// An associate a trainer should look at, with every reason in words.
public struct AssociateAtRisk: Hashable, Sendable {
    /// The login-style name.
    public let name: String
    /// The name people read.
    public let displayName: String
    /// Why, most telling first.
    public let reasons: [RiskReason]
}

/// Why an associate is at risk.
public enum RiskReason: Hashable, Sendable, CustomStringConvertible {
    /// No answer at all yet.
    case neverStudied
    /// The last answer was `days` study days ago.
    case idle(days: Int)
    /// The overdue backlog grew from `from` to `to` cards in `days` days.
    case backlogGrowing(from: Int, to: Int, days: Int)
    /// True retention `rate` over `answers` review answers, against the target `target`.
    case retentionBelowTarget(rate: Double, target: Double, answers: Int)

    /// A short name for machines: `never-studied`, `idle`, `backlog`, `retention`.
    public var kind: String {
        switch self {
        case .neverStudied: "never-studied"
        case .idle: "idle"
        case .backlogGrowing: "backlog"
        case .retentionBelowTarget: "retention"
        }
    }

    /// The reason in words, as a trainer reads it.
    public var description: String {
        switch self {
        case .neverStudied:
            "has never studied"
        case .idle(let days):
            "has not studied for \(days) day\(days == 1 ? "" : "s")"
        case .backlogGrowing(let from, let to, let days):
            "overdue backlog grew from \(from) to \(to) in \(days) day\(days == 1 ? "" : "s")"
        case .retentionBelowTarget(let rate, let target, let answers):
            "true retention \(wholePercent(rate)) % against a target of \(wholePercent(target)) % "
                + "(\(answers) review answers)"
        }
    }
}

/// `rate` as a whole percentage, halves away from zero.
func wholePercent(_ rate: Double) -> Int {
    Int((rate * 100).rounded())
}

extension AssociateAtRisk {
    /// The reasons `history` gives to worry, or `nil` when there is none.
    init?(
        _ history: AssociateHistory, timeline: CardTimeline, now: Date,
        thresholds: InsightThresholds
    ) {
        let counting = history.dayCounting
        var reasons: [RiskReason] = []
        if let last = timeline.events.last?.answer.reviewedAt {
            let idle = counting.dayNumber(of: now) - counting.dayNumber(of: last)
            if idle >= thresholds.idleDays { reasons.append(.idle(days: idle)) }
            let window = thresholds.backlogWindowDays
            let before = timeline.overdue(
                at: now.addingTimeInterval(-Double(window) * 86_400), dayCounting: counting)
            let after = timeline.overdue(at: now, dayCounting: counting)
            if after - before >= thresholds.backlogGrowthCards {
                reasons.append(.backlogGrowing(from: before, to: after, days: window))
            }
            let start = now.addingTimeInterval(-Double(thresholds.retentionWindowDays) * 86_400)
            var passed = 0
            var failed = 0
            for event in timeline.events
            where event.phaseBefore == .review && event.answer.reviewedAt >= start {
                if event.answer.rating == .again { failed += 1 } else { passed += 1 }
            }
            let answers = passed + failed
            if answers >= thresholds.retentionMinimumAnswers {
                let rate = Double(passed) / Double(answers)
                if rate < history.targetRetention - thresholds.retentionMargin {
                    reasons.append(
                        .retentionBelowTarget(
                            rate: rate, target: history.targetRetention, answers: answers))
                }
            }
        } else {
            reasons.append(.neverStudied)
        }
        guard !reasons.isEmpty else { return nil }
        name = history.name
        displayName = history.displayName
        self.reasons = reasons
    }
}
