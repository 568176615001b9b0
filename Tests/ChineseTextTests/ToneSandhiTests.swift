import ChineseText
import Testing

@Suite("Tone sandhi")
struct ToneSandhiTests {
    @Test(
        arguments: [
            ("nǐ hǎo", nil, "ní hǎo"),
            ("kěyǐ", nil, "kéyǐ"),
            ("zhǎnlǎnguǎn", nil, "zhánlánguǎn"),
            ("Wǒ hěn hǎo.", nil, "Wó hén hǎo."),
            ("hǎo, hǎo", nil, "hǎo, hǎo"),
            ("jiějie", nil, "jiějie"),
            ("bù shì", "不是", "bú shì"),
            ("bù hǎo", "不好", "bù hǎo"),
            ("bù duì", nil, "bù duì"),
            ("duìbuqǐ", "对不起", "duìbuqǐ"),
            ("yīgòng", "一共", "yígòng"),
            ("yī tiān", "一天", "yì tiān"),
            ("yī nián", "一年", "yì nián"),
            ("yīqǐ", "一起", "yìqǐ"),
            ("yī ge", "一个", "yí ge"),
            ("yībǎi", "一百", "yìbǎi"),
            ("dì yī", "第一", "dì yī"),
            ("tǒngyī", "统一", "tǒngyī"),
            ("shíyī yuè", "十一月", "shíyī yuè"),
            ("yī yuè", "一月", "yī yuè"),
            ("yī èr sān", "一二三", "yī èr sān"),
            ("yīdiǎnr", "一点儿", "yìdiǎnr"),
            ("yīdiǎnr", "一点点", "yīdiǎnr"),
            ("yīfu", "衣服", "yīfu"),
            ("bù yīdìng", "不一定", "bù yídìng"),
            ("yī kuài", "一块", "yí kuài"),
        ] as [(String, String?, String)])
    func spokenTones(citation: String, hanzi: String?, spoken: String) throws {
        let pinyin = try Pinyin(parsing: citation)
        let said = ToneSandhi.spoken(pinyin, hanzi: hanzi)
        #expect(said.toneMarked == spoken)
        #expect(said.syllables.map(\.letters) == pinyin.syllables.map(\.letters))
    }

    @Test func spokenTonesLineUpWithSyllables() throws {
        let pinyin = try Pinyin(parsing: "bù mǎi")
        #expect(ToneSandhi.spokenTones(of: pinyin, hanzi: "不买") == [.fourth, .third])
        #expect(pinyin.tones == [.fourth, .third])
    }
}
