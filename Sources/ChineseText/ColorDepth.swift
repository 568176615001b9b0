/// How many colours a terminal can show.
public enum ColorDepth: Hashable, Sendable, CaseIterable {
    /// 24-bit colour (`COLORTERM=truecolor`).
    case trueColor
    /// The xterm 256-colour palette.
    case ansi256
    /// The 16 basic ANSI colours.
    case ansi16
    /// No colour at all (not a terminal, `TERM=dumb`, `NO_COLOR`).
    case monochrome
}
