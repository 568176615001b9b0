/// ANSI escape sequences that start a text style and end it.
public struct TerminalStyle: Hashable, Sendable {
    /// The sequence that turns the style on; empty for no style.
    public let start: String
    /// The sequence that turns the style off; empty for no style.
    public let reset: String

    /// No styling at all.
    public static let plain = TerminalStyle(start: "", reset: "")

    /// Makes a style from its start and reset sequences.
    public init(start: String, reset: String) {
        self.start = start
        self.reset = reset
    }

    /// A foreground colour; the reset restores the default foreground only, so bold or underline
    /// around it survive.
    public init(foreground color: TerminalColor, depth: ColorDepth) {
        let escape = "\u{1B}["
        switch depth {
        case .trueColor:
            self.init(
                start: "\(escape)38;2;\(color.red);\(color.green);\(color.blue)m",
                reset: "\(escape)39m")
        case .ansi256:
            self.init(start: "\(escape)38;5;\(color.ansi256Index)m", reset: "\(escape)39m")
        case .ansi16:
            self.init(start: "\(escape)\(color.basic.rawValue)m", reset: "\(escape)39m")
        case .monochrome:
            self = .plain
        }
    }

    /// Whether the style changes nothing.
    public var isPlain: Bool { start.isEmpty && reset.isEmpty }

    /// The text wrapped in the style.
    public func apply(to text: String) -> String {
        start + text + reset
    }
}
