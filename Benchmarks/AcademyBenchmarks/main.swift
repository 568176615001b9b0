import AcademyProtocol
import ArgumentParser
import Foundation
import LianxiKit
import SpacedRepetition
import Storage

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

// The academy server's benchmarks (Benchmarks/academy.sh, docs/BENCHMARKS.md):
//
//   academy-bench answers --db PATH --as NAME --answers N
//       adds N answers of one day to an enrolled laptop's database (the shipped decks' cards,
//       each answered once, Good or Again, then second answers), for `lianxi sync` to push;
//   academy-bench sync --db PATH
//       one sync in process (the database opened first, not timed), as `lianxi sync` does it;
//   academy-bench json [--answers 5000] [--reps 9]
//       a push of N answers like `answers` makes them, written and read by Foundation's JSON
//       coders and by hand (PushJSON.swift): the median milliseconds of each;
//   academy-bench load --server URL --codes FILE [--answers 50] [--rounds 3]
//       enrols one laptop per code, then every laptop pushes a day's answers at once, ROUNDS
//       times: answers per second, p50 and p99 of the push latency.

@main
struct AcademyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "academy-bench", abstract: "Benchmarks of the academy server.",
        subcommands: [Answers.self, Sync.self, JSONCoding.self, Load.self])
}

struct JSONCoding: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "A push's JSON written and read by Foundation and by hand: median ms of each.")

    @Option(help: "Answers in the push.") var answers = AcademyLimits.answersPerPush
    @Option(help: "Repetitions; the median is printed.") var reps = 9

    func run() throws {
        let day: Int64 = 1_764_000_000_000
        let push = PushRequest(
            answers: (0..<answers).map { index in
                SyncedAnswer(
                    id: UUID().uuidString.lowercased(), deck: "hsk1", note: "n\(index % 500)",
                    card: "recognition", reviewedAtMs: day + Int64(index) * 3_000,
                    rating: index % 7 == 0 ? 1 : 3, durationMs: 4_200, phaseBefore: "review",
                    phaseAfter: "review", intervalSeconds: 86_400 * 3.5,
                    previousIntervalSeconds: 86_400)
            })
        let bytes = try AcademyJSON.encoder().encode(push)
        func median(_ work: () throws -> Void) rethrows -> Double {
            var times: [Double] = []
            for _ in 0..<reps {
                let start = DispatchTime.now().uptimeNanoseconds
                try work()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return times.sorted()[times.count / 2]
        }
        let written = try median { _ = try AcademyJSON.encoder().encode(push) }
        let writtenByHand = median { _ = push.encodedJSON() }
        let read = try median {
            _ = try AcademyJSON.decoder().decode(PushRequest.self, from: bytes)
        }
        let readByHand = median { _ = bytes.withUnsafeBytes { PushRequest(plainJSON: $0) } }
        guard push.encodedJSON() == bytes,
            bytes.withUnsafeBytes({ PushRequest(plainJSON: $0) }) == push
        else { throw ValidationError("the hand-written JSON differs from Foundation's") }
        print(
            String(
                format: "{\"bytes\": %d, \"encoder_ms\": %.2f, \"written_ms\": %.2f, "
                    + "\"decoder_ms\": %.2f, \"read_ms\": %.2f}",
                bytes.count, written, writtenByHand, read, readByHand))
    }
}

struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One `lianxi sync` in process: prints the seconds the sync took.")

    @Option(help: "The enrolled laptop's database.") var db: String
    @Flag(help: "Sync with the separate requests (push, pull, changes), not POST /v1/sync.")
    var separateRequests = false

    func run() async throws {
        let database = try StudyDatabase.open(at: db)
        guard let credential = try SyncCredential.read(at: SyncCredential.path(besideDatabase: db))
        else { throw ValidationError("\(db) is not enrolled") }
        let start = DispatchTime.now().uptimeNanoseconds
        var client = try AcademyClient(server: credential.server, token: credential.deviceToken)
        client.syncsInOneRequest = !separateRequests
        let report = try await AcademySync.sync(
            database, associateName: credential.associate, client: client, at: Date())
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "{\"seconds\": %.6f, \"pushed\": %d}", seconds, report.pushed))
    }
}

