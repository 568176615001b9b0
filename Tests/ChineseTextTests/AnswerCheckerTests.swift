import ChineseText
import Testing

/// One typed answer from a learner, what it should be compared with, and the expected outcome.
struct AnswerCase: CustomTestStringConvertible, Sendable {
    let typed: String
    let expected: String
    let hanzi: String?
    let results: String
    let verdict: AnswerCheck.Verdict

    init(
        _ typed: String, _ expected: String, hanzi: String? = nil, _ results: String,
        _ verdict: AnswerCheck.Verdict
    ) {
        self.typed = typed
        self.expected = expected
        self.hanzi = hanzi
        self.results = results
        self.verdict = verdict
    }

    var testDescription: String { "“\(typed)” for \(expected)" }
}

/// A compact line for per-syllable results: `ok`, `~spoken(2)`, `tone 3→2`, `lü4≠lu4`, `-ma5`,
/// `+ma5`.
func summary(_ results: [SyllableCheck]) -> String {
    results.map { result in
        switch result {
        case .correct: "ok"
        case .tolerated(_, let typed, .neutralTone): "~neutral(\(typed))"
        case .tolerated(_, let typed, .spokenTone): "~spoken(\(typed))"
        case .wrongTone(let expected, let typed): "tone \(expected.tone)→\(typed)"
        case .wrongSyllable(let expected, let typed): "\(expected.toneNumbered)≠\(typed)"
        case .missing(let expected): "-\(expected.toneNumbered)"
        case .extra(let typed): "+\(typed)"
        }
    }.joined(separator: " ")
}

