import Foundation
import LianxiKit
import SpacedRepetition
import Storage

/// Something the fuzzer found wrong with an importer.
public struct Finding: Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: String, Sendable {
        /// Took more CPU time than the limit.
        case slow
        /// Refused with an empty or machine-like message.
        case unclearRejection
        /// Failed with an error that is not a list of deck problems.
        case unexpectedError
        /// Refused, yet the database changed.
        case changedOnRejection
        /// Imported, and the database now holds a value no file should bring (a time before
        /// 2000, an answer that took a week; `StudyDatabase.implausibleValues`).
        case implausibleStored
    }

    /// What kind of failure.
    public let kind: Kind
    /// The importer.
    public let target: String
    /// The input's number in the run (with the run's seed, it rebuilds the input).
    public let input: Int
    /// Where the input was saved.
    public let savedAt: String
    /// What happened.
    public let detail: String

    /// One line for the report.
    public var description: String {
        "\(kind.rawValue) in \(target), input \(input) (saved at \(savedAt)): \(detail)"
    }
}

/// Counts of a run, per importer and in all.
public struct FuzzTally: Sendable {
    /// Inputs tried.
    public var inputs = 0
    /// Inputs imported.
    public var accepted = 0
    /// Inputs refused with deck problems.
    public var rejected = 0
    /// The longest single import.
    public var slowest: Duration = .zero
    /// Inputs tried per importer.
    public var perTarget: [String: Int] = [:]
    /// Time spent importing, per importer.
    public var timePerTarget: [String: Duration] = [:]
    /// Inputs made by the structured forgers (bundles and packages), not the byte mutator.
    public var forged = 0
    /// What went wrong.
    public var findings: [Finding] = []
}

/// A seeded fuzzing run over every importer: mutates seed files, imports each variant into a
/// database and checks that it is imported or refused cleanly (every problem a clear
/// `file:line: what` message, the database unchanged).
public struct FuzzRun {
    /// Imports that take more CPU time than this are findings.
    ///
    /// CPU time, not the wall clock: a loaded machine stretches the wall clock of every input, not the work an input costs.
    public static let slowLimit: Duration = .seconds(2)

    private var mutator: Mutator
    private var bundleForger: BundleForger?
    private var packageForger: PackageForger?
    private var generator: SplitMix64
    private let seeds: [Seed]
    private let targets: [ImportTarget]
    private let folder: URL
    private var database: StudyDatabase
    /// The database's content fingerprint while it is as the last reset or import left it.
    private var fingerprint = ""
    /// The rows written when it was so: if the count has not moved, nothing changed.
    private var rowsWritten = 0
    /// What the run found so far.
    public private(set) var tally = FuzzTally()

