import ArgumentParser
import Foundation
import LianxiKit
import SpacedRepetition
import Storage

extension Lianxi {
    /// `lianxi simulate --retention 0.80,0.85,0.90,0.95 --days 365`: workload per retention.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Forecast your daily workload for several desired retentions.",
            discussion: """
                Starts from the associate's collection as it is (cards studied, with their \
                memory and due dates, and the new cards still waiting) and their FSRS \
                parameters, and forecasts for each desired retention the expected reviews and \
                minutes a day and the cards known at the end. The learner and the answer \
                times are those of fsrs-rs's simulator; the forecast is an expectation, not a \
                random draw, so it is the same on every run.
                """)

        @OptionGroup var options: StudyOptions

        @Option(
            help: ArgumentHelp(
                "Desired retentions to compare, between 0.70 and 0.99.", valueName: "list"))
        var retention = "0.80,0.85,0.90,0.95"

        @Option(help: "Days to forecast, from today (1-3650).")
        var days = 365

        @Option(
            name: .customLong("new-per-day"),
            help: ArgumentHelp(
                "New cards a day (default: the associate's setting).", valueName: "n"))
        var newPerDay: Int?

        @Option(
            name: .customLong("minutes-per-day"),
            help: ArgumentHelp(
                "Stop each day after this many minutes (default: no limit).",
                valueName: "n"))
        var minutesPerDay: Double?

        func validate() throws {
            _ = try request()
        }

        /// The request the options describe, or every problem with them.
        func request() throws -> CollectionForecast.Request {
            switch CollectionForecast.Request.parse(
                retentionList: retention, days: days, newCardsPerDay: newPerDay,
                minutesPerDay: minutesPerDay)
            {
            case .success(let request): return request
            case .failure(let problems): throw ValidationError(problems.description)
            }
        }

        func run() throws {
            let request = try request()
            let (database, associate) = try options.existingAssociate()
            guard associate.scheduler == .fsrs else {
                throw CommandRefusal(
                    "\(associate.name) is scheduled by SM-2, and the forecast models FSRS (its "
                        + "desired retention is what it compares); `lianxi associate set "
                        + "\(associate.name) --scheduler fsrs` switches to FSRS.")
            }
            if let stored = associate.unreadableParameters {
                throw CommandRefusal(
                    "\(UnreadableParameters(associate: associate.name, stored: stored))")
            }
            let parameters: Parameters
            do {
                parameters = try associate.fsrsParameters.map { try Parameters($0) } ?? .default
            } catch {
                throw CommandRefusal(
                    "The FSRS parameters stored for \(associate.name) are not valid: \(error)")
            }
            let now = Date()
            // Every card begun, of any kind; new ones only of the kinds the associate studies.
            let studied = try database.dueCards(
                for: associate.id, by: .distantFuture,
                filter: StudyFilter(kinds: Set(CardKind.allCases)))
            let newCount = try database.newCards(
                for: associate.id, at: .distantFuture, limit: Int(Int32.max),
                filter: StudyFilter(kinds: associate.studiedKinds)
            ).count
            let forecast = CollectionForecast(
                studied: studied.compactMap(\.progress.whole?.state), newCardCount: newCount,
                parameters: parameters,
                newCardsPerDay: associate.newCardsPerDay,
                reviewsPerDay: associate.maxReviewsPerDay, dayCounting: associate.dayCounting,
                now: now, request: request)
            Console.print(
                forecast.summary(
                    associateName: associate.name,
                    hasFittedParameters: associate.fsrsParameters != nil),
                terminator: "")
            Console.print()
            let report = WorkloadReport(
                forecasts: try forecast.forecasts(),
                currentRetention: associate.desiredRetention)
            Console.print(report.text, terminator: "")
        }
    }
}
