import ChineseText

/// How the screen is drawn: colour depth and tone palette; plain when colour is off.
struct ScreenStyle: Sendable {
    let depth: ColorDepth
    let palette: TonePalette

    /// No colour and no emphasis: for pipes, `TERM=dumb`, `NO_COLOR` and `--no-color`.
    static let plain = ScreenStyle(depth: .monochrome, palette: .plain)

    /// The style for this terminal, from the environment (COLORTERM, TERM, NO_COLOR).
    static func detect(
        environment: [String: String], isTerminal: Bool, noColor: Bool, palette: TonePalette
    ) -> ScreenStyle {
        let term = environment["TERM"] ?? ""
        guard isTerminal, !noColor, environment["NO_COLOR"] == nil, term != "dumb" else {
            return .plain
        }
        let colorTerm = environment["COLORTERM"] ?? ""
        let depth: ColorDepth =
            colorTerm.contains("truecolor") || colorTerm.contains("24bit")
            ? .trueColor : term.contains("256") ? .ansi256 : .ansi16
        return ScreenStyle(depth: depth, palette: palette)
    }

    var isPlain: Bool { depth == .monochrome }

    func bold(_ text: String) -> String { isPlain ? text : "\u{1B}[1m\(text)\u{1B}[22m" }
    func dim(_ text: String) -> String { isPlain ? text : "\u{1B}[2m\(text)\u{1B}[22m" }
    func inverse(_ text: String) -> String { isPlain ? text : "\u{1B}[7m\(text)\u{1B}[27m" }

    /// Pinyin in tone colours, marks kept (colour is never the only cue).
    func pinyin(_ pinyin: Pinyin) -> String {
        isPlain ? pinyin.toneMarked : palette.colored(pinyin, depth: depth)
    }
}
