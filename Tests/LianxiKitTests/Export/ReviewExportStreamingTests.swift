import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// `export reviews` streams: the log goes from SQLite to the output one answer at a time, so
/// ten million answers need no more memory than ten.
@Suite struct ReviewExportStreamingTests {
    /// A deck of three words and `count` answers by ana, one a day to each card in turn, ids
    /// `answer-0000` on.
    func database(answers count: Int) throws -> StudyDatabase {
        let database = try StudyDatabase.inMemory()
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "trade", title: "Trade", source: "trade.tsv"),
                notes: [
                    NoteContent(key: "pay", hanzi: "支付", pinyin: "zhīfù", english: "pay"),
                    NoteContent(key: "bill", hanzi: "发票", pinyin: "fāpiào", english: "invoice"),
                    NoteContent(key: "back", hanzi: "退款", pinyin: "tuìkuǎn", english: "refund"),
                ]),
            at: .utc(2026, 1, 1))
        let cards = try database.cardIds(inDeck: "trade").values.compactMap { $0[.recognition] }
            .sorted()
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "UTC", at: .utc(2026, 1, 1)
        ).associate
        let start = Date.utc(2026, 1, 2, 9)
        let reviews = (0..<count).map { index in
            PastReview(
                id: String(format: "answer-%04d", index), cardId: cards[index % cards.count],
                reviewedAt: start + Double(index) * 86_400, rating: .good, duration: 2)
        }
        try HistoryMerge.merge(reviews, into: database, for: associate)
        return database
    }

    @Test func rowsAreDeliveredOneByOneInTheExportsOrder() throws {
        let database = try database(answers: 7)
        var delivered: [String] = []
        try database.forEachReviewForExport { delivered.append($0.entry.id) }

        #expect(delivered == (0..<7).map { String(format: "answer-%04d", $0) })
        #expect(try delivered == database.reviewsForExport().map(\.entry.id))
    }

    /// Stopping after the first answer reads no other: the rows are not gathered first.
    @Test func anErrorFromTheReceiverStopsTheReading() throws {
        struct Enough: Error {}
        let database = try database(answers: 7)
        var delivered = 0

        #expect(throws: Enough.self) {
            try database.forEachReviewForExport { _ in
                delivered += 1
                throw Enough()
            }
        }
        #expect(delivered == 1)
    }

    @Test func theStreamedCSVIsTheSameBytesOneLinePerPiece() throws {
        let database = try database(answers: 12)
        var pieces: [String] = []

        let count = try ReviewExport.writeCSV(from: database, associate: "ana") {
            pieces.append($0)
        }

        #expect(count == 12)
        #expect(pieces.count == 13)
        #expect(
            pieces.allSatisfy { $0.hasSuffix("\r\n") && $0.dropLast(2).contains("\n") == false })
        #expect(
            pieces.joined() == ReviewExport.csv(try database.reviewsForExport(associate: "ana")))
    }

    @Test func theSinceLimitIsKeptWhenStreaming() throws {
        let database = try database(answers: 10)
        var pieces: [String] = []
        let since = try #require(UTCTime.date(from: "2026-01-09"))

        let count = try ReviewExport.writeCSV(from: database, since: .moment(since)) {
            pieces.append($0)
        }

        #expect(count == 3)
        #expect(
            pieces.dropFirst().map { $0.split(separator: ",")[1] } == [
                "answer-0007", "answer-0008", "answer-0009",
            ])
    }
}

/// Merging looks up only the incoming answers' ids, in chunks of 500, never the whole log.
@Suite struct MergeLookupTests {
    @Test func mergingAgainAddsOnlyTheNewAnswersAcrossLookupChunks() throws {
        let database = try ReviewExportStreamingTests().database(answers: 1_203)
        let associate = try #require(try database.associate(named: "ana"))
        let again = try database.reviewsForExport().map { review in
            PastReview(
                id: review.entry.id, cardId: review.entry.cardId,
                reviewedAt: review.entry.reviewedAt, rating: review.entry.rating,
                duration: review.entry.duration)
        }
        let later = Date.utc(2030, 1, 1)
        let fresh = (0..<3).map { index in
            PastReview(
                id: "fresh-\(index)", cardId: again[index].cardId,
                reviewedAt: later + Double(index) * 86_400, rating: .hard, duration: 1)
        }

        let added = try HistoryMerge.merge(fresh + again + fresh, into: database, for: associate)

        #expect(added == 3)
        #expect(try database.reviewsForExport().count == 1_206)
    }
}
