import ChineseText
import Testing

@Suite("Parsing pinyin")
struct PinyinParsingTests {
    @Test(arguments: [
        ("hao3", "hǎo"), ("lv4", "lǜ"), ("lu:4", "lǜ"), ("lü4", "lǜ"), ("nv3", "nǚ"),
        ("xue2", "xué"), ("gou3", "gǒu"), ("ma5", "ma"), ("ma0", "ma"), ("ma", "ma"),
        ("liu4", "liù"), ("gui3", "guǐ"), ("jue2", "jué"), ("jv2", "jú"), ("yv3", "yǔ"),
        ("er4", "èr"), ("e4", "è"), ("ê2", "ế"), ("n2", "ń"), ("ng3", "ňg"), ("m4", "m̀"),
        ("hm5", "hm"), ("hng4", "hǹg"), ("zhuang4", "zhuàng"), ("dianr3", "diǎnr"),
        ("dian3r", "diǎnr"), ("NI3", "Nǐ"), ("Lü3", "Lǚ"), ("ｈａｏ３", "hǎo"),
    ])
    func numberedToneBecomesMark(numbered: String, marked: String) throws {
        #expect(try PinyinSyllable(parsing: numbered).toneMarked == marked)
    }

    @Test(arguments: [
        ("nǚ", "nü3"), ("lǜ", "lü4"), ("n\u{308}\u{30C}", "nv3"), ("nu\u{308}\u{30C}", "nü3"),
        ("diǎnr", "dianr3"), ("ńg", "ng2"), ("m̀", "m4"), ("ê", "ê5"), ("ế", "ê2"),
        ("e\u{302}\u{300}", "ê4"), ("hă", "ha3"), ("lv\u{300}", "lü4"), ("LǙ", "Lü3"),
        ("Xī", "Xi1"), ("liù", "liu4"), ("lìu", "liu4"),
    ])
    func markBecomesNumber(marked: String, numbered: String) throws {
        guard numbered != "nv3" else {
            // n + diaeresis is not ü: the diaeresis belongs on the u.
            #expect(throws: PinyinError.self) { try PinyinSyllable(parsing: marked) }
            return
        }
        #expect(try PinyinSyllable(parsing: marked).toneNumbered == numbered)
    }

    @Test(arguments: [
        ("ni3hao3", "nǐhǎo", ["ni3", "hao3"]),
        ("ni3 hao3", "nǐ hǎo", ["ni3", "hao3"]),
        ("  ni3   hao3  ", "nǐ hǎo", ["ni3", "hao3"]),
        ("nihao", "nihao", ["ni5", "hao5"]),
        ("xian", "xian", ["xian5"]),
        ("xi'an", "xi'an", ["xi5", "an5"]),
        ("Xi1an1", "Xī'ān", ["Xi1", "an1"]),
        ("Xī'ān", "Xī'ān", ["Xi1", "an1"]),
        ("Xīān", "Xī'ān", ["Xi1", "an1"]),
        ("fangan", "fangan", ["fan5", "gan5"]),
        ("fang'an", "fang'an", ["fang5", "an5"]),
        ("fāng’àn", "fāng'àn", ["fang1", "an4"]),
        ("nǚ'ér", "nǚ'ér", ["nü3", "er2"]),
        ("nv3er2", "nǚ'ér", ["nü3", "er2"]),
        ("Tiananmen", "Tian'anmen", ["Tian5", "an5", "men5"]),
        ("Tian1an1men2", "Tiān'ānmén", ["Tian1", "an1", "men2"]),
        ("yi1dian3r", "yīdiǎnr", ["yi1", "dianr3"]),
        ("yi1 dian3 r5", "yī diǎnr", ["yi1", "dianr3"]),
        ("yi1dianr3", "yīdiǎnr", ["yi1", "dianr3"]),
        ("wan2r", "wánr", ["wanr2"]),
        ("hen3hao3", "hěnhǎo", ["hen3", "hao3"]),
        ("renmin2", "renmín", ["ren5", "min2"]),
        ("Zhong1guo2", "Zhōngguó", ["Zhong1", "guo2"]),
        ("zhi1fu4bao3", "zhīfùbǎo", ["zhi1", "fu4", "bao3"]),
        ("diànzǐ shāngwù", "diànzǐ shāngwù", ["dian4", "zi3", "shang1", "wu4"]),
        ("xie4xie5", "xièxie", ["xie4", "xie5"]),
        (
            "Qing3 wen4, zhe4 ge5 duo1shao5 qian2?", "Qǐng wèn, zhè ge duōshao qián?",
            ["Qing3", "wen4", "zhe4", "ge5", "duo1", "shao5", "qian2"]
        ),
        ("“Hǎo!”", "“Hǎo!”", ["Hao3"]),
        ("lu:4 se4", "lǜ sè", ["lü4", "se4"]),
        ("nü3er5", "nǚ'er", ["nü3", "er5"]),
    ])
    func splitsAndConverts(text: String, marked: String, numbered: [String]) throws {
        let pinyin = try Pinyin(parsing: text)
        #expect(pinyin.toneMarked == marked)
        #expect(pinyin.syllables.map(\.toneNumbered) == numbered)
        #expect(try Pinyin(parsing: pinyin.toneMarked) == pinyin)
        #expect(try Pinyin(parsing: pinyin.toneNumbered).syllables == pinyin.syllables)
    }

