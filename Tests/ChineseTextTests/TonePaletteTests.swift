import ChineseText
import Testing

@Suite("Tone colours")
struct TonePaletteTests {
    @Test func plecoThirdToneInEveryDepth() {
        let palette = TonePalette.pleco
        #expect(
            palette.style(for: .third, depth: .trueColor)
                == TerminalStyle(start: "\u{1B}[38;2;21;16;240m", reset: "\u{1B}[39m"))
        #expect(palette.style(for: .third, depth: .ansi16).start == "\u{1B}[34m")
        #expect(palette.style(for: .third, depth: .ansi256).start == "\u{1B}[38;5;21m")
        #expect(palette.style(for: .third, depth: .monochrome) == .plain)
    }

    @Test(arguments: [
        (TonePalette.pleco, [TerminalColor.Basic.red, .green, .blue, .magenta, .brightBlack]),
        (.dummitt, [.red, .yellow, .green, .blue, .brightBlack]),
        (.hanping, [.brightBlue, .green, .yellow, .red, .brightBlack]),
    ])
    func sixteenColourStandIns(palette: TonePalette, basics: [TerminalColor.Basic]) {
        #expect(Tone.allCases.map { palette.color(for: $0)?.basic } == basics)
    }

    @Test(arguments: [TonePalette.pleco, .dummitt, .hanping])
    func tonesStayDistinctAtEveryDepth(palette: TonePalette) {
        for depth in [ColorDepth.trueColor, .ansi256, .ansi16] {
            let starts = Set(Tone.allCases.map { palette.style(for: $0, depth: depth).start })
            #expect(starts.count == 5, "\(palette) at \(depth)")
        }
    }

    @Test func dummittUsesItsPublishedColours() {
        let orange = TonePalette.dummitt.color(for: .second)
        #expect(orange.map { [$0.red, $0.green, $0.blue] } == [0xF4, 0x7C, 0x36])
        #expect(TonePalette.dummitt.color(for: .neutral)?.ansi256Index == 247)
        #expect(TonePalette.pleco.color(for: .neutral)?.ansi256Index == 243)
    }

    @Test func plainPaletteAddsNothing() throws {
        let pinyin = try Pinyin(parsing: "nǐ hǎo")
        #expect(TonePalette.plain.colored(pinyin, depth: .trueColor) == "nǐ hǎo")
        #expect(TonePalette.plain.color(for: .first) == nil)
    }

    @Test func colouredPinyinKeepsMarksAndApostrophes() throws {
        let pinyin = try Pinyin(parsing: "Xī'ān ma")
        let red = "\u{1B}[31m"
        let grey = "\u{1B}[90m"
        let reset = "\u{1B}[39m"
        #expect(
            TonePalette.pleco.colored(pinyin, depth: .ansi16)
                == "\(red)Xī\(reset)'\(red)ān\(reset) \(grey)ma\(reset)")
        #expect(
            TonePalette.pleco.colored(pinyin, depth: .ansi16, notation: .toneNumbers)
                == "\(red)Xi1\(reset)\(red)an1\(reset) \(grey)ma5\(reset)")
        let syllable = try PinyinSyllable(parsing: "lv4")
        #expect(TonePalette.pleco.colored(syllable, depth: .ansi16) == "\u{1B}[35mlǜ\(reset)")
        #expect(TonePalette.pleco.colored(pinyin, depth: .ansi16).terminalColumns == 8)
    }

    @Test func styleWrapsText() {
        let style = TerminalStyle(start: "<", reset: ">")
        #expect(style.apply(to: "hǎo") == "<hǎo>")
        #expect(TerminalStyle.plain.isPlain)
        #expect(TonePalette(rawValue: "dummitt") == .dummitt)
    }
}
