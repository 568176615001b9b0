import ArgumentParser
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi status`: one screen of what is waiting today.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show what is due today, new cards available, your streak and the week.")

        @OptionGroup var options: StudyOptions

        @Flag(help: "Print the numbers as JSON (the same as `lianxi stats --json`).")
        var json = false

        func run() throws {
            guard !json else {
                return try StatisticsCommand.show(
                    options, json: true, screen: StatisticsScreen.stats)
            }
            // The screen's numbers only: counted in the indexes, without reading every answer.
            let (database, associate) = try StatisticsCommand.associate(options)
            let status = try StudyStatus(of: associate, in: database, now: Clock.now())
            let lines = StatisticsScreen.status(
                status, displayName: associate.displayName, style: StatisticsCommand.style(options))
            Console.writeScreen(lines.map { $0 + "\n" }.joined())
        }
    }

    /// `lianxi stats`: every statistic.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show your statistics: activity, retention, forecast, coverage, hard words.",
            discussion: """
                True retention is the share of answers to cards on review that were not Again, \
                young cards (interval under 21 days) and mature ones apart. A card is known \
                once it is on review with an interval of 21 days or more.
                """)

        @OptionGroup var options: StudyOptions

        @Flag(help: "Print the numbers as JSON (keys sorted, times in UTC).")
        var json = false

        func run() throws {
            try StatisticsCommand.show(options, json: json, screen: StatisticsScreen.stats)
        }
    }
}

/// What `status` and `stats` share: reading the associate's statistics.
enum StatisticsCommand {
    /// Prints the associate's statistics as JSON, or as `screen` draws them.
    static func show(
        _ options: StudyOptions, json: Bool,
        screen: (StudyStatistics, _ displayName: String, _ style: ScreenStyle) -> [String]
    ) throws {
        let (statistics, associate) = try load(options)
        if json {
            Console.printData(try statistics.json())
        } else {
            // Styled lines, composed of text shown before it was measured (StatisticsScreen).
            let lines = screen(statistics, associate.displayName, style(options))
            Console.writeScreen(lines.map { $0 + "\n" }.joined())
        }
    }

    static func load(_ options: StudyOptions) throws -> (StudyStatistics, Associate) {
        let (database, associate) = try Self.associate(options)
        // The answers' tally per quarter hour, not every answer: the same statistics.
        let snapshot = try database.studySnapshot(for: associate.id, detail: .quarterHours)
        return (
            try StudyStatistics(snapshot: snapshot, associate: associate, now: Clock.now()),
            associate
        )
    }

    /// The database and the associate the options name.
    static func associate(_ options: StudyOptions) throws -> (StudyDatabase, Associate) {
        let database = try options.database.open()
        let name = options.associateName
        guard let associate = try database.associate(named: name) else {
            throw ValidationError(
                "There is no associate \"\(name)\" in \(options.database.resolvedPath) yet. "
                    + "Run `lianxi --as \(name)` to start studying, or choose another with --as.")
        }
        return (database, associate)
    }

    static func style(_ options: StudyOptions) -> ScreenStyle {
        ScreenStyle.detect(
            environment: ProcessInfo.processInfo.environment,
            isTerminal: isatty(STDOUT_FILENO) == 1, noColor: options.noColor, palette: .plain)
    }
}
