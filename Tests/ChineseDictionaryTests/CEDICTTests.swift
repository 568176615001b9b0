import CEDICTData
import ChineseDictionary
import Foundation
import Testing

/// The excerpt of CC-CEDICT in the fixtures: its header and twenty entries.
private let excerpt: CEDICT = {
    let url = Bundle.module.url(
        forResource: "cedict-excerpt", withExtension: "u8", subdirectory: "Fixtures")
    let data = url.flatMap { try? Data(contentsOf: $0) } ?? Data()
    return CEDICT(text: data)
}()

/// The whole CC-CEDICT, as built into the program.
private let shipped = CEDICT(
    permanentText: UnsafeBufferPointer(start: lianxi_cedict_bytes(), count: lianxi_cedict_count()))

/// The simplified form and reading of each result, for short expectations.
private func headwords(_ entries: [DictionaryEntry]) -> [String] {
    entries.map { "\($0.simplified) \($0.numberedPinyin)" }
}

@Suite struct CEDICTParsingTests {
    @Test func readsEveryEntryOfTheExcerptAndSkipsTheHeader() {
        #expect(excerpt.entries.count == 20)
        #expect(excerpt.malformedLines.isEmpty)
    }

    @Test func anEntryHasBothScriptsItsReadingGlossesAndMeasureWords() throws {
        let bank = try #require(excerpt.entries(forHeadword: "银行").first)
        #expect(bank.traditional == "銀行")
        #expect(bank.simplified == "银行")
        #expect(bank.numberedPinyin == "yin2 hang2")
        #expect(bank.glosses == ["bank"])
        #expect(
            bank.measureWords == [
                MeasureWord(traditional: "家", simplified: "家", numberedPinyin: "jia1"),
                MeasureWord(traditional: "個", simplified: "个", numberedPinyin: "ge4"),
            ])
        #expect(bank.line == 49)
    }

    @Test func aTraditionalHeadwordFindsTheSameEntry() {
        #expect(excerpt.entries(forHeadword: "貿易") == excerpt.entries(forHeadword: "贸易"))
    }

    @Test(arguments: [
        "貿易 贸易 mao4 yi4 /trade/",
        "貿易 贸易 [mao4 yi4] trade",
        "貿易 [mao4 yi4] /trade/",
        "貿易 贸易 [mao4 yi4] //",
        "貿易",
    ])
    func aLineThatIsNotAnEntryIsReported(line: String) {
        let dictionary = CEDICT(text: "# header\n\(line)\n銀行 银行 [yin2 hang2] /bank/\n".utf8)
        #expect(dictionary.malformedLines == [2])
        #expect(dictionary.entries.map(\.simplified) == ["银行"])
    }

    @Test func windowsLineEndingsAreRead() {
        let dictionary = CEDICT(text: "# header\r\n銀行 银行 [yin2 hang2] /bank/\r\n".utf8)
        #expect(dictionary.malformedLines.isEmpty)
        #expect(dictionary.entries.map(\.glosses) == [["bank"]])
    }

    @Test func theShippedFileIsWholeAndWellFormed() {
        #expect(shipped.malformedLines.isEmpty)
        #expect(shipped.entries.count == 122_143)
    }
}

@Suite struct CEDICTLookupTests {
    @Test(arguments: [
        (
            "贸易",
            [
                "贸易 mao4 yi4", "贸易战 mao4 yi4 zhan4", "对外贸易 dui4 wai4 mao4 yi4",
                "自由贸易区 zi4 you2 mao4 yi4 qu1",
            ]
        ),
        (
            "貿易",
            [
                "贸易 mao4 yi4", "贸易战 mao4 yi4 zhan4", "对外贸易 dui4 wai4 mao4 yi4",
                "自由贸易区 zi4 you2 mao4 yi4 qu1",
            ]
        ),
        // The surname after the ordinary word, both before the longer word.
        ("毛", ["毛 mao2", "毛 Mao2", "毛衣 mao2 yi1"]),
    ])
    func hanziFindTheHeadwordThenWordsStartingWithItThenWordsContainingIt(
        text: String, expected: [String]
    ) throws {
        let query = try #require(DictionaryQuery(text))
        #expect(headwords(excerpt.lookUp(query)) == expected)
    }