    @Test func spacingCanBeRewritten() throws {
        let pinyin = try Pinyin(parsing: "Qing3 wen4, zhe4ge5 duo1shao5 qian2?")
        #expect(
            pinyin.written(.toneMarks, spacing: .bySyllable) == "Qǐng wèn, zhè ge duō shao qián?")
        #expect(pinyin.written(.toneMarks, spacing: .joined) == "Qǐngwèn,zhègeduōshaoqián?")
        #expect(
            pinyin.written(.toneNumbers, spacing: .bySyllable)
                == "Qing3 wen4, zhe4 ge5 duo1 shao5 qian2?")
        #expect(pinyin.toneNumbered == "Qing3 wen4, zhe4ge5 duo1shao5 qian2?")
        let word = try #require(Pinyin(syllables: pinyin.syllables.suffix(2)))
        #expect(word.toneMarked == "shaoqián")
        #expect(Pinyin(syllables: []) == nil)
    }

    @Test(arguments: [
        ("ni3xq", PinyinError.notASyllable("xq", position: 3)),
        ("nihaoxq", .notASyllable("xq", position: 5)),
        ("lue4", .notASyllable("lue4", position: 0)),
        ("ni3 hao3 bia1", .notASyllable("bia1", position: 9)),
        ("nǐ4", .conflictingTones("nǐ4", position: 0)),
        ("ni3 你", .unexpectedCharacter("你", position: 4)),
        ("ni7", .unexpectedCharacter("7", position: 2)),
        ("ni3 4", .strayToneNumber("4", position: 4)),
        ("ni33", .strayToneNumber("3", position: 3)),
        ("r5", .notASyllable("r5", position: 0)),
        ("", .empty),
        (" , ", .empty),
    ])
    func reportsWhatIsNotPinyin(text: String, error: PinyinError) {
        #expect(throws: error) { try Pinyin(parsing: text) }
    }

    @Test func errorsReadAsSentences() {
        #expect(
            PinyinError.notASyllable("xq", position: 3).description
                == "“xq” at position 3 is not a pinyin syllable.")
        #expect(PinyinError.unexpectedCharacter("你", position: 0).fragment == "你")
        #expect(PinyinError.conflictingTones("nǐ4", position: 2).position == 2)
        #expect(PinyinError.empty.position == nil)
    }

    @Test func singleSyllableParsingRejectsWords() {
        #expect(throws: PinyinError.notASyllable("nihao", position: 0)) {
            try PinyinSyllable(parsing: "nihao")
        }
    }

    @Test func syllablesCompareBySound() throws {
        let capital = try PinyinSyllable(parsing: "Hao3")
        let lower = try PinyinSyllable(parsing: "hǎo")
        #expect(capital.soundsLike(lower))
        #expect(capital != lower)
        #expect(!lower.soundsLike(lower.replacingTone(with: .fourth)))
        #expect(lower.settingErhua(true).toneMarked == "hǎor")
    }
}
