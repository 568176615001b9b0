/// A tone colour scheme: one colour per tone, as learners know them from their dictionaries.
///
/// Colour is never the only cue: the styled text keeps its tone marks or numbers, for colour-blind
/// learners and for terminals without colour.
public enum TonePalette: String, Hashable, Sendable, CaseIterable {
    /// Pleco's default: red, green, blue, purple, grey.
    case pleco
    /// Mark Dummitt's scheme, the default of Anki's Chinese Support add-on: red, orange, green,
    /// blue, grey.
    case dummitt
    /// Hanping's default: blue, green, orange, red, grey.
    case hanping
    /// No colours.
    case plain

    /// The colour of `tone`, or `nil` for the plain palette.
    public func color(for tone: Tone) -> TerminalColor? {
        switch (self, tone) {
        case (.plain, _): nil
        case (.pleco, .first): TerminalColor(hex: 0xE30000, basic: .red)
        case (.pleco, .second): TerminalColor(hex: 0x02B31C, basic: .green)
        case (.pleco, .third): TerminalColor(hex: 0x1510F0, basic: .blue)
        case (.pleco, .fourth): TerminalColor(hex: 0x8900BF, basic: .magenta)
        case (.pleco, .neutral): TerminalColor(hex: 0x777777, basic: .brightBlack)
        case (.dummitt, .first): TerminalColor(hex: 0xEE363E, basic: .red)
        case (.dummitt, .second): TerminalColor(hex: 0xF47C36, basic: .yellow)
        case (.dummitt, .third): TerminalColor(hex: 0x73BB4F, basic: .green)
        case (.dummitt, .fourth): TerminalColor(hex: 0x649CD3, basic: .blue)
        case (.dummitt, .neutral): TerminalColor(hex: 0xA0A0A0, basic: .brightBlack)
        case (.hanping, .first): TerminalColor(hex: 0x64B4FF, basic: .brightBlue)
        case (.hanping, .second): TerminalColor(hex: 0x30B030, basic: .green)
        case (.hanping, .third): TerminalColor(hex: 0xF08000, basic: .yellow)
        case (.hanping, .fourth): TerminalColor(hex: 0xD00020, basic: .red)
        case (.hanping, .neutral): TerminalColor(hex: 0xA0A0A0, basic: .brightBlack)
        }
    }

    /// The terminal style for `tone` at the given colour depth; plain when there is no colour.
    public func style(for tone: Tone, depth: ColorDepth) -> TerminalStyle {
        guard let color = color(for: tone) else { return .plain }
        return TerminalStyle(foreground: color, depth: depth)
    }

    /// The syllable with tone marks, in the colour of its tone.
    public func colored(_ syllable: PinyinSyllable, depth: ColorDepth) -> String {
        style(for: syllable.tone, depth: depth).apply(to: syllable.toneMarked)
    }

    /// The pinyin written as asked, each syllable in the colour of its tone.
    ///
    /// Pass the spoken form from ``ToneSandhi/spoken(_:hanzi:)`` to colour the tones as said.
    public func colored(
        _ pinyin: Pinyin, depth: ColorDepth, notation: Pinyin.Notation = .toneMarks,
        spacing: Pinyin.Spacing = .asWritten
    ) -> String {
        pinyin.rendered(notation, spacing: spacing) { syllable, text in
            style(for: syllable.tone, depth: depth).apply(to: text)
        }
    }
}
