import Foundation
import SpacedRepetition

// Optimizer and workload-forecast benchmarks (issue 7), side by side with the shared anchors'
// `fsrs_rs_optimizer.py --phase fit` (fsrs-rs-python 0.9.3) measured in the same run.
//
//   swift run -c release OptimizerBenchmarks [--reps 5] [--csv PATH]
//       [--anchors ../shared/bench/anchors --python VENV/bin/python]
//       [--fit-only | --forecast-only]   (for profiling: only the fits, or one forecast)
//
// Reads the anchors' simulated review log (101,317 reviews; by default the copy in the test
// fixtures), builds items as the anchors do, times `Optimizer.optimize` on the `train` split,
// scores the held-out split, times the time-series evaluation and four workload forecasts.
// With `--python`, runs the anchor script in the same run and prints both. Exits with status 1
// if the held-out log loss or RMSE(bins) misses fsrs-rs's by more than 0.001 / 0.005.

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
        return nil
    }
    return arguments[index + 1]
}

let repetitions = Int(option("--reps") ?? "") ?? 5
let csvPath = option("--csv") ?? "Tests/SpacedRepetitionTests/Fixtures/sim_revlog.csv"

/// fsrs-rs-python 0.9.3's held-out figures in the anchors' reference run (RESULTS.md).
let referenceLogLoss = 0.34937
let referenceRMSE = 0.02579
let truth = try Parameters([
    0.35, 1.1, 3.2, 12.5, 6.9, 0.55, 2.1, 0.012, 1.55, 0.12, 1.05, 1.75, 0.09, 0.32, 1.9, 0.45,
    2.3, 0.62, 0.28, 0.09, 0.22,
])

/// Seconds taken by `work`, on the monotonic clock.
func seconds<T>(_ work: () throws -> T) rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let result = try work()
    let elapsed = ContinuousClock.now - start
    return (
        result,
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    )
}

func summary(_ values: [Double]) -> (min: Double, median: Double, max: Double) {
    let sorted = values.sorted()
    return (sorted[0], sorted[sorted.count / 2], sorted[sorted.count - 1])
}

func format(_ value: Double, _ digits: Int = 3) -> String {
    String(format: "%.\(digits)f", value)
}

// MARK: - The review log, as items

struct LogItems {
    var train: [TrainingItem] = []
    var test: [TrainingItem] = []
}

/// Items as `fsrs_rs_optimizer.py` builds them: per card, one per review with delta_t > 0,
/// sorted by (review time, card id).
func loadItems(path: String) throws -> LogItems {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var reviews: [Int: [(time: Int, rating: Rating, days: Int)]] = [:]
    var isTest: [Int: Bool] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == 10, let card = Int(fields[0]), let time = Int(fields[1]),
            let days = Int(fields[3]), let rating = Int(fields[4]).flatMap(Rating.init)
        else { throw BenchmarkError.badRow(String(line)) }
        reviews[card, default: []].append((time, rating, days))
        isTest[card] = fields[9] == "test"
    }
    var train: [(Int, Int, TrainingItem)] = []
    var test: [(Int, Int, TrainingItem)] = []
    for (card, cardReviews) in reviews {
        var history: [TrainingItem.Review] = []
        for review in cardReviews.sorted(by: { $0.time < $1.time }) {
            history.append(TrainingItem.Review(review.rating, elapsedDays: review.days))
            guard review.days > 0, let item = TrainingItem(reviews: history) else { continue }
            if isTest[card] == true {
                test.append((review.time, card, item))
            } else {
                train.append((review.time, card, item))
            }
        }
    }
    train.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    test.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    return LogItems(train: train.map(\.2), test: test.map(\.2))
}

enum BenchmarkError: Error {
    case badRow(String)
    case anchorFailed(Int32)
    case noEvaluation
}

// MARK: - The anchor, in the same run

struct Anchor {
    var fit: (min: Double, median: Double, max: Double)
    var logLoss: Double
    var rmseBins: Double
    var splitsSeconds: Double
    var splitsLogLoss: Double
    var splitsRMSE: Double
}