    /// Prepares a run drawing from `seed`; inputs are written under `folder` (the last one
    /// stays there if the process dies, and every input with a finding is kept).
    public init(
        seeds: [Seed], collections: [Data] = [], targets: [ImportTarget] = ImportTarget.all,
        seed: UInt64, folder: URL
    ) throws {
        self.seeds = seeds
        self.targets = targets
        self.folder = folder
        mutator = Mutator(seed: seed, seeds: seeds)
        generator = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("findings"), withIntermediateDirectories: true)
        bundleForger = seeds.first { $0.name.hasSuffix(Seed.bundleSuffix) }.flatMap {
            BundleForger(bundle: $0.data, seed: seed ^ 0xB0B0)
        }
        packageForger =
            collections.isEmpty
            ? nil : try PackageForger(collections: collections, seed: seed ^ 0xA4C6, folder: folder)
        database = try StudyDatabase.inMemory()
        try resetDatabase()
    }

    /// A fresh database holding the first Lianxi seed deck, so imports also update a deck.
    private mutating func resetDatabase() throws {
        database = try StudyDatabase.inMemory()
        // The first deck that imports (some fixtures are bad on purpose), so that imports of
        // changed decks and bundles meet a database with notes in it.
        for deck in seeds where deck.name.hasSuffix(".tsv") {
            let path = folder.appendingPathComponent(deck.name).path
            try deck.data.write(to: URL(fileURLWithPath: path))
            if (try? DeckLibrary.importFiles([path], into: database, at: ImportTarget.clock))
                != nil
            {
                break
            }
        }
        try settle()
    }

    /// Notes the database as it is now, to compare with after the next refusal.
    private mutating func settle() throws {
        fingerprint = try database.contentFingerprint()
        rowsWritten = try database.rowsWrittenSinceOpening()
    }

    /// Whether the database differs from the last time it settled.
    private func changed() throws -> Bool {
        try database.rowsWrittenSinceOpening() != rowsWritten
            && database.contentFingerprint() != fingerprint
    }

    /// Tries `count` more inputs; `willTry` is told each input's file before it is imported.
    public mutating func run(_ count: Int, willTry: (String) -> Void = { _ in }) throws {
        for _ in 0..<count {
            try tryOne(willTry: willTry)
        }
    }

    private mutating func tryOne(willTry: (String) -> Void) throws {
        let index = tally.inputs
        let target = targets[index % targets.count]
        let candidates = seeds.filter(target.takes)
        guard var seed = candidates.randomElement(using: &generator) else { return }
        var data: Data
        let roll = Int.random(in: 0..<10, using: &generator)
        if roll == 0 {
            data = seed.data
        } else if roll >= 5, seed.name.hasSuffix(Seed.bundleSuffix), bundleForger != nil {
            data = bundleForger?.forge() ?? seed.data
            tally.forged += 1
        } else if roll >= 5, seed.name.hasSuffix(".apkg"), let forged = try packageForger?.forge() {
            data = forged
            seed = Seed(name: "forged.apkg", data: data)
            tally.forged += 1
        } else {
            data = mutator.mutate(seed.data)
        }
        let inputFolder = folder.appendingPathComponent("current")
        try FileManager.default.createDirectory(at: inputFolder, withIntermediateDirectories: true)
        let path = inputFolder.appendingPathComponent(seed.name).path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        if index % 50 == 0 { try resetDatabase() }
        willTry(path)

        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = ProcessCPUTime.now()
        var problems: [(Finding.Kind, String)] = []
        do {
            try target.importFile(path, database)
            tally.accepted += 1
            let implausible = try database.implausibleValues(at: ImportTarget.clock)
            if !implausible.isEmpty {
                problems.append((.implausibleStored, implausible.joined(separator: "; ")))
            }
            try settle()
        } catch let refusal as DeckProblems {
            tally.rejected += 1
            if let unclear = Self.unclear(refusal, file: path) {
                problems.append((.unclearRejection, unclear))
            }
            if try changed() {
                problems.append((.changedOnRejection, refusal.description))
            }
        } catch {
            problems.append((.unexpectedError, "\(type(of: error)): \(error)"))
            if try changed() {
                problems.append((.changedOnRejection, "after \(error)"))
            }
        }
        let elapsed = clock.now - start
        let cpu = ProcessCPUTime.now() - cpuStart
        tally.slowest = max(tally.slowest, elapsed)
        if cpu > Self.slowLimit {
            problems.append((.slow, "\(cpu) of CPU, \(elapsed) of wall time"))
        }
        tally.inputs += 1
        tally.perTarget[target.name, default: 0] += 1
        tally.timePerTarget[target.name, default: .zero] += elapsed

        for (kind, detail) in problems {
            let saved = folder.appendingPathComponent(
                "findings/\(index)-\(target.name)-\(seed.name)")
            try? data.write(to: saved)
            tally.findings.append(
                Finding(
                    kind: kind, target: target.name, input: index, savedAt: saved.path,
                    detail: detail))
        }
    }

    /// Why a refusal is not a clear message, or `nil` when it is.
    static func unclear(_ refusal: DeckProblems, file: String) -> String? {
        guard !refusal.problems.isEmpty else { return "no problem listed" }
        let machine = ["Optional(", "Error Domain=", "SQLite error", "NSCocoaErrorDomain"]
        for problem in refusal.problems {
            let message = problem.message.trimmingCharacters(in: .whitespacesAndNewlines)
            if problem.file != file { return "names \(problem.file), not the file" }
            if message.count < 10 { return "too short: \(problem.description)" }
            if let word = machine.first(where: { message.contains($0) }) {
                return "reads like a machine (\(word)): \(problem.description)"
            }
        }
        return nil
    }
}

/// The CPU time this process has used so far.
///
/// All threads together: the importers run on GRDB's queue, not only on the calling thread.
public enum ProcessCPUTime {
    /// The CPU time used so far.
    public static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
