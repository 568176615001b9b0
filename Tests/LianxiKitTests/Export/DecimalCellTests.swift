import CohortReporting
import Foundation
import SpacedRepetition
import TestSupport
import Testing

/// Decimal cells are written without `String(format:)` (too slow for a 10,000-associate
/// report), and must still be C's `%.Nf` byte for byte: the exact binary value rounded half to
/// even.
@Suite struct DecimalCellTests {
    static func written(_ value: Double, places: Int) -> String {
        // "\r\n" is one Character.
        String(CSVWriter.line([.decimal(value, places: places)]).dropLast())
    }

    @Test(arguments: [
        // Exact halves round to even; values printed as halves are not halves.
        (0.25, 1, "0.2"), (0.75, 1, "0.8"), (0.35, 1, "0.3"), (0.45, 1, "0.5"),
        (2.675, 2, "2.67"), (1.005, 2, "1.00"), (0.5, 0, "0"), (1.5, 0, "2"), (2.5, 0, "2"),
        (88.8, 1, "88.8"), (100, 1, "100.0"), (0, 1, "0.0"), (99.95, 1, "100.0"),
        (-0.04, 1, "-0.0"), (-0.0, 1, "-0.0"), (-2.5, 0, "-2"), (-1.25, 1, "-1.2"),
        (0.000_000_5, 6, "0.000000"), (0.000_001_5, 6, "0.000002"), (5.123_456_5, 6, "5.123456"),
        (4_503_599_627_370_495.5, 1, "4503599627370495.5"),
        (1e300, 1, String(format: "%.1f", 1e300)),
        (.infinity, 1, "inf"), (-.infinity, 2, "-inf"), (.nan, 1, "nan"),
    ])
    func casesWorkedOutByHand(_ value: Double, places: Int, expected: String) {
        #expect(Self.written(value, places: places) == expected)
    }

    /// Random values of every kind a report or an export writes, and halves made on purpose,
    /// against `String(format:)` itself.
    @Test(arguments: 0...6)
    func equalsPrintfOnRandomValues(places: Int) {
        var generator = SplitMix64(seed: UInt64(places) + 1)
        for round in 0..<20_000 {
            let value: Double
            switch round % 4 {
            case 0: value = Double.random(in: 0...100, using: &generator)
            case 1: value = Double(Int.random(in: 0...200_000, using: &generator)) / 2_000
            case 2:
                value =
                    Double.random(in: -1e9...1e9, using: &generator)
                    / pow(10, Double(Int.random(in: 0...12, using: &generator)))
            default:
                value =
                    Double(Int.random(in: -10_000...10_000, using: &generator))
                    / pow(10, Double(places + 1)) + 0.5 / pow(10, Double(places))
            }
            let expected = String(format: "%.\(places)f", value)
            #expect(Self.written(value, places: places) == expected, "\(value) with \(places)")
            if Self.written(value, places: places) != expected { return }
        }
    }
}
