import Foundation
import ImportFuzzing

#if canImport(Glibc)
    import Glibc
#endif

// `swift run -c release lianxi-fuzz [INPUTS] [SEED]`: mutates the repository's deck fixtures
// and feeds every importer (docs/RELIABILITY.md). Exit status 1 when something was found.

let arguments = CommandLine.arguments.dropFirst()
let inputs = arguments.first.flatMap { Int($0) } ?? 100_000
let seed = arguments.dropFirst().first.flatMap { UInt64($0) } ?? 1
// Each seed has its own folder, so that runs with different seeds can go side by side.
let folder = Seed.repository.appendingPathComponent(".build/fuzz-seed-\(seed)")

/// Ends the process when one input takes far too long: a hang, not just a slow import.
///
/// A loop that never ends burns CPU: the input is judged by the CPU time the process spent on
/// it, which a loaded machine does not stretch and a stopped process (`kill -STOP`, to free the
/// machine for a while) does not accumulate. A wait that never ends burns none: an input is
/// also a hang after `wallLimit` of wall-clock time.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (path: String, started: Date, cpu: Duration)?

    func willTry(_ path: String) {
        let cpu = ProcessCPUTime.now()
        lock.withLock { current = (path, Date(), cpu) }
    }

    func start(cpuLimit: Duration, wallLimit: TimeInterval) {
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                let cpu = ProcessCPUTime.now()
                let stuck = lock.withLock {
                    current.flatMap {
                        cpu - $0.cpu > cpuLimit || Date().timeIntervalSince($0.started) > wallLimit
                            ? $0.path : nil
                    }
                }
                if let stuck {
                    print(
                        "HANG: one input used over \(cpuLimit) of CPU or ran over \(Int(wallLimit)) s; "
                            + "it is at \(stuck)")
                    exit(3)
                }
            }
        }
    }
}

let seeds = try Seed.repositoryFiles()
print(
    "lianxi-fuzz: \(inputs) inputs, seed \(seed), \(seeds.count) seed files, importers: "
        + ImportTarget.all.map(\.name).joined(separator: ", "))
print("If this process dies, the input it was on is in \(folder.path)/current.")
let watchdog = Watchdog()
watchdog.start(cpuLimit: .seconds(60), wallLimit: 1_800)
var run = try FuzzRun(
    seeds: seeds, collections: try Seed.ankiCollections(), seed: seed, folder: folder)
let clock = ContinuousClock()
let started = clock.now
let batch = 5_000
while run.tally.inputs < inputs {
    try run.run(min(batch, inputs - run.tally.inputs), willTry: watchdog.willTry)
    let tally = run.tally
    print(
        "\(tally.inputs) inputs: \(tally.accepted) imported, \(tally.rejected) refused, "
            + "\(tally.findings.count) findings, slowest \(tally.slowest), \(clock.now - started) so far"
    )
    fflush(nil)
}
let tally = run.tally
print(
    "per importer: "
        + tally.perTarget.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", "))
print(
    "time per input (checks included): "
        + tally.timePerTarget.sorted { $0.key < $1.key }.map { name, time in
            let inputs = max(1, tally.perTarget[name] ?? 1)
            let milliseconds =
                Double(time.components.seconds) * 1000
                + Double(time.components.attoseconds) / 1e15
            return "\(name) \((milliseconds / Double(inputs) * 100).rounded() / 100) ms"
        }.joined(separator: ", "))
print("made by the forgers (bundles, packages): \(tally.forged)")
print("total: \(clock.now - started)")
for finding in tally.findings.prefix(50) { print(finding) }
print(tally.findings.isEmpty ? "No findings." : "\(tally.findings.count) findings.")
exit(tally.findings.isEmpty ? 0 : 1)
