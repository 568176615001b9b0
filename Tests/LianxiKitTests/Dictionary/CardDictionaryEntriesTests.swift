import Testing

@testable import LianxiKit

/// What card info shows from CC-CEDICT: the word's entries, then each character's.
@Suite struct CardDictionaryEntriesTests {
    @Test func aWordShowsItsEntryThenEachCharactersEntries() {
        let lines = CardDictionaryEntries(hanzi: "银行").lines
        #expect(lines.first == " CC-CEDICT")
        #expect(lines[1] == "   银行 銀行  yínháng  bank · measure words: 家 jiā, 个 gè")
        #expect(lines.contains { $0.hasPrefix("   银 銀  yín  silver") })
        #expect(lines.contains { $0.hasPrefix("   行  háng  row; line") })
        #expect(lines.contains { $0.hasPrefix("   行  xíng  to walk; to go") })
    }

    @Test func aWordOfOneCharacterIsNotRepeatedAsItsCharacter() {
        let entries = CardDictionaryEntries(hanzi: "长")
        #expect(entries.characters.isEmpty)
        #expect(entries.word.map(\.numberedPinyin) == ["chang2", "zhang3"])
    }

    @Test func aWordTheDictionaryLacksIsSaidSoAndItsCharactersStillShow() {
        let lines = CardDictionaryEntries(hanzi: "电子商务平台").lines
        #expect(lines[1] == "   (the word itself is not in CC-CEDICT)")
        #expect(lines.contains { $0.hasPrefix("   电 電  diàn  lightning; electricity") })
    }
}
