import ArgumentParser
import Foundation
import LianxiKit
import Storage

extension Lianxi {
    /// `lianxi review` (and `lianxi` alone): today's session.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Study today's cards (what `lianxi` alone does).",
            discussion: """
                In a terminal: Space or Enter shows the answer, 1-4 grade it (Again, Hard, Good, \
                Easy), u undoes the last answer, b buries the word until tomorrow, s suspends \
                the card, i shows its history, ? shows help, q, Esc or Ctrl-C stop. Every \
                answer is saved at once.

                Without a terminal (a pipe or a script), one line per answer: a grade (1-4 or \
                again/hard/good/easy) for cards you read; for cards you type, the typed answer, \
                then a grade or an empty line to take the proposed grade. u, b, s and q work \
                as in the terminal; the end of input stops.
                """)

        @OptionGroup var options: StudyOptions

        @Option(name: .customLong("deck"), help: "Only this deck (repeatable): its slug.")
        var decks: [String] = []

        @Option(help: "At most this many cards in this session.")
        var limit: Int?

        @Option(name: .customLong("new"), help: "New cards today, instead of your daily setting.")
        var newCards: Int?

        @Option(
            name: .customLong("only"),
            help: ArgumentHelp(
                "Only these kinds of card (repeatable): recognition, production, pinyin,"
                    + " listening.",
                discussion: "Listening cards are studied only with --only listening, or by"
                    + " associates who turned them on (`associate set NAME --listening on`)."))
        var kinds: [CardKindArgument] = []

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
            if let newCards, newCards < 0 { throw ValidationError("--new cannot be negative.") }
        }

        func run() throws {
            let database = try options.database.open()
            try database.limitPageCache(toMebibytes: DailyReview.pageCacheMebibytes)
            let now = Clock.now()
            let report = try FirstRun.prepare(
                database, associateName: options.associateName,
                timeZone: TimeZone.current.identifier, at: now)
            var introduction: [String] = []
            if report.isNewAssociate {
                introduction.append(
                    "Welcome, \(report.associate.displayName)! Your progress is saved in "
                        + "\(options.database.resolvedPath).")
            }
            if !report.loadedDecks.isEmpty {
                let words = report.loadedDecks.reduce(0) { $0 + $1.added.count + $1.changed.count }
                let decks = report.loadedDecks.count
                introduction.append(
                    "Loaded \(decks) deck\(decks == 1 ? "" : "s") (\(words) words).")
            }
            let known = decks.isEmpty ? [] : Set(try database.deckMetadata().map(\.slug))
            if let unknown = decks.first(where: { !known.contains($0) }) {
                throw ValidationError(
                    "There is no deck \"\(unknown)\". Decks: \(known.sorted().joined(separator: ", "))."
                )
            }
            let filter = StudyFilter(
                decks: decks.isEmpty ? nil : decks,
                kinds: kinds.isEmpty
                    ? report.associate.studiedKinds : Set(kinds.map(\.kind)))
            let review = try DailyReview(
                associate: report.associate, database: database,
                options: DailyReview.Options(filter: filter, limit: limit, newCards: newCards),
                now: now)
            // Players and espeak-ng are looked for once, at start, when the session will play
            // words; a missing one is one line, and the session goes on.
            var speaker: Speaker?
            if report.associate.playsAudio || filter.kinds.contains(.listening) {
                let found = Speaker(
                    environment: ProcessInfo.processInfo.environment, database: database)
                if let notice = found.takeStartNotice() { introduction.append(notice) }
                speaker = found
            }
            var loop = ReviewLoop(
                review: review, noColor: options.noColor, introduction: introduction,
                speaker: speaker)
            try loop.run()
        }
    }
}

/// A kind of card named on the command line.
struct CardKindArgument: ExpressibleByArgument {
    let kind: CardKind

    init?(argument: String) {
        guard let kind = CardKind(rawValue: argument.lowercased()) else { return nil }
        self.kind = kind
    }

    static var allValueStrings: [String] { CardKind.allCases.map(\.rawValue) }
}

/// The wall clock, to the millisecond (the database keeps milliseconds, so replays of the log
/// meet the same times).
enum Clock {
    static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
