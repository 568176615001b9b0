import Foundation

/// The initial stabilities w0–w3 fitted from first intervals before the main training.
///
/// fsrs-rs `src/parameter_initialization.rs`: for each first rating, the items are grouped by
/// the first interval; each group's recall rate is smoothed toward the average recall (Laplace:
/// (rate·n + average) / (n + 1)); a ternary search over S in [0.001, 100] minimises the
/// count-weighted log loss under the default forgetting curve plus |S − S0 default| / 16. Then
/// `smoothAndFill` makes the four values increase with the rating and fills missing ones.
enum InitialStability {
    /// The fitted stabilities (w0–w3) and the number of items behind each first rating, or
    /// `nil` when no first rating has any item (fsrs-rs `NotEnoughData`).
    static func fit(
        _ items: [TrainingItem], averageRecall: Double
    ) -> (stabilities: [Double], ratingCounts: [Int: Int])? {
        // first rating → first interval → (recalled, total)
        var groups: [Int: [Int: (recalled: Int, total: Int)]] = [:]
        for item in items where item.longTermReviewCount == 1 {
            guard let firstLongTerm = item.reviews.first(where: { $0.elapsedDays > 0 }) else {
                continue
            }
            let rating = item.reviews[0].rating.rawValue
            var group = groups[rating, default: [:]][firstLongTerm.elapsedDays, default: (0, 0)]
            group.recalled += firstLongTerm.rating.isPass ? 1 : 0
            group.total += 1
            groups[rating, default: [:]][firstLongTerm.elapsedDays] = group
        }

        var stabilities: [Int: Double] = [:]
        var ratingCounts: [Int: Int] = [:]
        for (rating, byInterval) in groups {
            let points = byInterval.sorted { $0.key < $1.key }.map { interval, counts in
                let count = Double(counts.total)
                let rate = Double(counts.recalled) / count
                return Point(
                    elapsed: Double(interval), recall: (rate * count + averageRecall) / (count + 1),
                    count: count)
            }
            ratingCounts[rating] = byInterval.values.reduce(0) { $0 + $1.total }
            stabilities[rating] = search(points, defaultStability: defaults[rating - 1])
        }
        guard let filled = smoothAndFill(stabilities, ratingCounts: ratingCounts) else {
            return nil
        }
        return (filled, ratingCounts)
    }

    /// Makes S0 non-decreasing from Again to Easy and fills the ratings without data
    /// (fsrs-rs `smooth_and_fill`); `nil` if no rating has data.
    ///
    /// Out-of-order pairs take the value of the rating with more items. Missing values come
    /// from fixed log-linear relations between neighbours (weights 0.41 and 0.54); with a single
    /// rating, the defaults are scaled by its ratio to its default. Results are clamped to
    /// [0.001, 100].
    static func smoothAndFill(_ fitted: [Int: Double], ratingCounts: [Int: Int]) -> [Double]? {
        var s = fitted.filter { ratingCounts[$0.key] != nil }
        for (small, big) in [(1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4)] {
            guard let smallValue = s[small], let bigValue = s[big], smallValue > bigValue,
                let smallCount = ratingCounts[small], let bigCount = ratingCounts[big]
            else { continue }
            if smallCount > bigCount {
                s[big] = smallValue
            } else {
                s[small] = bigValue
            }
        }

        let w1 = 0.41
        let w2 = 0.54
        switch s.count {
        case 0:
            return nil
        case 1:
            guard let (rating, value) = s.first else { return nil }
            let scale = value / defaults[rating - 1]
            return defaults.map { clampInitial($0 * scale) }
        case 2:
            switch (s[1], s[2], s[3], s[4]) {
            case (nil, nil, let r3?, let r4?):
                let r2 = pow(r3, 1 / (1 - w2)) * pow(r4, 1 - 1 / (1 - w2))
                s[2] = r2
                s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, nil, let r4?):
                let r3 = pow(r2, 1 - w2) * pow(r4, w2)
                s[3] = r3
                s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, let r3?, nil):
                s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
                s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, nil, let r4?):
                let share = w1 / (w1 + w2 - w1 * w2)
                let r2 = pow(r1, share) * pow(r4, 1 - share)
                s[2] = r2
                let shareGood = w2 / (w1 + w2 - w1 * w2)
                s[3] = pow(r1, 1 - shareGood) * pow(r4, shareGood)
            case (let r1?, nil, let r3?, nil):
                let r2 = pow(r1, w1) * pow(r3, 1 - w1)
                s[2] = r2
                s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            case (let r1?, let r2?, nil, nil):
                let r3 = pow(r1, 1 - 1 / (1 - w1)) * pow(r2, 1 / (1 - w1))
                s[3] = r3
                s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            default:
                break
            }
        case 3:
            switch (s[1], s[2], s[3], s[4]) {
            case (nil, let r2?, let r3?, _):
                s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, let r3?, _):
                s[2] = pow(r1, w1) * pow(r3, 1 - w1)
            case (_, let r2?, nil, let r4?):
                s[3] = pow(r2, 1 - w2) * pow(r4, w2)
            case (_, let r2?, let r3?, nil):
                s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            default:
                break
            }
        default:
            break
        }
        let values = (1...4).compactMap { s[$0] }
        guard values.count == 4 else { return nil }
        return values.map(clampInitial)
    }

    // MARK: - Private

    /// The default initial stabilities, the L1 pull's targets.
    private static let defaults = Array(Parameters.default.values[0..<4])
    /// The largest initial stability (fsrs-rs `INIT_S_MAX`).
    private static let maximumInitialStability = 100.0

    /// One first interval: its days, smoothed recall rate and number of items.
    private struct Point {
        let elapsed: Double
        let recall: Double
        let count: Double
    }

    /// Ternary search of the stability with the least loss (fsrs-rs `search_parameters`).
    private static func search(_ points: [Point], defaultStability: Double) -> Double {
        var low = TrainingLoss.stabilityRange.lowerBound
        var high = maximumInitialStability
        var best = defaultStability
        var iterations = 0
        while high - low > Double.ulpOfOne && iterations < 1000 {
            iterations += 1
            let third = low + (high - low) / 3
            let twoThirds = high - (high - low) / 3
            if loss(points, stability: third, defaultStability: defaultStability)
                < loss(points, stability: twoThirds, defaultStability: defaultStability)
            {
                high = twoThirds
            } else {
                low = third
            }
            best = (high + low) / 2
        }
        return best
    }

    /// Count-weighted log loss under the default curve, plus |S − S0 default| / 16.
    private static func loss(
        _ points: [Point], stability: Double, defaultStability: Double
    ) -> Double {
        let decay = -Parameters.default[20]
        let factor = pow(0.9, 1 / decay) - 1
        var total = 0.0
        for point in points {
            let predicted = pow(point.elapsed / stability * factor + 1, decay)
            total -=
                (point.recall * log(predicted) + (1 - point.recall) * log(1 - predicted))
                * point.count
        }
        return total + abs(stability - defaultStability) / 16
    }

    private static func clampInitial(_ value: Double) -> Double {
        min(max(value, TrainingLoss.stabilityRange.lowerBound), maximumInitialStability)
    }
}
