import ChineseText
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

/// `lianxi optimize` and `lianxi simulate`, run as whole programs on a small database.
@Suite(.serialized) struct TuningCommandsTests {
    /// A database file in which `ana` studied 120 cards of a 60-note deck for 90 days from
    /// 1 June 2026 as a `SimulatedLearner`, `li` (on SM-2) the same on 40 of the cards, and `new`
    /// nothing.
    static func studiedDatabase(in folder: URL, days: Int = 90) throws -> String {
        let path = folder.appendingPathComponent("lianxi.sqlite").path
        let database = try StudyDatabase.open(at: path)
        let start = Date.utc(2026, 6, 1, 1)
        let notes = (1...60).map { number in
            NoteContent(
                key: "w-\(number)", hanzi: "词\(number)", pinyin: "cí", english: "word \(number)",
                partOfSpeech: "noun")
        }
        try database.importDeck(
            DeckContent(
                metadata: DeckMetadata(slug: "words", title: "Words", source: "words.tsv"),
                notes: notes),
            at: start)
        let associate = try database.registerAssociate(
            named: "ana", timeZone: "Asia/Shanghai", at: start
        ).associate
        var li = try database.registerAssociate(named: "li", timeZone: "UTC", at: start).associate
        li.scheduler = .sm2
        try database.update(li)
        _ = try database.registerAssociate(named: "new", timeZone: "UTC", at: start)

        let ids = try database.cardIds(inDeck: "words")
        let cardIds = (1...40).flatMap { number in
            CardKind.allCases.filter(CardKind.usual.contains).compactMap { ids["w-\(number)"]?[$0] }
        }
        #expect(cardIds.count == 120)
        let answers = try SimulatedLearner().answers(
            cardCount: cardIds.count, newPerDay: 6, days: days, start: start, seed: 5)
        var reviews: [PastReview] = []
        for (cardId, cardAnswers) in zip(cardIds, answers) {
            for (index, answer) in cardAnswers.enumerated() {
                reviews.append(
                    PastReview(
                        id: "\(cardId)-\(index)", cardId: cardId, reviewedAt: answer.time,
                        rating: answer.rating, duration: 8))
            }
        }
        try HistoryMerge.merge(reviews, into: database, for: associate)
        let liCards = Set(cardIds.prefix(40))
        let liReviews = reviews.filter { liCards.contains($0.cardId) }.map {
            PastReview(
                id: "li-\($0.id)", cardId: $0.cardId, reviewedAt: $0.reviewedAt,
                rating: $0.rating, duration: $0.duration)
        }
        try HistoryMerge.merge(liReviews, into: database, for: li)
        return path
    }

    @Test func optimizeDryRunPrintsBothScoresAndChangesNothing() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.studiedDatabase(in: folder)
        let database = try StudyDatabase.open(at: path)
        let before = try #require(try database.associate(named: "ana"))
        let progressBefore = try database.progress(for: before.id)

