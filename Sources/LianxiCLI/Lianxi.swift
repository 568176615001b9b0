import ArgumentParser

/// The root command: `lianxi`, which studies today's cards when given no command.
@main
struct Lianxi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lianxi",
        abstract: "Learn business and e-commerce Chinese by spaced repetition.",
        version: "0.1.0",
        subcommands: [
            Review.self, Deck.self, Intervals.self, AssociateCommand.self, ExportCommand.self,
            ImportCommand.self, Optimize.self, Simulate.self, Status.self, Stats.self,
            Report.self, Doctor.self,
        ],
        defaultSubcommand: Review.self
    )
}
