import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct ReviewExportTests {
    /// A database whose deck text tries to run formulas, with two associates' answers merged in
    /// at fixed times (so every number is the scheduler's, and fixed).
    private func database() throws -> StudyDatabase {
        let database = try StudyDatabase.inMemory()
        let notes = [
            NoteContent(
                key: "=HYPERLINK(\"http://evil\")", hanzi: "支付", pinyin: "zhīfù", english: "pay"),
            NoteContent(key: "+86", hanzi: "-发票", pinyin: "fāpiào", english: "invoice"),
            NoteContent(key: "@cmd", hanzi: "退款,退货", pinyin: "tuìkuǎn", english: "refund"),
        ]
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "trade", title: "Trade", source: "trade.tsv"),
                notes: notes),
            at: .utc(2026, 11, 1))
        let cards = try database.cardIds(inDeck: "trade")
        let start = Date.utc(2026, 11, 2, 1)
        for (name, zone) in [("tomas", "Europe/Lisbon"), ("ana", "Asia/Shanghai")] {
            let associate = try database.registerAssociate(
                named: name, timeZone: zone, at: .utc(2026, 11, 1)
            ).associate
            let pay = try #require(cards["=HYPERLINK(\"http://evil\")"]?[.recognition])
            let invoice = try #require(cards["+86"]?[.production])
            let refund = try #require(cards["@cmd"]?[.pinyin])
            let reviews = [
                PastReview(
                    id: "\(name)-1", cardId: pay, reviewedAt: start, rating: .good, duration: 4.2),
                PastReview(
                    id: "\(name)-2", cardId: pay, reviewedAt: start + 600, rating: .good,
                    duration: 3),
                PastReview(
                    id: "\(name)-3", cardId: invoice, reviewedAt: start + 30, rating: .again,
                    duration: nil),
                PastReview(
                    id: "\(name)-4", cardId: pay, reviewedAt: start + 3 * 86_400, rating: .hard,
                    duration: 7.5),
                PastReview(
                    id: "\(name)-5", cardId: refund, reviewedAt: start + 86_400, rating: .easy,
                    duration: 2),
            ]
            try HistoryMerge.merge(reviews, into: database, for: associate)
        }
        return database
    }

    // Worked out by hand with FSRS-6's default weights: a first Good gives S = w2 = 2.3065 and
    // D = w4 - e^(2 w5) + 1 = 2.118104, due in the 10-minute step; a first Again S = w0 = 0.212,
    // D = w4 = 6.4133; a first Easy S = w3 = 8.2956, D = 1 (clamped). Good on the step keeps S
    // (same-day growth is at least 1) and pulls D towards the unclamped D0(Easy) = -4.7717 by
    // w7 = 0.001: 2.111214. Hard three days later: D + w6 (10 - D) / 9 = 4.757804, reverted to
    // 4.748285. Review intervals are fuzzed by associate and card, so ana and tomas differ there
    // (8 and 6 days around 8.3; 10 and 8 around 9.2), as sessions do. A card's id is its
    // note's id × 4 + its kind: 支付's recognition card 4, 发票's production card 9, 退款's
    // pinyin card 14.
    @Test func theCSVIsByteStableWithDocumentedColumnsInOrder() throws {
        let csv = ReviewExport.csv(try database().reviewsForExport())

        #expect(
            csv == "\u{FEFF}"
                + """
                associate,review_id,card_id,deck,note_key,hanzi,card_type,reviewed_at,rating,duration_ms,phase_before,phase_after,elapsed_days,scheduled_days,interval_seconds,stability_after,difficulty_after,ease_after\r
                ana,ana-1,4,trade,"'=HYPERLINK(""http://evil"")",支付,recognition,2026-11-02T01:00:00.000Z,3,4200,new,learning,,0,600,2.306500,2.118104,\r
                ana,ana-3,9,trade,"'+86","'-发票",production,2026-11-02T01:00:30.000Z,1,,new,learning,,0,60,0.212000,6.413300,\r
                ana,ana-2,4,trade,"'=HYPERLINK(""http://evil"")",支付,recognition,2026-11-02T01:10:00.000Z,3,3000,learning,review,0,2,172800,2.306500,2.111214,\r
                ana,ana-5,14,trade,"'@cmd","退款,退货",pinyin,2026-11-03T01:00:00.000Z,4,2000,new,review,,8,691200,8.295600,1.000000,\r
                ana,ana-4,4,trade,"'=HYPERLINK(""http://evil"")",支付,recognition,2026-11-05T01:00:00.000Z,2,7500,review,review,3,10,864000,9.240245,4.748285,\r
                tomas,tomas-1,4,trade,"'=HYPERLINK(""http://evil"")",支付,recognition,2026-11-02T01:00:00.000Z,3,4200,new,learning,,0,600,2.306500,2.118104,\r
                tomas,tomas-3,9,trade,"'+86","'-发票",production,2026-11-02T01:00:30.000Z,1,,new,learning,,0,60,0.212000,6.413300,\r
                tomas,tomas-2,4,trade,"'=HYPERLINK(""http://evil"")",支付,recognition,2026-11-02T01:10:00.000Z,3,3000,learning,review,0,2,172800,2.306500,2.111214,\r
                tomas,tomas-5,14,trade,"'@cmd","退款,退货",pinyin,2026-11-03T01:00:00.000Z,4,2000,new,review,,6,518400,8.295600,1.000000,\r
                tomas,tomas-4,4,trade,"'=HYPERLINK(""http://evil"")",支付,recognition,2026-11-05T01:00:00.000Z,2,7500,review,review,3,8,691200,9.240245,4.748285,\r

                """)
    }

    @Test func cellsThatWouldRunAsFormulasAreNeutralised() throws {
        let csv = ReviewExport.csv(try database().reviewsForExport(associate: "ana"))
        let lines = csv.split(separator: "\r\n").dropFirst()

        #expect(lines.count == 5)
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",支付,"))
        #expect(csv.contains(",\"'+86\",\"'-发票\",production,"))
        #expect(csv.contains(",\"'@cmd\",\"退款,退货\",pinyin,"))
        for line in lines {
            for start in ["=", "+", "-", "@", "\t", "\r"] {
                #expect(!line.hasPrefix(start) && !line.contains("," + start))
            }
        }
    }

    @Test func oneAssociateAndAStartTimeNarrowTheExport() throws {
        let database = try database()
        let since = try #require(UTCTime.date(from: "2026-11-03"))

        let reviews = try database.reviewsForExport(associate: "tomas", since: since)

        #expect(reviews.map(\.entry.id) == ["tomas-5", "tomas-4"])
        #expect(try database.reviewsForExport(associate: "nobody").isEmpty)
        #expect(try database.reviewsForExport().count == 10)
    }
}