struct Answers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a day's answers to an enrolled laptop's database.")

    @Option(help: "The laptop's database.") var db: String
    @Option(name: .customLong("as"), help: "The associate.") var associate: String
    @Option(help: "How many answers.") var answers: Int

    func run() throws {
        guard (1...100_000).contains(answers) else {
            throw ValidationError("--answers must be from 1 to 100000")
        }
        let database = try StudyDatabase.open(at: db)
        for file in ShippedDecks.files {
            guard try database.deck(String(file.name.dropLast(".tsv".count))) == nil else {
                continue
            }
            try database.importDeck(
                try DeckReader.read(Data(file.text.utf8), file: file.name), at: Date())
        }
        guard let stored = try database.associate(named: associate) else {
            throw ValidationError("no associate \(associate) in \(db); enrol first")
        }
        var cards: [Int64] = []
        for file in ShippedDecks.files {
            let ids = try database.cardIds(inDeck: String(file.name.dropLast(".tsv".count)))
            for key in ids.keys.sorted() {
                for kind in CardKind.allCases { if let id = ids[key]?[kind] { cards.append(id) } }
            }
        }
        // One day: from 09:00 UTC yesterday, one answer every 3 seconds.
        let day = (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 - 86_400
        var reviews: [PastReview] = []
        for index in 0..<answers {
            reviews.append(
                PastReview(
                    id: UUID().uuidString.lowercased(), cardId: cards[index % cards.count],
                    reviewedAt: Date(timeIntervalSince1970: day + 32_400 + Double(index) * 3),
                    rating: index % 7 == 0 ? .again : .good, duration: 4.2))
        }
        let added = try HistoryMerge.merge(reviews, into: database, for: stored)
        print("added \(added) answers for \(associate)")
    }
}

struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Many laptops push a day's answers at once.")

    @Option(help: "The server, e.g. http://127.0.0.1:8080.") var server: String
    @Option(help: "A file of enrolment codes, one a line: one laptop each.") var codes: String
    @Option(help: "Answers each laptop pushes per round.") var answers = 50
    @Option(help: "Rounds (each a new day's answers).") var rounds = 3
    @Option(help: "Write the figures as JSON here.") var json: String?

    func run() async throws {
        guard (1...5_000).contains(answers), (1...20).contains(rounds) else {
            throw ValidationError("--answers must be 1-5000 and --rounds 1-20")
        }
        let lines = try String(contentsOfFile: codes, encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard (1...2_000).contains(lines.count) else {
            throw ValidationError("\(codes) must hold 1 to 2000 codes")
        }
        // Enrolment is not timed.
        var clients: [AcademyClient] = []
        for (index, code) in lines.enumerated() {
            let enrolment = try await AcademyClient(server: server, token: nil)
                .enrol(code: code, deviceName: "load-\(index)")
            clients.append(try AcademyClient(server: server, token: enrolment.deviceToken))
        }
        var figures: [[String: Double]] = []
        let now = Date().timeIntervalSince1970
        for round in 0..<rounds {
            let pushes = clients.enumerated().map { index, _ in
                (0..<answers).map { number in
                    SyncedAnswer(
                        id: "load-\(round)-\(index)-\(number)-\(UUID().uuidString.prefix(8))",
                        deck: "payments", note: "pay-\(String(format: "%03d", number % 40 + 1))",
                        card: ["recognition", "production", "pinyin"][number % 3],
                        reviewedAtMs: Int64((now - Double(rounds - round) * 86_400) * 1000)
                            + Int64(number) * 3_000,
                        rating: number % 7 == 0 ? 1 : 3, durationMs: 4_200)
                }
            }
            let start = DispatchTime.now().uptimeNanoseconds
            let latencies = try await withThrowingTaskGroup(of: Double.self) { group in
                for (client, push) in zip(clients, pushes) {
                    group.addTask {
                        let sent = DispatchTime.now().uptimeNanoseconds
                        let response = try await client.push(push)
                        guard response.added == push.count else {
                            throw ValidationError("the server added \(response.added) answers")
                        }
                        return Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e6
                    }
                }
                var all: [Double] = []
                for try await latency in group { all.append(latency) }
                return all.sorted()
            }
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let total = Double(clients.count * answers)
            let figure: [String: Double] = [
                "laptops": Double(clients.count), "answers": total, "seconds": wall,
                "answers_per_second": total / wall,
                "p50_ms": latencies[latencies.count / 2],
                "p99_ms": latencies[min(latencies.count - 1, latencies.count * 99 / 100)],
                "max_ms": latencies.last ?? 0,
            ]
            figures.append(figure)
            print(
                String(
                    format: "round %d: %d laptops × %d answers in %.3f s: %.0f answers/s, "
                        + "p50 %.1f ms, p99 %.1f ms", round + 1, clients.count, answers, wall,
                    total / wall, figure["p50_ms"] ?? 0, figure["p99_ms"] ?? 0))
        }
        if let json {
            try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
                .write(to: URL(fileURLWithPath: json))
        }
    }
}
