import CohortInsights
import Foundation
import SpacedRepetition

/// A small cohort's history, made by hand, whose trainer's sections were worked out by hand
/// (docs/REPORTS.md, "Trainer's sections"): the same answers are given to the pure sections,
/// to a SQLite database and to the academy server, and all three must agree.
///
/// The moment of the sections is ``now``, 2026-12-01 12:00 UTC; every associate counts days in
/// UTC from 4 am, with FSRS's default parameters and a target of 90 %. Learning steps are 1 and
/// 10 minutes: a new card answered Good is due 10 minutes later, Hard 5.5 minutes, Again 1
/// minute, Easy goes to review at 8 days; so a card left in its steps is overdue from the next
/// day on.
///
/// | associate | what they did | at risk because |
/// |---|---|---|
/// | ana | 2026-11-22: three typed answers with tone slips, then nothing | 12-01 − 11-22 = 9 days idle |
/// | bo | 11-21: 3 new cards; 11-26…11-30: 3 new cards a day, a tone slip and a wrong syllable on 支付, 退款 forgotten | backlog 7 days ago (11-24 12:00): the 3 cards of 11-21; now: 3 + 15 + 支付 + 退款 = 20 |
/// | chen | 11-28: 20 new cards Easy (to review); 11-29: 14 Good, 6 Again; 退款 typed wrong twice and with a tone slip | true retention 14 / 20 = 70 % < 90 % − 5 points; backlog 0 → 7 (6 relearning + 退款's pinyin): under 10 |
/// | dai | 12-01 09:00: one new card Again, then Good (due 09:15 today) | nothing: studied today, no backlog |
/// | eve | nothing | never studied |
///
/// Words, by kind of mistake (first answers to reading cards do not count as forgotten):
/// | word | tone slips | wrong syllables | forgotten | answers | associates | advice |
/// |---|---|---|---|---|---|---|
/// | pay-001 支付 | ana 2 + bo 1 = 3 | bo 1 | 0 | 4 | 2 | drill tones (3 > 1) |
/// | pay-002 退款 | chen 1 | chen 2 | bo 1 | 5 | 2 | teach again (1 ≤ 3) |
/// | pay-003 发票 | ana 1 | 0 | 0 | 1 | 1 | drill tones |
/// | pay-054 … pay-059 | 0 | 0 | chen 1 each | 2 each | 1 | teach again |
/// pay-001 and pay-002 tie on mistakes (4) and associates (2): the key decides.
public enum HandMadeCohort {
    /// One answer of the table.
    public struct Row: Sendable {
        /// Who.
        public let associate: String
        /// When.
        public let at: Date
        /// The note's key in the deck `pay`.
        public let note: String
        /// `recognition`, `production` or `pinyin`.
        public let side: String
        /// 1-4.
        public let rating: Int
        /// The answer checker's verdict on a typed pinyin answer.
        public let verdict: String?
        /// What was typed, on a typed card.
        public var typed: String? { verdict.map { $0 == "wrong" ? "x" : "y" } }
    }

    /// The moment the sections are computed.
    public static let now = Date.utc(2026, 12, 1, 12)

    /// The associates, by name.
    public static let associates = ["ana", "bo", "chen", "dai", "eve"]

    /// The deck's slug.
    public static let deck = "pay"

    /// The words of the deck `pay`: pay-001 … pay-059.
    public static let words: [(key: String, hanzi: String, pinyin: String, english: String)] =
        [
            ("pay-001", "支付", "zhīfù", "to pay"),
            ("pay-002", "退款", "tuìkuǎn", "refund"),
            ("pay-003", "发票", "fāpiào", "invoice"),
            ("pay-004", "价格", "jiàgé", "price"),
        ]
        + (10...59).map { number in
            // Filler words: the numbers 10 to 59, each a word of its own.
            let digits = [
                ("", ""), ("一", "yī"), ("二", "èr"), ("三", "sān"), ("四", "sì"), ("五", "wǔ"),
                ("六", "liù"), ("七", "qī"), ("八", "bā"), ("九", "jiǔ"),
            ]
            let (tens, ones) = (digits[number / 10], digits[number % 10])
            let hanzi = (number >= 20 ? tens.0 : "") + "十" + ones.0
            let pinyin =
                (number >= 20 ? tens.1 : "") + "shí"
                + (ones.1.hasPrefix("è") ? "'" : "") + ones.1
            return (String(format: "pay-%03d", number), hanzi, pinyin, "the number \(number)")
        }

