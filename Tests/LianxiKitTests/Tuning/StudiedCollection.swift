import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport

/// An associate in Shanghai who studied a deck of `noteCount` notes (three cards each) as a
/// `SimulatedLearner`, the answers stored through `HistoryMerge` as they would arrive.
struct StudiedCollection {
    let database: StudyDatabase
    let associate: Associate
    /// When the history ends: the moment the tests look from.
    let now: Date

    /// 09:00 in Shanghai on Monday 2 November 2026.
    static let start = Date.utc(2026, 11, 2, 1)

    init(
        database: StudyDatabase? = nil, noteCount: Int, studiedCards: Int, newPerDay: Int,
        days: Int, seed: UInt64 = 1, scheduler: SchedulerKind = .fsrs
    ) throws {
        let database = try database ?? StudyDatabase.inMemory()
        try database.importDeck(.numberedWords(noteCount), at: Self.start)
        var associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: Self.start
        ).associate
        associate.scheduler = scheduler
        try database.update(associate)

        // Cards in note order, recognition first.
        let ids = try database.cardIds(inDeck: "words")
        let cardIds = (1...noteCount).flatMap { number in
            CardKind.allCases.filter(CardKind.usual.contains).compactMap { ids["w-\(number)"]?[$0] }
        }
        let answers = try SimulatedLearner().answers(
            cardCount: min(studiedCards, cardIds.count), newPerDay: newPerDay, days: days,
            start: Self.start, seed: seed)
        var reviews: [PastReview] = []
        for (cardId, cardAnswers) in zip(cardIds, answers) {
            for (index, answer) in cardAnswers.enumerated() {
                reviews.append(
                    PastReview(
                        id: "\(cardId)-\(index)", cardId: cardId, reviewedAt: answer.time,
                        rating: answer.rating, duration: 8))
            }
        }
        try HistoryMerge.merge(reviews, into: database, for: associate)
        self.database = database
        self.associate = associate
        now = Self.start.addingTimeInterval(Double(days) * 86_400)
    }
}

extension DeckContent {
    /// The deck "words" of `count` nouns, numbered from 1 (w-1, 词1, "word 1").
    static func numberedWords(_ count: Int) -> DeckContent {
        DeckContent(
            metadata: DeckMetadata(slug: "words", title: "Words", source: "words.tsv"),
            notes: (1...count).map { number in
                NoteContent(
                    key: "w-\(number)", hanzi: "词\(number)", pinyin: "cí",
                    english: "word \(number)", partOfSpeech: "noun")
            })
    }
}
