/// Every problem found in a deck file: reading never stops at the first one.
public struct DeckProblems: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in the order of the file.
    public let problems: [DeckProblem]

    /// Wraps `problems`, which should not be empty.
    public init(_ problems: [DeckProblem]) {
        self.problems = problems
    }

    /// A single problem.
    init(file: String, line: Int? = nil, _ message: String) {
        self.init([DeckProblem(file: file, line: line, message: message)])
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
