import AcademyProtocol
import Foundation
import LianxiKit
import SpacedRepetition
import Storage

/// A laptop in a test: its own SQLite database (in memory) holding a small deck and one
/// associate, who studies by answering cards.
struct TestLaptop {
    let database: StudyDatabase
    let associate: String
    var token: String

    /// The deck every laptop starts with.
    static let deckText = """
        #separator:tab
        #html:false
        #title:Mini
        #version:1
        #deck:Lianxi::Mini
        #guid column:1
        #tags column:12
        #columns:id\thanzi\ttraditional\tpinyin\tenglish\tpart_of_speech\tmeasure_word\texample\texample_pinyin\texample_english\thsk\ttags
        mini-001\t你好\t你好\tnǐhǎo\thello\tphrase\t\t\t\t\t1\t
        mini-002\t谢谢\t謝謝\txièxie\tthank you\tverb\t\t\t\t\t1\t
        mini-003\t订单\t訂單\tdìngdān\torder\tnoun\t\t\t\t\t4\t
        mini-004\t快递\t快遞\tkuàidì\texpress delivery\tnoun\t\t\t\t\t4\t

        """

    static func deck(_ text: String = deckText) throws -> DeckContent {
        try DeckReader.read(Data(text.utf8), file: "mini.tsv")
    }

    init(associate: String, token: String) throws {
        database = try StudyDatabase.inMemory()
        self.associate = associate
        self.token = token
        try database.importDeck(try Self.deck(), at: Date(timeIntervalSince1970: 1_700_000_000))
        _ = try database.registerAssociate(
            named: associate, timeZone: "UTC", at: Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// An answer given on this laptop, with what a session needs to undo it.
    struct Given {
        let id: String
        let cardId: Int64
        /// The answer as it travels.
        let synced: SyncedAnswer
    }

    /// Answers a card (`note` 1-4, `kind`) at `time`, as a session stores it: one new answer,
    /// the card's state rebuilt.
    @discardableResult
    func answer(note: Int, kind: CardKind, rating: Rating, at time: Date, id: String) throws
        -> Given
    {
        guard let stored = try database.associate(named: associate),
            let cardId = try database.cardIds(inDeck: "mini")["mini-00\(note)"]?[kind]
        else { throw SyncFailure("no card") }
        try HistoryMerge.merge(
            [PastReview(id: id, cardId: cardId, reviewedAt: time, rating: rating, duration: 4.5)],
            into: database, for: stored)
        return Given(
            id: id, cardId: cardId,
            synced: SyncedAnswer(
                id: id, deck: "mini", note: "mini-00\(note)", card: kind.rawValue,
                reviewedAtMs: time.millisecondsSince1970, rating: rating.rawValue,
                durationMs: 4_500))
    }

    /// Undoes `answer` as a session does, if it is still the latest answer on its card here.
    ///
    /// Returns whether it did. The card goes back to the state the answers before it give
    /// (answers from other devices may have arrived since it was given).
    func undo(_ answer: Given) throws -> Bool {
        guard let stored = try database.associate(named: associate) else { return false }
        let history = try database.history(of: answer.cardId, for: stored.id)
        guard history.last?.id == answer.id else { return false }
        let outcomes = ReplayCheck.outcomes(
            of: history.dropLast().map { PastAnswer($0.rating, at: $0.reviewedAt) },
            cardId: answer.cardId, with: try stored.makeScheduler(), associateId: stored.id)
        var before = try database.progress(for: stored.id)[answer.cardId] ?? .new
        before.state = outcomes.last?.card ?? .new
        try database.undo(
            answerId: answer.id, restoring: before, cardId: answer.cardId,
            associateId: stored.id)
        return true
    }

    /// The associate's row id here.
    func associateId() throws -> Int64 {
        guard let stored = try database.associate(named: associate) else {
            throw SyncFailure("no associate")
        }
        return stored.id
    }

    /// Syncs with the server at `url`, in one request when the sync fits (`POST /v1/sync`) or
    /// as the separate requests.
    @discardableResult
    func sync(_ url: String, at time: Date, oneRequest: Bool = true) async throws
        -> AcademySync.Report
    {
        var client = try AcademyClient(server: url, token: token)
        client.syncsInOneRequest = oneRequest
        return try await AcademySync.sync(
            database, associateName: associate, client: client, at: time)
    }

    /// Every answer id in the local log.
    func answerIds() throws -> [String] {
        try database.reviewsForExport(associate: associate).map(\.entry.id).sorted()
    }

    /// Cards whose state differs from the replay of the local log (empty when consistent).
    func mismatches() throws -> Int {
        guard let stored = try database.associate(named: associate) else { return -1 }
        return try ReplayCheck.mismatches(in: database, for: stored).count
    }
}
