import Foundation
import GRDB
import SpacedRepetition
import TestSupport
import Testing

@testable import Storage

/// A sync marks the answers the server acknowledged: every one of them leaves the next push,
/// in whatever order and runs the server named them, and ids marked before, sent twice, not in
/// the log or another associate's change nothing.
@Suite struct SyncAcknowledgementTests {
    /// Which of ana's answers (by their place, oldest first) the server acknowledges.
    enum Acknowledged: String, CaseIterable, Sendable {
        case none, all, oldestHalf, newestOnly, everyThird, allButTheLast, newestFirst
        case middleRun

        func places(of count: Int) -> [Int] {
            switch self {
            case .none: []
            case .all: Array(0..<count)
            case .oldestHalf: Array(0..<(count / 2))
            case .newestOnly: [count - 1]
            case .everyThird: Array(stride(from: 0, to: count, by: 3))
            case .allButTheLast: Array(0..<(count - 1))
            case .newestFirst: Array((0..<count).reversed())
            case .middleRun: Array((count / 3)..<(2 * count / 3))
            }
        }
    }

    /// Ana's answers on the laptop; every how many of hers ben's answer is written between
    /// them (0: none); what the server acknowledges.
    static let cases: [(answers: Int, benEvery: Int, acknowledged: Acknowledged)] =
        Acknowledged.allCases.flatMap { [(3, 0, $0), (7, 2, $0), (1_200, 0, $0), (1_200, 5, $0)] }

