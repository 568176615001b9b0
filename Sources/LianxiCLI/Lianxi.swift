import ArgumentParser

/// The root command: `lianxi`, which studies today's cards when given no command.
@main
struct Lianxi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lianxi",
        abstract: "Learn business and e-commerce Chinese by spaced repetition.",
        version: "0.1.0",
        // In the order people reach for them: an associate's day, their own numbers, the
        // trainer's and the academy's tools, then maintenance.
        subcommands: [
            Review.self, Status.self, Stats.self, Optimize.self, Simulate.self, Deck.self,
            AssociateCommand.self, Sync.self, Report.self, ExportCommand.self,
            ImportCommand.self, Lookup.self, Intervals.self, Doctor.self,
        ],
        defaultSubcommand: Review.self
    )
}
