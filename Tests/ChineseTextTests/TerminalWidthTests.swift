import ChineseText
import Testing

@Suite("Terminal width")
struct TerminalWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("你好", 4), ("nǐ hǎo", 6), ("n\u{30C}i", 2),
        ("lǜ", 2), ("lu\u{308}\u{300}", 2), ("你好 nǐ hǎo", 11), ("退款：nǐ", 8),
        ("，。！？", 8), ("ｎｉ３", 6), ("👍", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇨🇳", 2),
        ("❤️", 2), ("☺", 1), ("한국", 4), ("カタカナ", 8), ("\u{301}", 0), ("a\u{200B}b", 2),
        ("\u{1B}[31m红\u{1B}[39m", 2), ("\u{1B}[38;2;1;2;3mx\u{1B}[0m", 1), ("\t", 0),
        ("支付宝 zhīfùbǎo 👍", 18), ("𠀀", 2), ("ê̄", 1), ("m̀", 1),
    ])
    func columns(text: String, columns: Int) {
        #expect(TerminalWidth.columns(of: text) == columns)
        #expect(text.terminalColumns == columns)
    }

    @Test func paddingLinesUpHanziAndLatin() {
        let rows = ["支付", "zhīfù", "退款申请", "OK 👍"].map { $0.padded(to: 10) + "|" }
        #expect(rows.allSatisfy { $0.terminalColumns == 11 })
        #expect("支付".padded(to: 6) == "支付  ")
        #expect("支付".padded(to: 6, alignment: .right) == "  支付")
        #expect("支付".padded(to: 7, alignment: .center) == " 支付  ")
        #expect("支付宝".padded(to: 4) == "支付宝")
    }

    @Test(arguments: [
        ("你好世界", 5, "你好…"), ("你好世界", 4, "你…"), ("你好世界", 8, "你好世界"),
        ("nǐhǎo", 4, "nǐh…"), ("ab", 0, ""), ("你好", 1, "…"), ("👍👍👍", 5, "👍👍…"),
    ])
    func truncationNeverSplitsACharacter(text: String, columns: Int, result: String) {
        let cut = text.truncated(to: columns)
        #expect(cut == result)
        #expect(cut.terminalColumns <= columns)
    }

    @Test func truncationKeepsEscapeSequences() {
        let styled = "\u{1B}[31m退款申请\u{1B}[39m"
        let cut = styled.truncated(to: 5)
        #expect(cut == "\u{1B}[31m退款…\u{1B}[39m")
        #expect(cut.terminalColumns == 5)
        #expect("你好".truncated(to: 1, ellipsis: "...") == "")
    }
}