    @Test(arguments: [
        ("maoyi", ["毛衣 mao2 yi1", "贸易 mao4 yi4"]),
        ("mao4yi4", ["贸易 mao4 yi4"]),
        ("màoyì", ["贸易 mao4 yi4"]),
        ("mao4 yi4", ["贸易 mao4 yi4"]),
        ("MAO4YI4", ["贸易 mao4 yi4"]),
        ("nü3'er2", ["女儿 nu:3 er2"]),
        ("nv3er2", ["女儿 nu:3 er2"]),
        ("lü", ["绿 lu:4"]),
        ("dianr", ["点儿 dian3 r5"]),
        ("hang", ["行 hang2"]),
        ("xing", ["行 xing2"]),
    ])
    func pinyinFindsTheReadingInAnySpellingTonesOptional(text: String, expected: [String])
        throws
    {
        let query = try #require(DictionaryQuery(text))
        #expect(headwords(excerpt.lookUp(query)) == expected)
    }

    @Test func aReadingFindsCommonerWordsFirstWhenRanksAreGiven() throws {
        let query = try #require(DictionaryQuery("maoyi"))
        let ranked = excerpt.lookUp(query, rank: ["贸易": 3])
        #expect(headwords(ranked) == ["贸易 mao4 yi4", "毛衣 mao2 yi1"])
    }

    @Test func englishFindsGlossesThatAreTheWordBeforeGlossesThatContainIt() throws {
        let query = try #require(DictionaryQuery("Trade"))
        #expect(query == .english("trade"))
        #expect(
            headwords(excerpt.lookUp(query)) == [
                // First gloss "(commercial) trade", then a later gloss "trade" or "to trade"
                // (shorter first), then glosses containing the word.
                "贸易 mao4 yi4", "贸 mao4", "交易 jiao1 yi4", "外贸 wai4 mao4",
                "贸易战 mao4 yi4 zhan4", "对外贸易 dui4 wai4 mao4 yi4",
                "自由贸易区 zi4 you2 mao4 yi4 qu1",
            ])
    }

    @Test func englishMatchesWholeWordsOnly() throws {
        let query = try #require(DictionaryQuery("row"))
        // "row" is in 行's glosses, not merely inside "grow" or "borrow".
        #expect(headwords(excerpt.lookUp(query)) == ["行 hang2"])
    }

    @Test func wordsThatReadAsPinyinAreLookedUpAsEnglishTooAfterTheReadings() throws {
        let dictionary = CEDICT(
            text: "掛 挂 [gua4] /to hang/\n行 行 [hang2] /row/\n項 项 [xiang4] /item/\n".utf8)
        let query = try #require(DictionaryQuery("hang"))
        #expect(query == .pinyin(try #require(SyllableSearch("hang")), alsoEnglish: "hang"))
        #expect(headwords(dictionary.lookUp(query)) == ["行 hang2", "挂 gua4"])
        // "bank" is not pinyin: English only.
        #expect(DictionaryQuery("bank") == .english("bank"))
    }

    @Test func aReadingWithoutTonesFindsEveryToneNamesLast() throws {
        let query = try #require(DictionaryQuery("mao"))
        #expect(headwords(excerpt.lookUp(query)) == ["毛 mao2", "贸 mao4", "毛 Mao2"])
    }

    @Test func theLimitKeepsTheBestResults() throws {
        let query = try #require(DictionaryQuery("贸易"))
        #expect(headwords(excerpt.lookUp(query, limit: 1)) == ["贸易 mao4 yi4"])
        #expect(excerpt.lookUp(query, limit: 0).isEmpty)
    }

    @Test(arguments: ["", "   "])
    func emptyTextIsNoQuery(text: String) {
        #expect(DictionaryQuery(text) == nil)
    }

    @Test func unknownWordsFindNothing() throws {
        let query = try #require(DictionaryQuery("qwzx"))
        #expect(excerpt.lookUp(query).isEmpty)
    }
}

/// The whole shipped dictionary.
@Suite struct ShippedDictionaryTests {
    @Test(arguments: [("银行", "yin2 hang2"), ("会计", "kuai4 ji4"), ("还款", "huan2 kuan3")])
    func polyphonesAreReadByTheWordsOwnEntry(hanzi: String, reading: String) {
        #expect(shipped.entries(forHeadword: hanzi).map(\.numberedPinyin) == [reading])
    }
}
