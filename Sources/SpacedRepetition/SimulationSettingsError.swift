/// Why a workload simulation was refused; lists every problem.
public struct SimulationSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One line per problem.
    public let problems: [String]

    /// All problems, one per line.
    public var description: String {
        "The simulation settings are not valid:\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
