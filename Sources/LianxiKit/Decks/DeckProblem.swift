/// One thing wrong in a deck file: where it is and what to do about it.
public struct DeckProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file, as the person named it.
    public let file: String
    /// The line the problem is on, from 1; `nil` when it concerns the whole file or a package.
    public let line: Int?
    /// What is wrong and how to fix it.
    public let message: String

    /// Creates a problem found in `file`, on `line` if it has one.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` without a line.
    public var description: String {
        if let line {
            "\(file):\(line): \(message)"
        } else {
            "\(file): \(message)"
        }
    }
}