        let result = try BuiltProgram.run(
            ["optimize", "--db", path, "--associate", "ana", "--dry-run"], input: "")

        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("FSRS-6 parameters for ana, fitted to"))
        #expect(result.output.contains("current (defaults)"))
        #expect(result.output.contains("log loss   RMSE(bins)"))
        #expect(result.output.contains("All 21 parameters were fitted."))
        #expect(result.output.contains("Dry run: nothing was changed."))
        // No progress bar: standard error is not a terminal here.
        #expect(!result.output.contains("Fitting FSRS parameters"))
        #expect(result.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let after = try #require(try database.associate(named: "ana"))
        #expect(after == before)
        #expect(try database.progress(for: before.id) == progressBefore)
    }

    /// The learner's memory is unlike the defaults: the fit is better, so it is saved and every
    /// card is rebuilt from its log with it, in one go; a second run keeps what is there.
    @Test func optimizeSavesBetterParametersAndReschedules() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.studiedDatabase(in: folder)
        let database = try StudyDatabase.open(at: path)
        let before = try #require(try database.associate(named: "ana"))
        let progressBefore = try database.progress(for: before.id)

        let result = try BuiltProgram.run(["optimize", "--db", path, "--as", "ana"], input: "")

        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("The fitted parameters predict ana's answers better"))
        #expect(result.output.contains("Saved them, and rescheduled 120 cards"))
        let after = try #require(try database.associate(named: "ana"))
        let saved = try #require(after.fsrsParameters)
        #expect(saved != Parameters.default.values)
        #expect(try Parameters(saved).count == 21)
        let progressAfter = try database.progress(for: before.id)
        #expect(progressAfter.count == progressBefore.count)
        #expect(progressAfter != progressBefore)
        #expect(try ReplayCheck.mismatches(in: database, for: after).isEmpty)
        #expect(try database.reviewLog(for: before.id).count > 0)

        let again = try BuiltProgram.run(["optimize", "--db", path, "--as", "ana"], input: "")
        #expect(again.status == 0, "\(again.output)")
        #expect(!again.output.contains("current (defaults)"))
        // Whatever the second run chose, the card states are the replay under what is stored.
        let latest = try #require(try database.associate(named: "ana"))
        #expect(latest.fsrsParameters != nil)
        #expect(try ReplayCheck.mismatches(in: database, for: latest).isEmpty)
    }

    /// On SM-2 a dry run still shows what FSRS would fit, and says why nothing would be saved.
    @Test func optimizeDryRunOnSM2ShowsTheFitAndChangesNothing() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.studiedDatabase(in: folder)
        let database = try StudyDatabase.open(at: path)
        let before = try #require(try database.associate(named: "li"))
        let progressBefore = try database.progress(for: before.id)

        let result = try BuiltProgram.run(
            ["optimize", "--db", path, "--as", "li", "--dry-run"], input: "")

        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("FSRS-6 parameters for li, fitted to"))
        #expect(result.output.contains("log loss   RMSE(bins)"))
        #expect(
            result.output.replacingOccurrences(of: "\n", with: " ").contains(
                "Nothing was changed: li is scheduled by SM-2, which does not use FSRS parameters."
            ))
        #expect(try database.associate(named: "li") == before)
        #expect(try database.progress(for: before.id) == progressBefore)
    }

    @Test func simulatePrintsATableAndAChartForEachRetention() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.studiedDatabase(in: folder)

        let result = try BuiltProgram.run(
            [
                "simulate", "--db", path, "--as", "ana", "--retention", "0.80,0.85,0.90,0.95",
                "--days", "365",
            ], input: "")

        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.terminalColumns <= 80 }, "\(result.output)")
        #expect(result.output.contains("Workload for ana over the next 365 days, from 120 cards"))
        #expect(result.output.contains("reviews a day"))
        for retention in ["0.80", "0.85", "0.95"] {
            #expect(lines.contains { $0.hasPrefix("  \(retention)  ") })
        }
        #expect(lines.contains { $0.hasPrefix("* 0.90") })
        #expect(result.output.contains("day 365"))
        #expect(lines.contains { $0.contains("█") })

        // A time limit and a new-card pace of one's own are taken.
        let limited = try BuiltProgram.run(
            [
                "simulate", "--db", path, "--as", "ana", "--retention", "0.9", "--days", "30",
                "--new-per-day", "0", "--minutes-per-day", "5",
            ], input: "")
        #expect(limited.status == 0, "\(limited.output)")
        let summary = limited.output.replacingOccurrences(of: "\n", with: " ")
        #expect(summary.contains("from 120 cards studied and 60 new, with 0 new a day"))
        #expect(summary.contains("at most 5 minutes a day"))
    }

    @Test(arguments: [
        (["simulate", "--retention", "0.5,0.9"], "--retention 0.50 is outside 0.70-0.99"),
        (["simulate", "--retention", "0.9,abc"], "\"abc\" is not a number"),
        (["simulate", "--days", "0"], "--days must be from 1 to 3650, not 0"),
        (["simulate", "--days", "5000"], "--days must be from 1 to 3650, not 5000"),
        (["simulate", "--as", "zoe"], "There is no associate \"zoe\""),
        (["optimize", "--as", "zoe"], "Associates: ana, li, new"),
        (["optimize", "--as", "new"], "there are 0 (out of 0 answers in all)"),
        (["optimize", "--as", "li"], "scheduled by SM-2, which does not use FSRS parameters"),
        (
            ["simulate", "--as", "li"],
            "`lianxi associate set li --scheduler fsrs` switches to FSRS"
        ),
    ])
    func badRequestsGetAClearMessageAndChangeNothing(arguments: [String], message: String)
        throws
    {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.studiedDatabase(in: folder, days: 20)
        let database = try StudyDatabase.open(at: path)
        let associatesBefore = try database.associates()

        let result = try BuiltProgram.run(arguments + ["--db", path], input: "")

        #expect(result.status != 0)
        #expect(result.output.contains(message), "\(result.output)")
        #expect(try database.associates() == associatesBefore)
    }

    @Test func aMissingDatabaseIsNotCreated() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("none.sqlite").path
        for command in ["optimize", "simulate"] {
            let result = try BuiltProgram.run([command, "--db", path, "--as", "ana"], input: "")
            #expect(result.status != 0)
            #expect(result.output.contains("There is no database at \(path) yet"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
