import Foundation
import SpacedRepetition
import Testing

/// The simulated review log of the shared anchor benchmarks, as training items.
///
/// `Fixtures/sim_revlog.csv` and `Fixtures/sim_truth.json` are copied unchanged from
/// `shared/bench/anchors/data/` (101,317 reviews of 11,100 cards simulated from known FSRS-6
/// parameters; 20 % of the cards held out in column `split`). Items are built as the anchors'
/// `fsrs_rs_optimizer.py` builds them: per card, for every review with `delta_t > 0`, the card's
/// reviews up to and including it; items sorted by (review time, card id).
struct SimulatedLog: Sendable {
    /// Items of the cards in the `train` split, in time order.
    let train: [TrainingItem]
    /// Items of the held-out cards, in time order.
    let test: [TrainingItem]
    /// Rows of the CSV.
    let reviewCount: Int
    /// The parameters the log was simulated from.
    let truth: Parameters

    /// The log, loaded once for all tests.
    static let shared: Result<SimulatedLog, any Error> = Result { try load() }

    /// The log, or a test failure if it cannot be read.
    static func require() throws -> SimulatedLog {
        try shared.get()
    }

    private struct Row {
        let card: Int
        let time: Int
        let elapsedDays: Int
        let rating: Rating
    }

    private struct Truth: Decodable {
        let w_true: [Double]
        let rows: Int
    }

    private enum FixtureError: Error {
        case missing(String)
        case badRow(Int)
    }

    private static func url(_ name: String, _ type: String) throws -> URL {
        guard
            let url = Bundle.module.url(
                forResource: name, withExtension: type, subdirectory: "Fixtures")
        else { throw FixtureError.missing("\(name).\(type)") }
        return url
    }

    private static func load() throws -> SimulatedLog {
        let truth = try JSONDecoder().decode(
            Truth.self, from: Data(contentsOf: try url("sim_truth", "json")))
        let bytes = [UInt8](try Data(contentsOf: try url("sim_revlog", "csv")))
        var rows: [Row] = []
        var isTest: [Int: Bool] = [:]
        rows.reserveCapacity(truth.rows)
        // A small byte parser: the file has 101,317 rows and debug builds are slow.
        var fields: [Range<Int>] = []
        var fieldStart = 0
        var lineNumber = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") else { continue }
            var end = index
            if byte == UInt8(ascii: "\n"), end > fieldStart, bytes[end - 1] == UInt8(ascii: "\r") {
                end -= 1
            }
            fields.append(fieldStart..<end)
            fieldStart = index + 1
            guard byte == UInt8(ascii: "\n") else { continue }
            defer {
                fields.removeAll(keepingCapacity: true)
                lineNumber += 1
            }
            if lineNumber == 0 { continue }  // header
            guard fields.count == 10, let card = integer(bytes[fields[0]]),
                let time = integer(bytes[fields[1]]), let elapsed = integer(bytes[fields[3]]),
                let ratingValue = integer(bytes[fields[4]]),
                let rating = Rating(rawValue: ratingValue)
            else { throw FixtureError.badRow(lineNumber) }
            rows.append(Row(card: card, time: time, elapsedDays: elapsed, rating: rating))
            isTest[card] =
                bytes[fields[9]].first == UInt8(ascii: "t")
                && bytes[fields[9]].dropFirst().first == UInt8(ascii: "e")
        }

        var byCard: [Int: [Row]] = [:]
        for row in rows { byCard[row.card, default: []].append(row) }
        var train: [(time: Int, card: Int, item: TrainingItem)] = []
        var test: [(time: Int, card: Int, item: TrainingItem)] = []
        for (card, cardRows) in byCard {
            let sorted = cardRows.sorted { $0.time < $1.time }
            var history: [TrainingItem.Review] = []
            for row in sorted {
                history.append(TrainingItem.Review(row.rating, elapsedDays: row.elapsedDays))
                guard row.elapsedDays > 0, let item = TrainingItem(reviews: history) else {
                    continue
                }
                if isTest[card] == true {
                    test.append((row.time, card, item))
                } else {
                    train.append((row.time, card, item))
                }
            }
        }
        train.sort { ($0.time, $0.card) < ($1.time, $1.card) }
        test.sort { ($0.time, $0.card) < ($1.time, $1.card) }
        return SimulatedLog(
            train: train.map(\.item), test: test.map(\.item), reviewCount: rows.count,
            truth: try Parameters(truth.w_true))
    }

    private static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}
