import Foundation
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// The cards a session's queue is built from: due cards and new cards, with the filters.
@Suite struct QueueCardsTests {
    static let monday = DeckImportTests.monday

    /// A second theme, after payments on the beginner's path (themes follow their slugs).
    static let shipping = DeckContent(
        metadata: DeckMetadata(slug: "shipping", title: "Shipping", source: "shipping.tsv"),
        notes: [
            DeckImportTests.note("log-001", "快递", "kuàidì", "courier parcel"),
            DeckImportTests.note("log-002", "仓库", "cāngkù", "warehouse"),
        ])

    /// Two decks, an associate, and the card ids by note key and kind.
    private func collection() throws -> (StudyDatabase, Int64, [String: [CardKind: Int64]]) {
        let database = try StudyDatabase.inMemory()
        // Imported in the reverse of their order on the path: the path decides.
        try database.importDecks([Self.shipping, DeckImportTests.payments], at: Self.monday)
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: Self.monday
        ).associate
        let ids = try database.cardIds(inDeck: "payments")
            .merging(try database.cardIds(inDeck: "shipping")) { first, _ in first }
        return (database, associate.id, ids)
    }

    /// Saves `started` as a review due tomorrow and `suspended` as a suspended new card.
    private func startAndSuspend(
        started: Int64, suspended: Int64, in database: StudyDatabase, for associate: Int64
    ) throws {
        try database.save(try reviewState(dueIn: 1), cardId: started, associateId: associate)
        var progress = CardProgress.new
        progress.isSuspended = true
        try database.save(progress, cardId: suspended, associateId: associate)
    }

    private func reviewState(dueIn days: Double) throws -> CardProgress {
        let state = try #require(
            CardState(
                restoring: .review, memory: .fsrs(MemoryState(stability: 10, difficulty: 5)),
                lastReview: Self.monday - 10 * 86_400, due: Self.monday + days * 86_400,
                reps: 3, lapses: 0))
        return CardProgress(state: state, isSuspended: false, buriedUntil: nil, isLeech: false)
    }

    @Test func dueCardsComeInDueOrderWithoutSuspendedBuriedOrRetiredOnes() throws {
        let (database, associate, ids) = try collection()
        let card = { (key: String, kind: CardKind) in try #require(ids[key]?[kind]) }
        try database.save(
            try reviewState(dueIn: -1), cardId: card("pay-002", .recognition),
            associateId: associate)
        try database.save(
            try reviewState(dueIn: -3), cardId: card("log-001", .production),
            associateId: associate)
        try database.save(
            try reviewState(dueIn: 5), cardId: card("pay-001", .recognition),
            associateId: associate)
        var suspended = try reviewState(dueIn: -2)
        suspended.isSuspended = true
        try database.save(suspended, cardId: card("pay-003", .pinyin), associateId: associate)
        var buried = try reviewState(dueIn: -2)
        buried.buriedUntil = Self.monday + 3_600
        try database.save(buried, cardId: card("log-002", .pinyin), associateId: associate)

        let due = try database.dueCards(for: associate, by: Self.monday)
        #expect(try due.map(\.id) == [card("log-001", .production), card("pay-002", .recognition)])
        #expect(due.first?.progress == .read(try reviewState(dueIn: -3)))
        #expect(
            try database.dueCards(for: associate, by: Self.monday + 7_200).map(\.id).contains(
                card("log-002", .pinyin)))

        // Filters: one deck, one kind.
        #expect(
            try database.dueCards(
                for: associate, by: Self.monday, filter: StudyFilter(decks: ["payments"])
            ).map(\.id) == [card("pay-002", .recognition)])
        #expect(
            try database.dueCards(
                for: associate, by: Self.monday, filter: StudyFilter(kinds: [.recognition])
            ).map(\.id) == [card("pay-002", .recognition)])

        // A retired note's cards leave the queue (their history stays).
        var edited = DeckImportTests.payments
        edited.notes.removeAll { $0.key == "pay-002" }
        try database.importDeck(edited, at: Self.monday)
        #expect(
            try database.dueCards(for: associate, by: Self.monday).map(\.id) == [
                card("log-001", .production)
            ])
    }

    /// Every set of kinds, with and without the decks named: the kinds are one mask in SQL.
    static let kindSets: [Set<CardKind>] = (0..<16).map { bits in
        Set(CardKind.allCases.enumerated().filter { bits & 1 << $0.offset != 0 }.map(\.element))
    }

    @Test(arguments: kindSets, [nil, ["payments", "shipping"]])
    func dueCardsAreThoseOfTheKindsAskedForLessRetiredNotes(
        kinds: Set<CardKind>, decks: [String]?
    ) throws {
        // Given every card of every note due at the same moment, and two notes retired
        let (database, associate, ids) = try collection()
        for cards in ids.values {
            for id in cards.values {
                try database.save(try reviewState(dueIn: -1), cardId: id, associateId: associate)
            }
        }
        var edited = DeckImportTests.payments
        edited.notes.removeAll { $0.key == "pay-001" || $0.key == "pay-003" }
        try database.importDeck(edited, at: Self.monday)

        // Then the due cards are those of the kinds asked for, of the notes kept, in id order
        let kept = ids.filter { $0.key != "pay-001" && $0.key != "pay-003" }.values
        let expected = kept.flatMap { $0.filter { kinds.contains($0.key) }.values }.sorted()
        let due = try database.dueCards(
            for: associate, by: Self.monday, filter: StudyFilter(decks: decks, kinds: kinds))
        #expect(due.map(\.id) == expected)
        #expect(due.allSatisfy { kinds.contains($0.kind) })
        // And their order alone, the same cards with the notes of each
        let order = try database.dueOrder(
            for: associate, by: Self.monday, filter: StudyFilter(decks: decks, kinds: kinds))
        #expect(order.cards.map(\.id) == expected)
        #expect(order.notes.sorted() == due.map(\.noteId).sorted())
    }

    @Test(arguments: [
        (Phase.review, Memory.fsrs(MemoryState(stability: 12.5, difficulty: 6.25)), false),
        (.review, .sm2(ease: Ease(thousandths: 2_350), interval: 17), true),
        (.learning(step: 1), .fsrs(MemoryState(stability: 0.5, difficulty: 8)), false),
        (.learning(step: 0), .sm2(ease: Ease(thousandths: 2_500), interval: 0), false),
        (.relearning(step: 2), .fsrs(MemoryState(stability: 3, difficulty: 9.5)), true),
        (.relearning(step: 0), .sm2(ease: Ease(thousandths: 1_300), interval: 1), false),
    ])
    func aDueCardComesBackAsSaved(phase: Phase, memory: Memory, isLeech: Bool) throws {
        // Given a due card saved in `phase` with `memory`, buried until an hour ago
        let (database, associate, ids) = try collection()
        let cardId = try #require(ids["pay-002"]?[.production])
        let state = try #require(
            CardState(
                restoring: phase, memory: memory, lastReview: Self.monday - 2 * 86_400,
                due: Self.monday - 600, reps: 5, lapses: 2))
        let saved = CardProgress(
            state: state, isSuspended: false, buriedUntil: Self.monday - 3_600, isLeech: isLeech)
        try database.save(saved, cardId: cardId, associateId: associate)

        // Then the session's read of the due index gives it back as saved
        let due = try database.dueCards(for: associate, by: Self.monday)
        #expect(due.map(\.id) == [cardId])
        #expect(due.first?.progress == .read(saved))
        // And its order alone as the saved progress orders it
        let order = try database.dueOrder(for: associate, by: Self.monday)
        #expect(order.cards.map(\.id) == [cardId])
        #expect(order.cards.first?.progress == .ordered(try #require(DueOrder(saved))))
        #expect(order.notes == due.map(\.noteId))
        // And when the card comes up, its whole progress with its note
        let noteId = try #require(due.first?.noteId)
        let read = try #require(
            try database.studyNote(noteId, withProgressOf: cardId, for: associate))
        #expect(read.progress == saved)
        #expect(read.note.content.key == "pay-002")
    }

    @Test func dueCountLeavesOutNewSuspendedAndRetiredCards() throws {
        let (database, associate, ids) = try collection()
        let card = { (key: String, kind: CardKind) in try #require(ids[key]?[kind]) }
        for (key, kind, days) in [
            ("pay-001", CardKind.recognition, -1.0), ("pay-002", .production, -2),
            ("log-001", .pinyin, -3), ("log-002", .recognition, 4),
        ] {
            try database.save(
                try reviewState(dueIn: days), cardId: card(key, kind), associateId: associate)
        }
        var suspended = try reviewState(dueIn: -1)
        suspended.isSuspended = true
        try database.save(suspended, cardId: card("pay-003", .recognition), associateId: associate)
        // A buried new card has a state row, but is not studied yet.
        var buried = CardProgress.new
        buried.buriedUntil = Self.monday + 3_600
        try database.save(buried, cardId: card("pay-003", .pinyin), associateId: associate)

        #expect(try database.dueCount(for: associate, before: Self.monday) == 3)
        #expect(try database.dueCount(for: associate, before: Self.monday + 5 * 86_400) == 4)
        #expect(try database.dueCount(for: associate, before: Self.monday - 2 * 86_400) == 1)

        // A retired note's cards are no longer counted.
        var edited = DeckImportTests.payments
        edited.notes.removeAll { $0.key == "pay-002" }
        try database.importDeck(edited, at: Self.monday)
        #expect(try database.dueCount(for: associate, before: Self.monday) == 2)
    }

    @Test func newCardsComeInDeckOrderNoteByNoteUpToTheLimit() throws {
        let (database, associate, ids) = try collection()
        let card = { (key: String, kind: CardKind) in try #require(ids[key]?[kind]) }
        try database.save(
            try reviewState(dueIn: 1), cardId: card("pay-001", .recognition),
            associateId: associate)

        let new = try database.newCards(for: associate, at: Self.monday, limit: 4)
        #expect(
            try new.map(\.id) == [
                card("pay-001", .production), card("pay-001", .pinyin),
                card("pay-002", .recognition), card("pay-002", .production),
            ])
        #expect(new.allSatisfy { $0.progress == .read(.new) })

        let shipping = try database.newCards(
            for: associate, at: Self.monday, limit: 10,
            filter: StudyFilter(decks: ["shipping"], kinds: [.pinyin]))
        #expect(try shipping.map(\.id) == [card("log-001", .pinyin), card("log-002", .pinyin)])
        #expect(
            try database.newCards(
                for: associate, at: Self.monday, limit: 10, filter: StudyFilter(decks: [])
            ).isEmpty)
    }

    @Test(arguments: 0...16)
    func theFirstCardOfEachNoteIsTheFirstOfItsNoteAmongAllCandidates(limit: Int) throws {
        // Given a started card, a suspended one and a buried one, so that notes start at
        // different kinds
        let (database, associate, ids) = try collection()
        let card = { (key: String, kind: CardKind) in try #require(ids[key]?[kind]) }
        try startAndSuspend(
            started: card("pay-001", .recognition), suspended: card("pay-002", .recognition),
            in: database, for: associate)
        var buried = CardProgress.new
        buried.buriedUntil = Self.monday + 3_600
        try database.save(buried, cardId: card("log-001", .recognition), associateId: associate)

        // Then the first cards are those of the whole list, one per note, the limit counting
        // every card of the whole list
        let all = try database.newCards(for: associate, at: Self.monday, limit: limit)
        var seen = Set<Int64>()
        let firstOfEach = all.filter { seen.insert($0.noteId).inserted }
        #expect(
            try database.newCards(
                for: associate, at: Self.monday, limit: limit, firstOfEachNote: true)
                == firstOfEach)
    }

    @Test(arguments: [1, 2, 3, 5, 8, 20], [false, true])
    func atMostSoManyCardsAreTheFirstOfAllTheCards(maximum: Int, firstOfEachNote: Bool) throws {
        // Given started, suspended and buried cards, so that notes start at different kinds
        let (database, associate, ids) = try collection()
        let card = { (key: String, kind: CardKind) in try #require(ids[key]?[kind]) }
        try startAndSuspend(
            started: card("pay-001", .recognition), suspended: card("pay-002", .recognition),
            in: database, for: associate)

        // Then the walk that stops at `maximum` cards returns the first of the whole list
        let all = try database.newCards(
            for: associate, at: Self.monday, limit: 12, firstOfEachNote: firstOfEachNote)
        #expect(all.count > 1)
        #expect(
            try database.newCards(
                for: associate, at: Self.monday, limit: 12, firstOfEachNote: firstOfEachNote,
                returningAtMost: maximum) == Array(all.prefix(maximum)))
    }

    @Test func notesStudiedTodayArePassedOverWithoutUsingUpTheLimit() throws {
        let (database, associate, ids) = try collection()
        let card = { (key: String, kind: CardKind) in try #require(ids[key]?[kind]) }
        let studied = Set([
            try card("pay-001", .pinyin), try card("pay-002", .pinyin),
        ])
        let notes = try Set(
            database.newCards(for: associate, at: Self.monday, limit: 99)
                .filter { studied.contains($0.id) }.map(\.noteId))

        let pinyin = try database.newCards(
            for: associate, at: Self.monday, limit: 2, filter: StudyFilter(kinds: [.pinyin]),
            excludingNotes: notes)
        #expect(try pinyin.map(\.id) == [card("pay-003", .pinyin), card("log-001", .pinyin)])
    }

    @Test func suspendedAndBuriedNewCardsWaitAndKeepTheirFlags() throws {
        let (database, associate, ids) = try collection()
        let card = { (key: String, kind: CardKind) in try #require(ids[key]?[kind]) }
        var suspended = CardProgress.new
        suspended.isSuspended = true
        try database.save(suspended, cardId: card("pay-001", .recognition), associateId: associate)
        var buried = CardProgress.new
        buried.buriedUntil = Self.monday + 3_600
        try database.save(buried, cardId: card("pay-001", .production), associateId: associate)

        let now = try database.newCards(for: associate, at: Self.monday, limit: 2)
        #expect(try now.map(\.id) == [card("pay-001", .pinyin), card("pay-002", .recognition)])

        let later = try database.newCards(for: associate, at: Self.monday + 7_200, limit: 1)
        #expect(try later.map(\.id) == [card("pay-001", .production)])
        #expect(later.first?.progress == .read(buried))
    }

    @Test func newCardsFollowTheBeginnersPathNotTheImportOrder() throws {
        // Given decks imported in the reverse of the path, as an older database gets the core
        // decks after its themes
        let database = try StudyDatabase.inMemory()
        let decks = ["payments", "core2-1-people", "core1-2-numbers", "core1-1-people", "starter"]
        try database.importDecks(
            decks.enumerated().map { index, slug in
                DeckContent(
                    metadata: DeckMetadata(slug: slug, title: slug, source: "\(slug).tsv"),
                    notes: [DeckImportTests.note("\(slug)-00\(index)", "词\(index)", "cí", "word")])
            }, at: Self.monday)
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: Self.monday
        ).associate

        // Then a new associate meets the starter deck first, then the core decks by level and
        // step, then the themes; and `deck list` shows them in that order
        let new = try database.newCards(
            for: associate.id, at: Self.monday, limit: 10,
            filter: StudyFilter(kinds: [.recognition]))
        let notes = try new.map { try #require(try database.studyNote($0.noteId)).deck }
        #expect(
            notes == ["starter", "core1-1-people", "core1-2-numbers", "core2-1-people", "payments"])
        #expect(try database.decks().map(\.metadata.slug) == notes)
    }

    @Test func aNoteIsReadWithItsDeckWhenItsCardComesUp() throws {
        let (database, associate, _) = try collection()
        let first = try #require(
            try database.newCards(for: associate, at: Self.monday, limit: 1).first)
        let note = try #require(try database.studyNote(first.noteId))
        #expect(note.deck == "payments")
        #expect(note.content == DeckImportTests.payments.notes[0])
        #expect(try database.studyNote(9_999) == nil)
    }
}
