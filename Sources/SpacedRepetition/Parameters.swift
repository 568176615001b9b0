/// The 21 weights of the FSRS-6 model, checked against the reference bounds.
///
/// Defaults and bounds are py-fsrs 6.3.2's `DEFAULT_PARAMETERS`, `LOWER_BOUNDS_PARAMETERS` and
/// `UPPER_BOUNDS_PARAMETERS` (the defaults are the medians fitted on the srs-benchmark
/// collections).
public struct Parameters: Hashable, Sendable, RandomAccessCollection {
    /// The weights w0 … w20.
    public let values: [Double]

    /// The FSRS-6 default weights.
    public static let `default` = Parameters(
        unchecked: [
            0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
            1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
        ])

    /// The smallest value each weight may take.
    public static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001, 0.001, 0.001,
        0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// The largest value each weight may take.
    public static let upperBounds: [Double] = [
        100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8,
    ]

    /// Checks `values` and keeps them, or throws an error that lists every problem at once.
    public init(_ values: [Double]) throws(ParameterError) {
        guard values.count == Self.lowerBounds.count else {
            throw ParameterError(problems: [
                "FSRS-6 needs \(Self.lowerBounds.count) parameters, got \(values.count)"
            ])
        }
        var problems: [String] = []
        for (index, value) in values.enumerated() {
            let (lower, upper) = (Self.lowerBounds[index], Self.upperBounds[index])
            if !(lower...upper).contains(value) {
                problems.append("w\(index) = \(value) is outside \(lower)...\(upper)")
            }
        }
        guard problems.isEmpty else { throw ParameterError(problems: problems) }
        self.values = values
    }

    private init(unchecked values: [Double]) {
        self.values = values
    }

    /// The position of w0.
    public var startIndex: Int { 0 }
    /// One past the position of w20.
    public var endIndex: Int { values.count }
    /// The weight at `index` (w0 … w20).
    public subscript(index: Int) -> Double { values[index] }
}

/// Why a set of FSRS parameters was refused; lists every bad weight.
public struct ParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One line per problem, such as `w20 = 0.05 is outside 0.1...0.8`.
    public let problems: [String]

    /// All problems, one per line, with a hint on what to do.
    public var description: String {
        "The FSRS parameters are not valid:\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
            + "\nUse the defaults or parameters fitted by `lianxi optimize`."
    }
}
