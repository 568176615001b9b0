import CohortReporting
import Foundation
import Storage

/// Walks an associate's answers in time order and classifies each one for true retention: the
/// interval a card had before an answer is the interval its previous answer scheduled.
struct RetentionClassifier {
    private var lastInterval: [Int64: Double] = [:]

    /// Whether `answer` counts for true retention, and whether its card was mature; call once
    /// per answer, in time order.
    mutating func classify(_ answer: AnswerFacts) -> (counts: Bool, isMature: Bool) {
        let before = lastInterval[answer.cardId] ?? 0
        lastInterval[answer.cardId] = answer.interval
        return (answer.phaseBefore == .review, Self.isMature(previousInterval: before))
    }

    /// Whether a card whose last answer scheduled `previousInterval` seconds is mature: an
    /// interval of 21 days or more.
    static func isMature(previousInterval: Double) -> Bool {
        Int((previousInterval / 86_400).rounded()) >= CardStatus.knownInterval
    }
}
