import Storage
import Testing

@testable import LianxiKit

/// The lookups shown in the README, on the shipped dictionary and decks.
@Suite struct WordLookupTests {
    let lookup: WordLookup

    init() {
        lookup = WordLookup()
    }

    @Test func theQuickReadingOfTheShippedDecksAgreesWithTheFullOne() throws {
        for file in ShippedDecks.files {
            let notes = try LianxiDeckFile.read(file.text, file: file.name).notes
            let quick = WordLookup.wordsAndLevels(in: file.text)
            #expect(quick.map(\.hanzi) == notes.map(\.hanzi), "\(file.name)")
            #expect(quick.map(\.level) == notes.map(\.hskLevel), "\(file.name)")
        }
    }

    @Test(arguments: ["贸易", "貿易", "maoyi", "mao4yi4", "màoyì"])
    func tradeComesFirstWithItsLevelDeckAndMeasureWord(text: String) throws {
        let first = try #require(lookup.lookUp(text, limit: 5).first)
        #expect(first.entry.simplified == "贸易")
        #expect(first.entry.traditional == "貿易")
        #expect(first.pinyin?.written(.toneMarks, spacing: .joined) == "màoyì")
        #expect(first.entry.glosses == ["(commercial) trade"])
        #expect(first.entry.measureWords.map(\.simplified) == ["个"])
        #expect(first.hskLevel == .five)
        #expect(first.decks.contains("cross-border"))
    }

    @Test func tradeInEnglishFindsTheWordsWhoseMeaningIsTrade() {
        // 行业 (HSK 4, "trade; profession; industry; business") before 贸易 (HSK 5).
        let words = lookup.lookUp("trade", limit: 3).map(\.entry.simplified)
        #expect(words.prefix(2) == ["行业", "贸易"])
    }

    @Test func aBankIsFoundInEnglish() throws {
        let first = try #require(lookup.lookUp("bank").first)
        #expect(first.entry.simplified == "银行")
        #expect(first.entry.measureWords.map(\.simplified) == ["家", "个"])
        #expect(first.hskLevel == .two)
    }

    @Test func wordsOutsideTheDecksHaveNoLevel() throws {
        let first = try #require(lookup.lookUp("贸易战").first)
        #expect(first.entry.simplified == "贸易战")
        #expect(first.hskLevel == nil)
        #expect(first.decks.isEmpty)
    }

    @Test func theJSONNamesEveryField() throws {
        let words = lookup.lookUp("贸易", limit: 1)
        let json = String(decoding: try LookedUpWord.json(words), as: UTF8.self)
        for field in [
            #""simplified" : "贸易""#, #""traditional" : "貿易""#, #""pinyin" : "màoyì""#,
            #""pinyin_numbered" : "mao4 yi4""#, #""hsk_level" : "5""#, #""pinyin" : "gè""#,
        ] {
            #expect(json.contains(field))
        }
    }
}