/// Runs `fsrs_rs_optimizer.py --phase fit` and reads its JSON.
func runAnchor(python: String, anchors: String, csv: String) throws -> Anchor {
    let output = FileManager.default.temporaryDirectory
        .appendingPathComponent(
            "optimizer-anchor-\(ProcessInfo.processInfo.processIdentifier).json")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.currentDirectoryURL = URL(fileURLWithPath: anchors)
    process.arguments = [
        "fsrs_rs_optimizer.py", "--phase", "fit", "--reps", String(repetitions), "--csv", csv,
        "--json", output.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchmarkError.anchorFailed(process.terminationStatus)
    }
    defer { try? FileManager.default.removeItem(at: output) }
    struct Stats: Decodable { let min: Double, median: Double, max: Double }
    struct Eval: Decodable { let log_loss: Double, rmse_bins: Double }
    struct Splits: Decodable { let seconds: Double, log_loss: Double, rmse_bins: Double }
    struct Fit: Decodable {
        let compute_parameters_s: Stats
        let test_eval: [String: Eval]
        let time_series_splits_train: Splits
    }
    struct Results: Decodable { let fit: Fit }
    let results = try JSONDecoder().decode(Results.self, from: Data(contentsOf: output))
    guard let fitted = results.fit.test_eval["fitted"] else { throw BenchmarkError.noEvaluation }
    let fit = results.fit.compute_parameters_s
    let splits = results.fit.time_series_splits_train
    return Anchor(
        fit: (fit.min, fit.median, fit.max), logLoss: fitted.log_loss,
        rmseBins: fitted.rmse_bins, splitsSeconds: splits.seconds, splitsLogLoss: splits.log_loss,
        splitsRMSE: splits.rmse_bins)
}

// MARK: - Run

if arguments.contains("--forecast-only") {
    // For profiling: one forecast of 20 new cards a day over 365 days, nothing else.
    let simulator = try WorkloadSimulator(settings: .init(newCardsPerDay: 20, minutesPerDay: nil))
    let (forecast, time) = try seconds { try simulator.forecast(desiredRetention: 0.9) }
    print(
        "forecast: \(format(time)) s, \(format(forecast.averageReviewsPerDay, 2)) reviews/day, "
            + "\(format(forecast.wordsKnown, 1)) words known")
    exit(0)
}

let (items, loadSeconds) = try seconds { try loadItems(path: csvPath) }
if arguments.contains("--fit-only") {
    // For profiling: the fits, nothing else.
    for _ in 0..<repetitions {
        let (_, time) = try seconds { try Optimizer().optimize(items.train) }
        print("fit: \(format(time)) s")
    }
    exit(0)
}
let optimizer = Optimizer()
var fitTimes: [Double] = []
var fits: [OptimizationResult] = []
for _ in 0..<repetitions {
    let (result, time) = try seconds { try optimizer.optimize(items.train) }
    fits.append(result)
    fitTimes.append(time)
}
guard let fitted = fits.first?.parameters,
    let heldOut = Evaluation(parameters: fitted, items: items.test),
    let truthScore = Evaluation(parameters: truth, items: items.test),
    let defaultScore = Evaluation(parameters: .default, items: items.test)
else { throw BenchmarkError.noEvaluation }
let (splits, splitsSeconds) = try seconds {
    try optimizer.evaluateWithTimeSeriesSplits(items.train)
}

let retentions = [0.80, 0.85, 0.90, 0.95]
let simulator = try WorkloadSimulator()
let (forecasts, forecastSeconds) = try seconds {
    try simulator.forecasts(desiredRetentions: retentions)
}
let paced = try WorkloadSimulator(settings: .init(newCardsPerDay: 20, minutesPerDay: nil))
let (pacedForecasts, pacedSeconds) = try seconds {
    try paced.forecasts(desiredRetentions: retentions)
}

var anchor: Anchor?
if let python = option("--python") {
    let anchors = option("--anchors") ?? "../shared/bench/anchors"
    let csv = URL(fileURLWithPath: csvPath).standardizedFileURL.path
    anchor = try runAnchor(python: python, anchors: anchors, csv: csv)
}

// MARK: - Report

let cpu =
    (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)")
print(
    "data: \(csvPath): \(items.train.count) train / \(items.test.count) held-out items "
        + "(read and built in \(format(loadSeconds, 2)) s); \(repetitions) repetitions\n")