@Suite("Checking typed answers")
struct AnswerCheckerTests {
    /// Real learner mistakes, checked with the default options (neutral tones and spoken tones
    /// tolerated).
    static let cases: [AnswerCase] = [
        // Spacing, case and spelling variants of a right answer.
        AnswerCase("ni3hao3", "nǐ hǎo", "ok ok", .correct),
        AnswerCase("ni3 hao3", "nǐ hǎo", "ok ok", .correct),
        AnswerCase("  ni3   hao3 ", "nǐ hǎo", "ok ok", .correct),
        AnswerCase("nǐhǎo", "nǐ hǎo", "ok ok", .correct),
        AnswerCase("NI3HAO3", "nǐ hǎo", "ok ok", .correct),
        AnswerCase("ni3 hao3.", "nǐ hǎo", "ok ok", .correct),
        AnswerCase("ni3-hao3", "nǐ hǎo", "ok ok", .correct),
        AnswerCase("ｎｉ３ｈａｏ３", "nǐ hǎo", "ok ok", .correct),
        // Tone slips.
        AnswerCase("ni2hao3", "nǐ hǎo", "~spoken(2) ok", .correct),
        AnswerCase("ni3hao2", "nǐ hǎo", "ok tone 3→2", .tonesOnly),
        AnswerCase("ni4hao3", "nǐ hǎo", "tone 3→4 ok", .tonesOnly),
        AnswerCase("nihao", "nǐ hǎo", "tone 3→5 tone 3→5", .tonesOnly),
        AnswerCase("ni3hao", "nǐ hǎo", "ok tone 3→5", .tonesOnly),
        AnswerCase("zhi1fu2bao3", "zhīfùbǎo", "ok tone 4→2 ok", .tonesOnly),
        AnswerCase("zhifubao", "zhīfùbǎo", "tone 1→5 tone 4→5 tone 3→5", .tonesOnly),
        AnswerCase("dian4zi3 shang4wu4", "diànzǐ shāngwù", "ok ok tone 1→4 ok", .tonesOnly),
        AnswerCase("ke3yi2", "kěyǐ", "ok tone 3→2", .tonesOnly),
        AnswerCase("beijing", "Běijīng", "tone 3→5 tone 1→5", .tonesOnly),
        AnswerCase("shier", "shí'èr", "tone 2→5 tone 4→5", .tonesOnly),
        AnswerCase("mai3", "mài", "tone 4→3", .tonesOnly),
        AnswerCase("mai4", "mǎi", "tone 3→4", .tonesOnly),
        AnswerCase("ding4dan1", "dìngdān", "ok ok", .correct),
        AnswerCase("ding1dan4", "dìngdān", "tone 4→1 tone 1→4", .tonesOnly),
        // ü is never u.
        AnswerCase("lu4", "lǜ", "lü4≠lu4", .wrong),
        AnswerCase("lv4", "lǜ", "ok", .correct),
        AnswerCase("lu:4", "lǜ", "ok", .correct),
        AnswerCase("lü4", "lǜ", "ok", .correct),
        AnswerCase("lǜ", "lǜ", "ok", .correct),
        AnswerCase("nu3er2", "nǚ'ér", "nü3≠nu3 ok", .wrong),
        AnswerCase("nv3er2", "nǚ'ér", "ok ok", .correct),
        AnswerCase("nǚér", "nǚ'ér", "ok ok", .correct),
        AnswerCase("nüer", "nǚ'ér", "nü3≠nüer -er2", .wrong),
        AnswerCase("lvxing2", "lǚxíng", "tone 3→5 ok", .tonesOnly),
        AnswerCase("lu3xing2", "lǚxíng", "lü3≠lu3 ok", .wrong),
        AnswerCase("ju2", "jú", "ok", .correct),
        AnswerCase("jv2", "jú", "ok", .correct),
        // Neutral tones.
        AnswerCase("xie4xie5", "xièxie", "ok ok", .correct),
        AnswerCase("xie4xie", "xièxie", "ok ok", .correct),
        AnswerCase("xie4xie0", "xièxie", "ok ok", .correct),
        AnswerCase("xie4xie4", "xièxie", "ok ~neutral(4)", .correct),
        AnswerCase("ma3", "ma", "~neutral(3)", .correct),
        AnswerCase("dong1xi1", "dōngxi", "ok ~neutral(1)", .correct),
        AnswerCase("dong1xi", "dōngxi", "ok ok", .correct),
        // Apostrophes and splitting.
        AnswerCase("xi1an1", "Xī'ān", "ok ok", .correct),
        AnswerCase("xi1'an1", "Xī'ān", "ok ok", .correct),
        AnswerCase("xian1", "Xī'ān", "Xi1≠xian1 -an1", .wrong),
        AnswerCase("xi'an", "Xī'ān", "tone 1→5 tone 1→5", .tonesOnly),
        AnswerCase("xian1", "xiān", "ok", .correct),
        AnswerCase("fang1an4", "fāng'àn", "ok ok", .correct),
        AnswerCase("fangan", "fāng'àn", "fang1≠fan an4≠gan", .wrong),
        AnswerCase("fan1gan4", "fāng'àn", "fang1≠fan1 an4≠gan4", .wrong),
        AnswerCase("shi2er4", "shí'èr", "ok ok", .correct),
        // Erhua.
        AnswerCase("dian3r", "diǎnr", "ok", .correct),
        AnswerCase("dianr3", "diǎnr", "ok", .correct),
        AnswerCase("dian3 r5", "diǎnr", "ok", .correct),
        AnswerCase("dian3 er5", "diǎnr", "ok", .correct),
        AnswerCase("dian3", "diǎnr", "dianr3≠dian3", .wrong),
        AnswerCase("na4r", "nàr", "ok", .correct),
        AnswerCase("nar4", "nà er", "ok ok", .correct),
        AnswerCase("yi1dian3", "yīdiǎnr", hanzi: "一点儿", "ok dianr3≠dian3", .wrong),
        AnswerCase("yi4dian3r", "yīdiǎnr", hanzi: "一点儿", "~spoken(4) ok", .correct),
        // Wrong, missing and extra syllables.
        AnswerCase("ni3", "nǐ hǎo", "ok -hao3", .wrong),
        AnswerCase("ni3hao3ma5", "nǐ hǎo", "ok ok +ma5", .wrong),
        AnswerCase("zi1fu4bao3", "zhīfùbǎo", "zhi1≠zi1 ok ok", .wrong),
        AnswerCase("dian4 shang1wu4", "diànzǐ shāngwù", "ok -zi3 ok ok", .wrong),
        AnswerCase("tui4huo4", "tuìkuǎn", "ok kuan3≠huo4", .wrong),
        AnswerCase("fu4kuang3", "fùkuǎn", "ok kuan3≠kuang3", .wrong),
        AnswerCase("bei3jin1", "Běijīng", "ok jing1≠jin1", .wrong),
        AnswerCase("zi1ci2", "zhīchí", "zhi1≠zi1 chi2≠ci2", .wrong),
        AnswerCase("si4", "shì", "shi4≠si4", .wrong),
        AnswerCase("", "nǐ hǎo", "-ni3 -hao3", .wrong),
        AnswerCase("你好", "nǐ hǎo", "ni3≠你好 -hao3", .wrong),
        AnswerCase("ni3xq", "nǐ hǎo", "ok hao3≠xq", .wrong),
        AnswerCase("wo3 yao4 tui4 kuan3", "tuìkuǎn", "+wo3 +yao4 ok ok", .wrong),
        // Tone sandhi, with and without the hanzi.
        AnswerCase("bu2shi4", "bù shì", hanzi: "不是", "~spoken(2) ok", .correct),
        AnswerCase("bu4shi4", "bù shì", hanzi: "不是", "ok ok", .correct),
        AnswerCase("bu2shi4", "bù shì", "tone 4→2 ok", .tonesOnly),
        AnswerCase("bu2hao3", "bù hǎo", hanzi: "不好", "tone 4→2 ok", .tonesOnly),
        AnswerCase("yi2ge4", "yī gè", hanzi: "一个", "~spoken(2) ok", .correct),
        AnswerCase("yi4tian1", "yī tiān", hanzi: "一天", "~spoken(4) ok", .correct),
        AnswerCase("yi2tian1", "yī tiān", hanzi: "一天", "tone 1→2 ok", .tonesOnly),
        AnswerCase("di4yi2", "dì yī", hanzi: "第一", "ok tone 1→2", .tonesOnly),
        AnswerCase("zhan2lan2guan3", "zhǎnlǎnguǎn", "~spoken(2) ~spoken(2) ok", .correct),
        AnswerCase("ke2yi3", "kěyǐ", "~spoken(2) ok", .correct),
        AnswerCase("hao2hao3 xue2xi2", "hǎohǎo xuéxí", "~spoken(2) ok ok ok", .correct),
        // Tone marks typed in the wrong place still say the same thing.
        AnswerCase("lìu", "liù", "ok", .correct),
        AnswerCase("gúi", "guí", "ok", .correct),
    ]

