import AcademyProtocol
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@testable import AcademyServer

/// Three laptops (ana on two, tomas on one) study, undo answers and sync in seeded random
/// interleavings, through a proxy that cuts connections mid-request and after the server's
/// commit, with duplicated, reordered and replayed pushes of answers and retractions;
/// afterwards everything agrees and no answer taken back has come back.
@Suite(.enabled(if: TestCluster.isAvailable, TestCluster.missing))
struct ConvergenceTests {
    /// Each seed twice: the laptops syncing in one request (`POST /v1/sync`), and as the
    /// separate requests (a push, a pull, the changes).
    @Test(arguments: [1, 2, 3] as [UInt64], [true, false])
    func laptopsConvergeWhateverTheNetworkDoes(seed: UInt64, oneRequest: Bool) async throws {
        try await TestAcademy.with { academy in
            let random = LockedGenerator(seed: seed)
            let port = try #require(URL(string: academy.url)?.port)
            // The proxy draws from its own generator: its connections come one at a time, in
            // the order of the test's requests (each sync opens a session of its own).
            let cutting = LockedGenerator(seed: seed &+ 1_000)
            let proxy = try CuttingProxy(target: port) {
                switch cutting.next(upTo: 6) {
                case 0: .request(afterBytes: 1 + cutting.next(upTo: 400))
                case 1: .response
                default: .none
                }
            }
            defer { proxy.stop() }
            let viaProxy = "http://127.0.0.1:\(proxy.port)"
            let laptops = [
                try TestLaptop(
                    associate: "ana",
                    token: try await academy.deviceToken(for: "ana", code: academy.codes["ana"])),
                try TestLaptop(associate: "ana", token: try await academy.deviceToken(for: "ana")),
                try TestLaptop(
                    associate: "tomas",
                    token: try await academy.deviceToken(for: "tomas", code: academy.codes["tomas"])
                ),
            ]
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            var clock = start
            var answered = 0
            var failedSyncs = 0
            // Each laptop's latest answer (a session undoes its latest answer only), and every
            // answer ever given, undone ones included, for replayed pushes.
            var latest: [Int: TestLaptop.Given] = [:]
            var given: [Int: [SyncedAnswer]] = [:]
            var undone: Set<String> = []
            for _ in 0..<50 {
                let index = random.next(upTo: laptops.count)
                let laptop = laptops[index]
                clock += 60
                switch random.next(upTo: 5) {
                case 0, 1:
                    // Study a few cards.
                    for _ in 0...random.next(upTo: 3) {
                        answered += 1
                        let answer = try laptop.answer(
                            note: 1 + random.next(upTo: 4),
                            kind: [.recognition, .production, .pinyin][random.next(upTo: 3)],
                            rating: Rating(rawValue: 1 + random.next(upTo: 4)) ?? .good,
                            at: clock.addingTimeInterval(Double(answered)),
                            id: "answer-\(seed)-\(answered)")
                        latest[index] = answer
                        given[index, default: []].append(answer.synced)
                    }
                case 4:
                    // Undo the laptop's latest answer, pushed or not, if nothing came after it
                    // on its card; sometimes send the retractions twice, unacknowledged.
                    if let answer = latest[index], try laptop.undo(answer) {
                        undone.insert(answer.id)
                        latest[index] = nil
                    }
                    if random.next(upTo: 2) == 0 {
                        let ids = try laptop.database.pendingRetractions(
                            of: try laptop.associateId())
                        let client = try AcademyClient(server: viaProxy, token: laptop.token)
                        let replay = ChangesPush(retractions: ids, settings: [])
                        _ = try? await client.pushChanges(replay)
                        _ = try? await client.pushChanges(replay)
                    }
                case 2:
                    // Sync through the cutting proxy; a failed sync changes nothing here.
                    let before = try laptop.answerIds()
                    do {
                        try await laptop.sync(viaProxy, at: clock, oneRequest: oneRequest)
                    } catch {
                        failedSyncs += 1
                        #expect(try laptop.answerIds() == before)
                    }
                    #expect(try laptop.mismatches() == 0)
                default:
                    // Replay: push again, duplicated and reordered, answers already sent or not,
                    // without recording the server's acknowledgement (a client killed after the
                    // server's commit).
                    // Answers undone are among them: they must stay out.
                    var answers = given[index] ?? []
                    answers = answers.filter { _ in random.next(upTo: 2) == 0 }
                    answers.reverse()
                    let client = try AcademyClient(server: viaProxy, token: laptop.token)
                    if oneRequest {
                        _ = try? await client.sync(
                            answers, releasesAfter: 0, answersAfter: 0, changesAfter: 0)
                    } else {
                        _ = try? await client.push(answers)
                    }
                    _ = try? await client.push(answers.shuffledDeterministically(random))
                }
            }
            // Finally every laptop syncs directly, twice round, so everything has travelled.
            for _ in 0..<2 {
                for laptop in laptops {
                    try await laptop.sync(academy.url, at: clock + 3_600, oneRequest: oneRequest)
                }
            }
            let ana = try await academy.answerIds(of: "ana")
            let tomas = try await academy.answerIds(of: "tomas")
            #expect(ana == Array(Set(try laptops[0].answerIds() + laptops[1].answerIds())).sorted())
            #expect(try laptops[0].answerIds() == ana && laptops[1].answerIds() == ana)
            #expect(try laptops[2].answerIds() == tomas)
            #expect(ana.count + tomas.count == answered - undone.count)
            #expect(Set(ana + tomas).isDisjoint(with: undone))
            #expect(try await academy.count("answer_log") == answered - undone.count)
            #expect(try await academy.count("answer_retraction") == undone.count)
            // Each answer pushed keeps its key, taken back or not.
            #expect(try await academy.count("answer_key") <= answered)
            #expect(try await academy.count("answer_key") >= answered - undone.count)
            for laptop in laptops {
                #expect(try laptop.database.pendingRetractions(of: laptop.associateId()).isEmpty)
            }
            for laptop in laptops { #expect(try laptop.mismatches() == 0) }
            #expect(try Self.states(laptops[0]) == Self.states(laptops[1]))
            #expect(proxy.cutCount > 0)
            #expect(!undone.isEmpty)
            _ = failedSyncs
        }
    }

    static func synced(_ review: ReviewRecordExport) -> SyncedAnswer {
        SyncedAnswer(
            id: review.entry.id, deck: review.deck, note: review.noteKey,
            card: review.kind.rawValue,
            reviewedAtMs: Int64((review.entry.reviewedAt.timeIntervalSince1970 * 1000).rounded()),
            rating: review.entry.rating.rawValue, durationMs: 4_500)
    }

    /// Every card state of the laptop's associate, by card.
    static func states(_ laptop: TestLaptop) throws -> [String] {
        try laptop.database.reviewsForExport(associate: laptop.associate).map {
            "\($0.entry.id) \($0.entry.phaseAfter) \($0.entry.interval) \($0.entry.stabilityAfter ?? 0)"
        }
    }
}

/// A seeded generator shared by the test and the proxy's threads.
final class LockedGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    func next(upTo bound: Int) -> Int {
        lock.withLock { Int(generator.next() % UInt64(bound)) }
    }
}

extension Array {
    func shuffledDeterministically(_ random: LockedGenerator) -> [Element] {
        var copy = self
        for index in copy.indices.reversed() where index > 0 {
            copy.swapAt(index, random.next(upTo: index + 1))
        }
        return copy
    }
}
