import CEDICTData
import ChineseDictionary
import Foundation
import Testing

/// The excerpt of CC-CEDICT in the fixtures.
private let excerpt: CEDICT = {
    let url = Bundle.module.url(
        forResource: "cedict-excerpt", withExtension: "u8", subdirectory: "Fixtures")
    return CEDICT(text: url.flatMap { try? Data(contentsOf: $0) } ?? Data())
}()

/// The whole CC-CEDICT, as built into the program.
private let shipped = CEDICT(
    permanentText: UnsafeBufferPointer(start: lianxi_cedict_bytes(), count: lianxi_cedict_count()))

/// The reading chosen for `word` with `hint`, or a word saying why none was.
private func chosen(_ word: String, in dictionary: CEDICT, hint: ReadingHint = ReadingHint())
    -> String
{
    let entries = dictionary.entries(forHeadwords: [word])[word] ?? []
    switch ReadingChoice.choose(among: entries, hint: hint) {
    case .decided(let reading): return reading.numberedPinyin
    case .undecided(let readings):
        return "undecided: " + readings.map(\.numberedPinyin).joined(separator: ", ")
    case .contradicted: return "contradicted"
    case .missing: return "missing"
    }
}

@Suite struct HeadwordBatchTests {
    @Test func findsManyWordsInOnePassBySimplifiedOrTraditionalForm() {
        let found = excerpt.entries(forHeadwords: ["银行", "貿易", "行", "不在这里"])
        #expect(found["银行"]?.map(\.numberedPinyin) == ["yin2 hang2"])
        #expect(found["貿易"]?.map(\.simplified) == ["贸易"])
        #expect(found["行"]?.map(\.numberedPinyin) == ["hang2", "xing2"])
        #expect(found["不在这里"] == nil)
    }

    @Test func agreesWithTheOneWordLookupOnTheWholeDictionary() {
        let words = ["银行", "会计", "长", "得", "還款", "系", "了"]
        let found = shipped.entries(forHeadwords: words)
        for word in words {
            #expect(found[word] ?? [] == shipped.entries(forHeadword: word), "\(word)")
        }
    }
}

@Suite struct ReadingChoiceTests {
    @Test(arguments: [
        ("银行", "yin2 hang2"),  // not 银 + 行 xíng
        ("会计", "kuai4 ji4"),  // not 会 huì
        ("还款", "huan2 kuan3"),  // not 还 hái
        ("毛", "mao2"),  // the surname Máo comes after the word
        ("行", "undecided: hang2, xing2"),
        ("不在这里", "missing"),
    ])
    func aWordIsDecidedByItsOwnEntries(word: String, expected: String) {
        #expect(chosen(word, in: excerpt) == expected)
    }

    @Test(arguments: [
        ("xing", "xing2"), ("hang2", "hang2"), ("háng", "hang2"), ("xing4", "contradicted"),
    ])
    func aReadingChoosesAmongReadings(reading: String, expected: String) {
        let hint = ReadingHint(reading: SyllableSearch(reading))
        #expect(chosen("行", in: excerpt, hint: hint) == expected)
    }

    @Test func theReadingsMeaningsLeaveOutReferencesAndMeasureWords() throws {
        let entries = excerpt.entries(forHeadwords: ["银行"])["银行"] ?? []
        guard case .decided(let reading) = ReadingChoice.choose(among: entries, hint: ReadingHint())
        else {
            Issue.record("银行 is not decided")
            return
        }
        #expect(reading.meanings() == ["bank"])
        #expect(reading.traditional == "銀行")
        #expect(reading.measureWords.map(\.simplified) == ["家", "个"])
    }

    /// The annotations of the Business Chinese Test syllabus, on the whole dictionary.
    @Test(arguments: [
        ("长", ReadingHint(reading: SyllableSearch("chang")), "chang2"),
        ("长", ReadingHint(reading: SyllableSearch("zhang")), "zhang3"),
        ("长", ReadingHint(), "undecided: chang2, zhang3"),
        ("得", ReadingHint(reading: SyllableSearch("de")), "de5"),
        ("得", ReadingHint(reading: SyllableSearch("děi")), "dei3"),
        ("系", ReadingHint(reading: SyllableSearch("jì")), "ji4"),
        ("谁", ReadingHint(reading: SyllableSearch("shéi")), "shei2"),
        ("着", ReadingHint(reading: SyllableSearch("zháo")), "zhao2"),
        ("着", ReadingHint(reading: SyllableSearch("zhe")), "zhe5"),
        ("只", ReadingHint(tone: 3), "zhi3"),
        ("还", ReadingHint(wordClass: .other), "hai2"),
        ("还", ReadingHint(wordClass: .verb), "huan2"),
        ("过", ReadingHint(wordClass: .particle), "guo5"),
        ("过", ReadingHint(wordClass: .verb), "guo4"),
        ("等", ReadingHint(wordClass: .verb), "deng3"),
        ("北京", ReadingHint(), "Bei3 jing1"),
        ("北京", ReadingHint(reading: SyllableSearch("Běijīng")), "Bei3 jing1"),
    ])
    func annotationsChooseTheReading(word: String, hint: ReadingHint, expected: String) {
        #expect(chosen(word, in: shipped, hint: hint) == expected)
    }
}