let fit = summary(fitTimes)
print("| | Lianxi (Swift) | fsrs-rs-python 0.9.3 | ratio |")
print("|---|---:|---:|---:|")
if let anchor {
    print(
        "| fit, median (min–max) | \(format(fit.median)) s (\(format(fit.min))–\(format(fit.max))) "
            + "| \(format(anchor.fit.median)) s (\(format(anchor.fit.min))–"
            + "\(format(anchor.fit.max))) | \(format(anchor.fit.median / fit.median, 2))x |")
    print(
        "| held-out log loss | \(format(heldOut.logLoss, 5)) | \(format(anchor.logLoss, 5)) | |")
    print(
        "| held-out RMSE(bins) | \(format(heldOut.rmseBins, 5)) | \(format(anchor.rmseBins, 5)) | |"
    )
    print(
        "| time-series splits (5 fits) | \(format(splitsSeconds)) s, \(format(splits.logLoss, 5))"
            + " / \(format(splits.rmseBins, 5)) | \(format(anchor.splitsSeconds)) s, "
            + "\(format(anchor.splitsLogLoss, 5)) / \(format(anchor.splitsRMSE, 5)) | "
            + "\(format(anchor.splitsSeconds / splitsSeconds, 2))x |")
} else {
    print(
        "| fit, median (min–max) | \(format(fit.median)) s (\(format(fit.min))–\(format(fit.max))) "
            + "| (run with --python) | |")
    print(
        "| held-out log loss | \(format(heldOut.logLoss, 5)) | \(referenceLogLoss) (RESULTS.md) | |"
    )
    print(
        "| held-out RMSE(bins) | \(format(heldOut.rmseBins, 5)) | \(referenceRMSE) (RESULTS.md) | |"
    )
    print(
        "| time-series splits (5 fits) | \(format(splitsSeconds)) s, \(format(splits.logLoss, 5))"
            + " / \(format(splits.rmseBins, 5)) | 0.34871 / 0.01489 (RESULTS.md) | |")
}
print(
    "\nheld-out, same items: ground truth \(format(truthScore.logLoss, 5)) / "
        + "\(format(truthScore.rmseBins, 5)); defaults \(format(defaultScore.logLoss, 5)) / "
        + "\(format(defaultScore.rmseBins, 5))")
print("fits identical across repetitions: \(fits.allSatisfy { $0 == fits[0] })")
print("fitted: [\(fitted.values.map { format($0, 4) }.joined(separator: ", "))]")

print("\nWorkload forecasts, 365 days (4 retentions side by side):")
print("| settings | time | DR | reviews/day | minutes/day | new cards | words known |")
print("|---|---:|---:|---:|---:|---:|---:|")
for (label, time, results) in [
    ("10,000 cards, ≤ 30 min/day (fsrs-rs default)", forecastSeconds, forecasts),
    ("10,000 cards, 20 new/day, no limit", pacedSeconds, pacedForecasts),
] {
    for (index, forecast) in results.enumerated() {
        print(
            "| \(index == 0 ? label : "") | \(index == 0 ? format(time) + " s" : "") "
                + "| \(format(forecast.desiredRetention, 2)) "
                + "| \(format(forecast.averageReviewsPerDay, 1)) "
                + "| \(format(forecast.averageMinutesPerDay, 1)) "
                + "| \(format(forecast.totalNewCards, 0)) | \(format(forecast.wordsKnown, 0)) |")
    }
}

let target = anchor.map { ($0.logLoss, $0.rmseBins) } ?? (referenceLogLoss, referenceRMSE)
let logLossMiss = abs(heldOut.logLoss - target.0)
let rmseMiss = abs(heldOut.rmseBins - target.1)
if logLossMiss > 0.001 || rmseMiss > 0.005 {
    print(
        "\nFAIL: held-out log loss off by \(format(logLossMiss, 5)) (tolerance 0.001), "
            + "RMSE(bins) off by \(format(rmseMiss, 5)) (tolerance 0.005)")
    exit(1)
}
print(
    "\nOK: held-out log loss within \(format(logLossMiss, 5)) of fsrs-rs (tolerance 0.001), "
        + "RMSE(bins) within \(format(rmseMiss, 5)) (tolerance 0.005)")