    @Test(arguments: cases)
    func theAcknowledgedAnswersLeaveTheNextPush(
        answers: Int, benEvery: Int, acknowledged: Acknowledged
    ) throws {
        // Given: ana's answers, none acknowledged yet, with ben's between them if asked
        let given = try PaymentsCard(associates: ["ana", "ben"])
        let (database, card) = (given.database, given.card)
        let (ana, ben) = (given.associates[0], given.associates[1])
        let ids = (0..<answers).map { String(format: "ana-%05d", $0) }
        let bens = ids.indices.filter { benEvery > 0 && $0 % benEvery == 0 }.map { "ben-\($0)" }
        let rows = ids.enumerated().flatMap { index, id in
            [(id, ana.id, index)]
                + (benEvery > 0 && index % benEvery == 0 ? [("ben-\(index)", ben.id, index)] : [])
        }
        try database.writer.write { db in
            for (id, associate, minute) in rows {
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating,
                            phase_before, phase_after, interval_seconds)
                        VALUES (?, ?, ?, ?, 3, 'review', 'review', 86400)
                        """,
                    arguments: [id, associate, card, given.start + Int64(minute) * 60_000])
            }
        }

        // When: a sync stores the server's acknowledgement, some ids twice, one this laptop does
        // not hold and ben's (ana's device cannot acknowledge his), then another the same again
        let places = acknowledged.places(of: answers)
        let arrival = SyncArrival(
            decks: [], answers: [],
            acknowledged: places.map { ids[$0] } + places.prefix(3).map { ids[$0] }
                + ["held-elsewhere"] + bens.prefix(2),
            cursor: SyncCursor(releases: 0, answers: 7))
        for _ in 0..<2 {
            _ = try database.storeSync(arrival, for: ana.id, at: Date()) { _, _ in [] }
        }

        // Then: ana's next push holds exactly her answers not acknowledged, oldest first; ben's
        // holds all of his
        let held = Set(places)
        #expect(
            try database.unacknowledgedReviews(of: ana.id).map(\.entry.id)
                == ids.indices.filter { !held.contains($0) }.map { ids[$0] })
        #expect(try database.unacknowledgedReviews(of: ben.id).map(\.entry.id) == bens)
        #expect(try database.syncCursor(of: ana.id) == SyncCursor(releases: 0, answers: 7))
    }

    /// How a card's log is rewritten: an answer merged into it (pulled, or an imported
    /// history), or one of its answers taken back on another device.
    enum Rewrite: String, CaseIterable, Sendable { case merge, retraction }

    @Test(arguments: Rewrite.allCases)
    func aCardsLogRewrittenKeepsItsAcknowledgedAnswersMarked(rewrite: Rewrite) throws {
        // Given: ana's three answers to a card, the server holding the first two
        let given = try PaymentsCard(associates: ["ana"])
        let (database, card, ana) = (given.database, given.card, given.associates[0])
        let replay = PaymentsCard.replay(with: try FSRSScheduler())
        let at = { (minutes: Int64) in Date(milliseconds: given.start + minutes * 60_000) }
        try database.mergeReviews(
            ["one", "two", "three"].enumerated().map { index, id in
                PastReview(
                    id: id, cardId: card, reviewedAt: at(Int64(index) * 10), rating: .good,
                    duration: 3)
            }, for: ana.id, replay: replay)
        _ = try database.storeSync(
            SyncArrival(
                decks: [], answers: [], acknowledged: ["one", "two"],
                cursor: SyncCursor(releases: 0, answers: 0)),
            for: ana.id, at: Date(), replay: replay)

        // When: the card's log is rewritten from its replay
        switch rewrite {
        case .merge:
            try database.mergeReviews(
                [
                    PastReview(
                        id: "early", cardId: card, reviewedAt: at(5), rating: .again, duration: 2)
                ],
                for: ana.id, replay: replay)
        case .retraction:
            _ = try database.writer.write { db in
                try StudyDatabase.retract(db, ["two"], for: ana.id, replay: replay)
            }
        }

        // Then: the answers the server holds stay out of the next push
        #expect(
            try database.unacknowledgedReviews(of: ana.id).map(\.entry.id)
                == (rewrite == .merge ? ["early", "three"] : ["three"]))
    }

    /// The migration before the mark on `review_log`.
    static let before = "Send the audio and listening settings with the others"

    @Test(arguments: [0, 1, 3])
    func aLaptopFromBeforeTheMarkPushesWhatItsServerHadNotAcknowledged(acknowledged: Int)
        throws
    {
        // Given: a database of the previous schema, ana's three answers and ben's one, the
        // first `acknowledged` of ana's noted in `sync_acknowledged`, and an id acknowledged
        // whose answer has since left the log
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let ids = ["a1", "a2", "a3"]
        do {
            let queue = try DatabaseQueue(path: path)
            try StudyDatabase.migrator.migrate(queue, upTo: Self.before)
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO associate (id, name, display_name, time_zone, created_at_ms)
                        VALUES (1, 'ana', 'Ana', 'UTC', 0), (2, 'ben', 'Ben', 'UTC', 0);
                        INSERT INTO deck (id, slug, title, source, content_hash, imported_at_ms)
                        VALUES (1, 'payments', 'Payments', 'payments.tsv', 'hash', 0);
                        INSERT INTO note (id, deck_id, key, hanzi, traditional, pinyin, english)
                        VALUES (1, 1, 'zhifu', '支付', '支付', 'zhi1fu4', 'to pay');
                        INSERT INTO card (id, note_id, kind) VALUES (4, 1, 'recognition');
                        INSERT INTO sync_acknowledged (review_id) VALUES ('gone');
                        """)
                for (index, id) in (ids + ["b1"]).enumerated() {
                    try db.execute(
                        sql: """
                            INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms,
                                rating, phase_before, phase_after, interval_seconds)
                            VALUES (?, ?, 4, ?, 3, 'review', 'review', 600)
                            """,
                        arguments: [id, id == "b1" ? 2 : 1, Int64(index) * 60_000])
                }
                for id in ids.prefix(acknowledged) {
                    try db.execute(
                        sql: "INSERT INTO sync_acknowledged (review_id) VALUES (?)",
                        arguments: [id])
                }
            }
        }

        // When: this lianxi opens it (migrating it), and a sync acknowledges what it pushes
        let database = try StudyDatabase.open(at: path)
        let pushed = try database.unacknowledgedReviews(of: 1).map(\.entry.id)
        let bens = try database.unacknowledgedReviews(of: 2).map(\.entry.id)
        _ = try database.storeSync(
            SyncArrival(
                decks: [], answers: [], acknowledged: pushed,
                cursor: SyncCursor(releases: 0, answers: 0)),
            for: 1, at: Date()
        ) { _, _ in [] }

        // Then: the push held the answers not acknowledged before, and the next holds none
        #expect(pushed == Array(ids.dropFirst(acknowledged)))
        #expect(bens == ["b1"])
        #expect(try database.unacknowledgedReviews(of: 1).isEmpty)
        #expect(try database.unacknowledgedReviews(of: 2).map(\.entry.id) == ["b1"])
        let tables = try database.writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'sync_acknowledged%'")
        }
        #expect(tables.isEmpty)
    }
}