    @Test(arguments: cases)
    func checksLearnerAnswers(_ answer: AnswerCase) throws {
        let expected = try Pinyin(parsing: answer.expected)
        let check = AnswerChecker.check(
            typed: answer.typed, expected: expected, hanzi: answer.hanzi)
        #expect(summary(check.syllables) == answer.results)
        #expect(check.verdict == answer.verdict)
        #expect(check.isCorrect == (answer.verdict == .correct))
    }

    @Test func hasEnoughRealMistakes() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: [
        ("ni2hao3", "nǐ hǎo", "tone 3→2 ok", AnswerCheck.Verdict.tonesOnly),
        ("xie4xie4", "xièxie", "ok tone 5→4", .tonesOnly),
        ("xie4xie", "xièxie", "ok ok", .correct),
        ("ma3", "ma", "tone 5→3", .tonesOnly),
        ("zhan2lan2guan3", "zhǎnlǎnguǎn", "tone 3→2 tone 3→2 ok", .tonesOnly),
    ])
    func strictOptionsWantCitationTones(
        typed: String, expected: String, results: String, verdict: AnswerCheck.Verdict
    ) throws {
        let check = AnswerChecker.check(
            typed: typed, expected: try Pinyin(parsing: expected), options: .strict)
        #expect(summary(check.syllables) == results)
        #expect(check.verdict == verdict)
    }

    @Test func alternativesAreAcceptedAndReported() throws {
        let hao3 = try Pinyin(parsing: "hǎo")
        let hao4 = try Pinyin(parsing: "hào")
        let check = AnswerChecker.check(typed: "hao4", expected: hao3, alternatives: [hao4])
        #expect(check.verdict == .correct)
        #expect(check.expected == hao4)
        let miss = AnswerChecker.check(typed: "hao2", expected: hao3, alternatives: [hao4])
        #expect(miss.verdict == .tonesOnly)
        #expect(miss.expected == hao3)
    }

    @Test func explainsTypingThatIsNotPinyin() throws {
        let expected = try Pinyin(parsing: "nǐ hǎo")
        let check = AnswerChecker.check(typed: "ni3xq", expected: expected)
        #expect(check.typedProblem == .notASyllable("xq", position: 3))
        #expect(AnswerChecker.check(typed: "ni3hao3", expected: expected).typedProblem == nil)
    }

    @Test func perSyllableResultsNameTheExpectedSyllable() throws {
        let expected = try Pinyin(parsing: "mǎi dōngxi")
        let check = AnswerChecker.check(typed: "mai4 dong1", expected: expected)
        #expect(check.syllables.map { $0.expected?.toneNumbered } == ["mai3", "dong1", "xi5"])
        #expect(check.syllables.map(\.isAccepted) == [false, true, false])
    }

    /// Typed letters that are the answer's but split otherwise: without an apostrophe, a tone
    /// number or a tone mark before it, a syllable starting with a, o or e belongs to the one
    /// before (`xian` is 先 xiān), and after n or g the consonant goes to the next (`fangan` is
    /// fan-gan).
    static let splits: [(typed: String, expected: String, results: String, readsOtherwise: Bool)] =
        [
            ("xian1", "Xī'ān", "Xi1≠xian1 -an1", true),
            ("xian", "Xī'ān", "Xi1≠xian -an1", true),
            ("xi1an1", "Xī'ān", "ok ok", false),
            ("xi'an", "Xī'ān", "tone 1→5 tone 1→5", false),
            ("xi'an1", "Xī'ān", "tone 1→5 ok", false),
            ("xīān", "Xī'ān", "ok ok", false),
            ("xi an", "Xī'ān", "tone 1→5 tone 1→5", false),
            ("fangan", "fāng'àn", "fang1≠fan an4≠gan", true),
            ("fang'an", "fāng'àn", "tone 1→5 tone 4→5", false),
            ("fang1an4", "fāng'àn", "ok ok", false),
            ("dangan", "dàng'àn", "dang4≠dan an4≠gan", true),
            ("dang4an4", "dàng'àn", "ok ok", false),
            ("dàngàn", "dàng'àn", "dang4≠dàn an4≠gàn", true),
            ("xian1", "xiān", "ok", false),
            // Split on purpose, but the letters are the answer's: the same hint helps.
            ("fan1gan1", "fāng'àn", "fang1≠fan1 an4≠gan1", true),
            // No other reading: the break is clear without an apostrophe.
            ("tiananmen", "Tiān'ānmén", "tone 1→5 tone 1→5 tone 2→5", false),
        ]

    @Test(arguments: splits)
    func lettersSplitOtherwiseAreAWrongSyllable(
        _ split: (typed: String, expected: String, results: String, readsOtherwise: Bool)
    ) throws {
        let expected = try Pinyin(parsing: split.expected)
        let check = AnswerChecker.check(typed: split.typed, expected: expected)
        #expect(summary(check.syllables) == split.results)
        #expect(check.readsAsOtherSyllables == split.readsOtherwise)
        if split.readsOtherwise { #expect(check.verdict == .wrong) }
    }

    @Test func theBreakIsShownAsALearnerTypesIt() throws {
        let check = AnswerChecker.check(typed: "xian1", expected: try Pinyin(parsing: "Xī'ān"))
        #expect(check.expectedWithBreaks == "xi'an")
        #expect(check.typedReading?.toneMarked == "xiān")
    }
}
