import AcademyProtocol
import Foundation
import PostgresNIO
import SpacedRepetition
import Storage
import Testing

@testable import AcademyServer
@testable import LianxiKit

/// A push answers before its answers are folded into the report (ReportFold.drain): whatever
/// happens between the push's commit and its fold, the next drain leaves the aggregates equal
/// to a recount of the raw log, and a drain after it changes nothing.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct FoldAfterPushTests {
    /// What happens after the pushes committed and before the fold that catches up.
    enum Meanwhile: String, CaseIterable, Sendable {
        /// The server stopped: the answers wait for the drain at its next start.
        case serverStopped
        /// A fold began and crashed: its transaction is rolled back.
        case foldCrashed
        /// Two folds of every associate at once (a report and a push's fold).
        case twoFoldsAtOnce
        /// The associates took back answers, some folded already and some waiting.
        case retractions
        /// A deck release rebuilt the deck's aggregates from the answers folded so far.
        case deckRebuilt
        /// `lianxi-server report rebuild` counted every answer and moved every cursor.
        case everythingRebuilt
    }

    struct Abandoned: Error {}

    @Test(arguments: Meanwhile.allCases)
    func theNextFoldCatchesUpOnceWhateverHappensBetween(_ meanwhile: Meanwhile) async throws {
        try await TestAcademy.with { academy in
            let cohorts = try await ReportTests.study(academy, count: 30, seed: 7)
            let folded = try await ReportTests.aggregates(academy)
            // More answers, pushed as the route does but with no fold after them.
            var waiting: [String: [String]] = [:]
            for laptop in cohorts.laptops {
                for index in 0..<8 {
                    try laptop.answer(
                        note: index % 4 + 1, kind: CardKind.allCases[index % 3],
                        rating: index % 3 == 0 ? .again : .good,
                        at: Date(timeIntervalSinceNow: Double(index * 60 - 3_600)),
                        id: "\(laptop.associate)-later-\(index)")
                }
                guard let associate = try laptop.database.associate(named: laptop.associate),
                    case .device(let associateId, _, let deviceId) = try await academy.store
                        .caller(token: laptop.token)
                else { throw SyncFailure("no associate") }
                var notes = AcademySync.NoteLookup(database: laptop.database)
                let answers = try laptop.database.unacknowledgedReviews(of: associate.id).map {
                    try AcademySync.syncedAnswer($0, notes: &notes)
                }
                let response = try await academy.store.push(
                    answers, associateId: associateId, deviceId: deviceId,
                    nowMs: Date().millisecondsSince1970)
                #expect(response.added == 8)
                waiting[laptop.associate] = answers.map(\.id)
            }
            // Stored, not folded: the aggregates are those of the answers before.
            #expect(try await Self.unfolded(academy) == folded)
            #expect(try await ReportTests.recount(academy) != folded)

            switch meanwhile {
            case .serverStopped:
                break
            case .foldCrashed:
                await #expect(throws: Abandoned.self) {
                    try await academy.store.transaction { connection in
                        try await ReportFold.drain(
                            associate: nil, on: connection, logger: academy.store.logger)
                        throw Abandoned()
                    }
                }
                #expect(try await Self.unfolded(academy) == folded)
            case .twoFoldsAtOnce:
                async let first = academy.store.foldPending()
                async let second = academy.store.foldPending()
                let counts = try await [first, second]
                #expect(counts.sorted() == [0, 24])
            case .retractions:
                for laptop in cohorts.laptops {
                    let client = try AcademyClient(server: academy.url, token: laptop.token)
                    let ids =
                        ["\(laptop.associate)-3"] + (waiting[laptop.associate] ?? []).prefix(2)
                    _ = try await client.pushChanges(ChangesPush(retractions: ids, settings: []))
                }
            case .deckRebuilt:
                try await academy.store.transaction { connection in
                    try await ReportFold.rebuild(
                        decks: ["mini"], on: connection, logger: academy.store.logger)
                }
                #expect(try await Self.unfolded(academy) == folded)
            case .everythingRebuilt:
                try await academy.store.rebuildReport()
                #expect(
                    try await Self.unfolded(academy) == (try await ReportTests.recount(academy)))
            }
            try await academy.store.foldPending()
            let caughtUp = try await Self.unfolded(academy)
            #expect(caughtUp == (try await ReportTests.recount(academy)))
            #expect(try await academy.store.foldPending() == 0)
            #expect(try await Self.unfolded(academy) == caughtUp)
        }
    }

    /// The aggregates as they are, without folding what waits.
    static func unfolded(_ academy: TestAcademy) async throws -> [String] {
        try await ReportTests.aggregates(academy, folding: false)
    }
}
