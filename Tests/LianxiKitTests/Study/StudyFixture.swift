import Foundation
import LianxiKit
import Storage
import TestSupport
import Testing

/// A database (in memory, or in a file at `path`) with a small deck and one associate in
/// Shanghai (UTC+8).
struct StudyFixture {
    let database: StudyDatabase
    let associate: Associate
    /// The database's file, if it has one.
    let path: String?

    /// 09:00 in Shanghai on Monday 2 November 2026.
    static let mondayMorning = Date.utc(2026, 11, 2, 1)

    static let words: [(String, String, String, String)] = [
        ("t-001", "支付", "zhīfù", "to pay"),
        ("t-002", "发票", "fāpiào", "invoice"),
        ("t-003", "退款", "tuìkuǎn", "refund"),
        ("t-004", "快递", "kuàidì", "courier parcel"),
        ("t-005", "客服", "kèfú", "customer service"),
        ("t-006", "你好", "nǐhǎo", "hello"),
        ("t-007", "不是", "búshì", "is not"),
        ("t-008", "订单", "dìngdān", "order"),
    ]

    init(newCardsPerDay: Int = 20, scheduler: SchedulerKind = .fsrs, path: String? = nil) throws {
        database = try path.map(StudyDatabase.open(at:)) ?? StudyDatabase.inMemory()
        self.path = path
        let notes = Self.words.map { key, hanzi, pinyin, english in
            NoteContent(
                key: key, hanzi: hanzi, pinyin: pinyin, english: english, partOfSpeech: "noun")
        }
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "test", title: "Test", source: "test.tsv"),
                notes: notes),
            at: Self.mondayMorning)
        var associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: Self.mondayMorning
        ).associate
        associate.newCardsPerDay = newCardsPerDay
        associate.scheduler = scheduler
        try database.update(associate)
        self.associate = associate
    }

    /// The same file opened again, as the next process opens it (after a kill, say).
    func reopened() throws -> StudyFixture {
        try StudyFixture(
            database: StudyDatabase.open(at: try #require(path)), associate: associate, path: path)
    }

    private init(database: StudyDatabase, associate: Associate, path: String?) {
        self.database = database
        self.associate = associate
        self.path = path
    }

    func review(
        at time: Date, options: DailyReview.Options = DailyReview.Options()
    ) throws -> DailyReview {
        try DailyReview(associate: associate, database: database, options: options, now: time)
    }
}
