import ArgumentParser

/// The root command: `lianxi`.
@main
struct Lianxi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lianxi",
        abstract: "Learn business and e-commerce Chinese by spaced repetition.",
        version: "0.1.0",
        subcommands: [Intervals.self]
    )
}
