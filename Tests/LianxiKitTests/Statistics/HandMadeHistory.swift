import Foundation
import SpacedRepetition
import Storage
import TestSupport

/// A small history whose statistics are worked out by hand in `StudyStatisticsTests`.
///
/// Ana studies in UTC with days starting at 4 am, SM-2 (retrievability 0.9^(days/interval) is
/// easy to work out), 2 new cards a day. "Now" is Friday 20 November 2026, 12:00 UTC.
enum HandMadeHistory {
    static let now = Date.utc(2026, 11, 20, 12)

    /// Ana, registered in a database of her own (her id is 1).
    static func associate(timeZone: String = "UTC") throws -> Associate {
        var associate = try StudyDatabase.inMemory().registerAssociate(
            named: "ana", displayName: "Ana Souza", timeZone: timeZone, at: .utc(2025, 12, 1)
        ).associate
        associate.newCardsPerDay = 2
        associate.scheduler = .sm2
        return associate
    }

    /// Nine cards of eight words: deck `a` (cards 1, 2, 3, 8) then deck `b` (4, 5, 6, 7, 9).
    static let cards: [CardFacts] = [
        card(1, note: 1, .recognition, "a", "支付", "zhīfù", "to pay", .one),
        card(2, note: 1, .production, "a", "支付", "zhīfù", "to pay", .one),
        card(3, note: 2, .recognition, "a", "发票", "fāpiào", "invoice", .two),
        card(8, note: 7, .recognition, "a", "你好", "nǐhǎo", "hello", .one),
        card(4, note: 3, .recognition, "b", "直播带货", "zhíbō dàihuò", "livestream selling", nil),
        card(5, note: 4, .recognition, "b", "退款", "tuìkuǎn", "refund", .two),
        card(6, note: 5, .recognition, "b", "不是", "búshì", "is not", .one),
        card(7, note: 6, .recognition, "b", "快递", "kuàidì", "courier parcel", .three),
        card(9, note: 8, .recognition, "b", "订单", "dìngdān", "order", .two),
    ]

    /// Progress as stored (statistics read it as it is; cards 5 and 6 have none: new).
    static let progress: [Int64: CardProgress] = [
        // Interval 31 days (known), due this morning: due now; R = 0.9^(31/31) = 0.9.
        1: review(last: .utc(2026, 10, 20, 8), due: .utc(2026, 11, 20, 8), interval: 31),
        // Relearning, due 10:15 today: due now; 1 lapse; R = 0.9^0 = 1.
        2: progress(
            .relearning(step: 0), last: .utc(2026, 11, 20, 10, 5), due: .utc(2026, 11, 20, 10, 15),
            interval: 1, lapses: 1),
        // Interval 8 days (learning), due 28 November: forecast day 8; R = 1.
        3: review(last: .utc(2026, 11, 20, 10, 10), due: .utc(2026, 11, 28, 10, 10), interval: 8),
        // Relearning, suspended: not due, not in the forecast; 3 lapses; R = 0.9^(2/1) = 0.81.
        4: progress(
            .relearning(step: 0), last: .utc(2026, 11, 18, 10), due: .utc(2026, 11, 18, 10, 10),
            interval: 1, lapses: 3, suspended: true),
        // Interval 40 days (known), due 30 December: beyond the 30-day forecast; R = 1.
        7: review(last: .utc(2026, 11, 20, 11), due: .utc(2026, 12, 30, 11), interval: 40),
        // Interval 10.4 days (learning), due 22:00 tonight: later today; 2 lapses;
        // R = 0.9^(10/10) = 0.9.
        8: review(
            last: .utc(2026, 11, 10, 12), due: .utc(2026, 11, 20, 22), interval: 10, lapses: 2),
        // Interval 5.7 days (learning), due 05:00 tomorrow, after the 4 am rollover: day 1;
        // R = 0.9^(5/6) = 0.91594.
        9: review(last: .utc(2026, 11, 15, 12), due: .utc(2026, 11, 21, 5), interval: 6),
    ]

    /// Thirteen answers (durations in seconds, intervals as the answers scheduled them).
    static let answers: [AnswerFacts] = [
        answer(4, .utc(2025, 12, 1, 10), .good, 10, .new, days: 2),
        answer(4, .utc(2026, 10, 1, 10), .good, 20, .review, days: 48),
        answer(7, .utc(2026, 10, 1, 10, 30), .easy, 10, .new, days: 30),
        answer(1, .utc(2026, 11, 13, 10), .good, 30, .new, minutes: 10),
        answer(1, .utc(2026, 11, 14, 10), .good, 30, .learning, days: 6),
        answer(2, .utc(2026, 11, 15, 10), .again, 60, .new, minutes: 1),
        answer(2, .utc(2026, 11, 16, 10), .good, 30, .learning, days: 3),
        answer(4, .utc(2026, 11, 18, 10), .again, 40, .review, minutes: 10),
        // 02:00 UTC on the 20th is before the 4 am rollover: it belongs to the 19th.
        answer(1, .utc(2026, 11, 20, 2), .hard, 20, .review, days: 10),
        answer(2, .utc(2026, 11, 20, 10), .again, 50, .review, minutes: 10),
        answer(2, .utc(2026, 11, 20, 10, 5), .good, 25, .relearning, days: 1),
        answer(3, .utc(2026, 11, 20, 10, 10), .easy, 15, .new, days: 8),
        answer(7, .utc(2026, 11, 20, 11), .good, 20, .review, days: 70),
    ]

    static func snapshot() throws -> StudySnapshot {
        let associate = try associate()
        return StudySnapshot(
            associates: [associate], deckTitles: ["a": "Deck A", "b": "Deck B"], cards: cards,
            progress: [associate.id: progress], answers: [associate.id: answers])
    }

    private static func card(
        _ id: Int64, note: Int64, _ kind: CardKind, _ deck: String, _ hanzi: String,
        _ pinyin: String, _ english: String, _ level: HSKLevel?
    ) -> CardFacts {
        CardFacts(
            id: id, noteId: note, kind: kind, deck: deck, hanzi: hanzi, pinyin: pinyin,
            english: english, hskLevel: level)
    }

    private static func review(last: Date, due: Date, interval: Int, lapses: Int = 0)
        -> CardProgress
    {
        progress(.review, last: last, due: due, interval: interval, lapses: lapses)
    }

    private static func progress(
        _ phase: Phase, last: Date, due: Date, interval: Int, lapses: Int = 0,
        suspended: Bool = false
    ) -> CardProgress {
        let state =
            CardState(
                restoring: phase, memory: .sm2(ease: .starting, interval: interval),
                lastReview: last,
                due: due, reps: lapses + 2, lapses: lapses) ?? .new
        return CardProgress(
            state: state, isSuspended: suspended, buriedUntil: nil, isLeech: lapses >= 3)
    }

    private static func answer(
        _ card: Int64, _ time: Date, _ rating: Rating, _ seconds: Double, _ phase: PhaseName,
        days: Double = 0, minutes: Double = 0
    ) -> AnswerFacts {
        AnswerFacts(
            cardId: card, reviewedAt: time, rating: rating, duration: seconds,
            phaseBefore: phase, interval: days * 86_400 + minutes * 60)
    }
}
