import ArgumentParser
import Foundation
import LianxiKit
import SpacedRepetition

extension Lianxi {
    /// `lianxi intervals good good again good`: how a card would be scheduled.
    struct Intervals: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "intervals",
            abstract: "Show how a card is scheduled for a sequence of answers.",
            discussion: """
                Answers a new card with the given ratings, each when it comes due, and prints \
                the phase, the next interval, the memory and the chance of recall before each \
                answer. Ratings: again, hard, good, easy (or 1-4).
                """)

        @Argument(help: "The answers, in order: again, hard, good, easy or 1-4.")
        var ratings: [RatingArgument]

        @Option(help: "The scheduler: fsrs or sm2.")
        var scheduler: SchedulerChoice = .fsrs

        @Option(help: "Desired retention for FSRS, between 0.70 and 0.99.")
        var retention: Double = 0.9

        @Flag(help: "Fuzz review intervals, as real scheduling does.")
        var fuzz = false

        func validate() throws {
            guard (0.7...0.99).contains(retention) else {
                throw ValidationError(
                    "--retention must lie between 0.70 and 0.99, got \(retention).")
            }
        }

        func run() throws {
            let start = Date()
            let walkthrough: AnswerWalkthrough
            switch scheduler {
            case .fsrs:
                let fsrs = try FSRSScheduler(desiredRetention: retention, fuzzesIntervals: fuzz)
                walkthrough = AnswerWalkthrough(
                    ratings: ratings.map(\.rating), scheduler: fsrs, start: start)
            case .sm2:
                var sm2 = SM2Scheduler()
                sm2.fuzzesIntervals = fuzz
                walkthrough = AnswerWalkthrough(
                    ratings: ratings.map(\.rating), scheduler: sm2, start: start)
            }
            Console.print(IntervalsTable(walkthrough: walkthrough).text, terminator: "")
        }
    }
}

/// A rating typed on the command line: a name or 1-4.
struct RatingArgument: ExpressibleByArgument {
    let rating: Rating

    init?(argument: String) {
        let names: [String: Rating] = [
            "again": .again, "hard": .hard, "good": .good, "easy": .easy,
        ]
        if let rating = names[argument.lowercased()] ?? Int(argument).flatMap(Rating.init) {
            self.rating = rating
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .list(["again", "hard", "good", "easy"]) }
}

/// Which algorithm schedules the cards.
enum SchedulerChoice: String, ExpressibleByArgument, CaseIterable {
    case fsrs
    case sm2
}
