import SpacedRepetition
import Storage
import Testing

@testable import LianxiKit

/// A listening card's answer: the pinyin, checked as on typed cards, or the characters.
@Suite struct ListeningCheckTests {
    static let bank = StudyCard(
        id: 7, kind: .listening, noteId: 1, progress: .new,
        note: StudyNote(
            deck: "audio",
            content: NoteContent(
                key: "bank", hanzi: "银行", traditional: "銀行", pinyin: "yínháng",
                english: "bank")))

    @Test(
        arguments: [
            ("yin2hang2", Rating.good), ("yínháng", .good), ("yin hang", .hard),
            ("yin2xing2", .again), ("银行", .good), ("銀行", .good), (" 银 行 ", .good),
            ("银", .again), ("", .again),
        ] as [(String, Rating)])
    func theTypedPinyinOrCharactersAreChecked(typed: String, proposal: Rating) throws {
        #expect(try ReviewSession.check(typed, against: Self.bank).proposal == proposal)
    }

    @Test func aListeningCardIsTypedAndIsNotAmongTheUsualKinds() {
        #expect(!CardKind.usual.contains(.listening))
        #expect(Set(CardKind.allCases).subtracting(CardKind.usual) == [.listening])
    }
}