    /// The answers, in time order per associate.
    public static let rows: [Row] = {
        var rows: [Row] = []
        func add(
            _ associate: String, _ at: Date, _ note: String, _ side: String, _ rating: Int,
            _ verdict: String? = nil
        ) {
            rows.append(
                Row(
                    associate: associate, at: at, note: note, side: side, rating: rating,
                    verdict: verdict))
        }
        // ana: three tone slips on 11-22, then nothing.
        add("ana", .utc(2026, 11, 22, 10, 0), "pay-001", "pinyin", 2, "tones-only")
        add("ana", .utc(2026, 11, 22, 10, 1), "pay-001", "pinyin", 2, "tones-only")
        add("ana", .utc(2026, 11, 22, 10, 2), "pay-003", "pinyin", 2, "tones-only")
        // bo: 3 new cards on 11-21, then 3 a day from 11-26 to 11-30, none answered again.
        for (index, number) in (10...12).enumerated() {
            add("bo", .utc(2026, 11, 21, 12, index), "pay-0\(number)", "recognition", 3)
        }
        for day in 0..<5 {
            for index in 0..<3 {
                let number = 20 + day * 3 + index
                add("bo", .utc(2026, 11, 26 + day, 12, index), "pay-0\(number)", "recognition", 3)
            }
        }
        add("bo", .utc(2026, 11, 26, 12, 10), "pay-001", "pinyin", 2, "tones-only")
        add("bo", .utc(2026, 11, 26, 12, 20), "pay-001", "pinyin", 1, "wrong")
        add("bo", .utc(2026, 11, 27, 12, 10), "pay-002", "recognition", 3)
        add("bo", .utc(2026, 11, 27, 12, 30), "pay-002", "recognition", 1)
        // chen: 20 cards to review on 11-28; the next day 14 remembered, 6 forgotten.
        for number in 40...59 {
            add("chen", .utc(2026, 11, 28, 10, number - 40), "pay-0\(number)", "recognition", 4)
        }
        for number in 40...59 {
            add(
                "chen", .utc(2026, 11, 29, 10, number - 40), "pay-0\(number)", "recognition",
                number <= 53 ? 3 : 1)
        }
        add("chen", .utc(2026, 11, 29, 11, 0), "pay-002", "pinyin", 1, "wrong")
        add("chen", .utc(2026, 11, 29, 11, 5), "pay-002", "pinyin", 1, "wrong")
        add("chen", .utc(2026, 11, 29, 11, 10), "pay-002", "pinyin", 2, "tones-only")
        // dai: one card today, Again on its first answer (not a mistake), then Good.
        add("dai", .utc(2026, 12, 1, 9, 0), "pay-004", "recognition", 1)
        add("dai", .utc(2026, 12, 1, 9, 5), "pay-004", "recognition", 3)
        return rows
    }()

    /// The deck `pay` as a Lianxi deck file.
    public static var deckText: String {
        var text = """
            #separator:tab
            #html:false
            #title:Payments
            #version:3
            #deck:Lianxi::Payments
            #guid column:1
            #tags column:12
            #columns:id\thanzi\ttraditional\tpinyin\tenglish\tpart_of_speech\tmeasure_word\texample\texample_pinyin\texample_english\thsk\ttags

            """
        for word in words {
            text +=
                [word.key, word.hanzi, word.hanzi, word.pinyin, word.english, "noun"]
                .joined(separator: "\t") + "\t\t\t\t\t\t\n"
        }
        return text
    }

    /// The history as the pure sections read it: every associate with the defaults (UTC from
    /// 4 am, a target of 90 %, FSRS's default parameters, no new cards left), display names
    /// equal to names, holding the releases given.
    public static func history(releases: [String: String] = [:]) -> CohortHistory {
        let grouped = Dictionary(grouping: rows, by: \.associate)
        return CohortHistory(
            associates: associates.map { name in
                AssociateHistory(
                    name: name, displayName: name,
                    answers: (grouped[name] ?? []).map { row in
                        HistoryAnswer(
                            note: NoteKey(deck: deck, note: row.note),
                            side: CardSide(rawValue: row.side) ?? .recognition,
                            reviewedAt: row.at, rating: Rating(rawValue: row.rating) ?? .again,
                            verdict: row.verdict.flatMap(AnswerVerdict.init(rawValue:)))
                    },
                    releases: releases[name].map { [HeldRelease(deck: deck, release: $0)] } ?? [])
            },
            words: Dictionary(
                uniqueKeysWithValues: words.map {
                    (
                        NoteKey(deck: deck, note: $0.key),
                        WordLabel(hanzi: $0.hanzi, pinyin: $0.pinyin, english: $0.english)
                    )
                }),
            latestReleases: [deck: "#3"])
    }
}
