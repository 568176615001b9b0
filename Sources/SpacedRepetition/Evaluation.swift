import Foundation

/// How well a set of parameters predicts recall on some items: log loss and RMSE(bins).
///
/// Both metrics are fsrs-rs's (`src/inference.rs`, `evaluate`, `rmse_bins`; `src/dataset.rs`,
/// `r_matrix_index`). The prediction for an item replays its history and takes R after the
/// target's days; the label is 1 if the target was recalled.
/// - Log loss: Σ wᵢ·BCE(Rᵢ, yᵢ) / Σ wᵢ, with recency weights wᵢ = 0.25 + 0.75·(i / (n − 1))³
///   for items in time order, or 1 for each item.
/// - RMSE(bins): items are binned by target interval, number of long-term reviews and number of
///   lapses; per bin, the mean prediction is compared with the recall rate;
///   RMSE = √(Σ W_bin·(pred − real)² / Σ W_bin), W_bin the bin's total weight.
public struct Evaluation: Hashable, Sendable {
    /// How the items count in the metrics.
    public enum Weighting: Hashable, Sendable {
        /// Items in time order, later ones weigh up to 4 times more (fsrs-rs `evaluate`).
        case recency
        /// Every item weighs the same (fsrs-rs's time-series splits).
        case uniform
    }

    /// The weighted binary cross-entropy of predicted recall; lower is better.
    public let logLoss: Double
    /// The weighted root-mean-square calibration error over bins; lower is better.
    public let rmseBins: Double
    /// The number of items scored.
    public let itemCount: Int

    /// Scores `parameters` on `items` (in time order), or returns `nil` if there are none.
    public init?(
        parameters: Parameters, items: [TrainingItem], weighting: Weighting = .recency
    ) {
        let weights: [Double] =
            switch weighting {
            case .recency: Self.recencyWeights(count: items.count)
            case .uniform: Array(repeating: 1, count: items.count)
            }
        var tally = Tally()
        tally.add(parameters: parameters, items: items, weights: weights)
        guard let evaluation = tally.evaluation else { return nil }
        self = evaluation
    }

    init(logLoss: Double, rmseBins: Double, itemCount: Int) {
        self.logLoss = logLoss
        self.rmseBins = rmseBins
        self.itemCount = itemCount
    }

    /// fsrs-rs's recency weights for `count` items in time order: 0.25 + 0.75·(i / (n − 1))³
    /// (`src/dataset.rs`, `recency_weighted_fsrs_items`).
    static func recencyWeights(count: Int) -> [Double] {
        let last = Double(max(count - 1, 1))
        return (0..<count).map { index in
            let position = Double(index) / last
            return 0.25 + 0.75 * position * position * position
        }
    }

    /// Predictions, labels and bins gathered from one or more sets of items.
    struct Tally {
        private var weightedLoss = 0.0
        private var totalWeight = 0.0
        private var itemCount = 0
        private var bins: [Bin: BinTotals] = [:]

        /// Adds the predictions of `parameters` for `items`, each with its weight.
        mutating func add(parameters: Parameters, items: [TrainingItem], weights: [Double]) {
            let predictions = TrainingLoss(items: items, weights: weights)
                .predictions(at: parameters.values)
            for (index, item) in items.enumerated() {
                let r = min(
                    max(predictions[index], TrainingLoss.probabilityRange.lowerBound),
                    TrainingLoss.probabilityRange.upperBound)
                let label = item.isRecalled ? 1.0 : 0.0
                let weight = weights[index]
                weightedLoss -= (label * log(r) + (1 - label) * log(1 - r)) * weight
                totalWeight += weight
                itemCount += 1
                bins[Bin(item), default: BinTotals()].add(
                    prediction: predictions[index], label: label, weight: weight)
            }
        }

        /// Adds the items of `other`.
        mutating func merge(_ other: Tally) {
            weightedLoss += other.weightedLoss
            totalWeight += other.totalWeight
            itemCount += other.itemCount
            for (bin, totals) in other.bins {
                bins[bin, default: BinTotals()].merge(totals)
            }
        }

        /// The metrics so far, or `nil` with no items.
        var evaluation: Evaluation? {
            guard itemCount > 0, totalWeight > 0 else { return nil }
            var squares = 0.0
            var weights = 0.0
            // In bin order, so that the sum is the same on every run.
            for (_, totals) in bins.sorted(by: { $0.key < $1.key }) {
                let difference = (totals.predicted - totals.actual) / totals.count
                squares += difference * difference * totals.weight
                weights += totals.weight
            }
            return Evaluation(
                logLoss: weightedLoss / totalWeight, rmseBins: (squares / weights).squareRoot(),
                itemCount: itemCount)
        }
    }

    /// The bin of an item (fsrs-rs `r_matrix_index`).
    ///
    /// interval bin = round(2.48 · 3.62^⌊log₃.₆₂ t⌋ · 100); review bin =
    /// round(1.99 · 1.89^⌊log₁.₈₉(n + 1)⌋), n the long-term reviews including the target;
    /// lapse bin = 0 without lapses, else round(1.65 · 1.73^⌊log₁.₇₃ lapses⌋), lapses being the
    /// history's long-term Agains.
    struct Bin: Hashable, Comparable {
        let interval: Int
        let reviews: Int
        let lapses: Int

        static func < (lhs: Bin, rhs: Bin) -> Bool {
            (lhs.interval, lhs.reviews, lhs.lapses) < (rhs.interval, rhs.reviews, rhs.lapses)
        }

        init(_ item: TrainingItem) {
            let elapsed = Double(item.target.elapsedDays)
            interval = Int(
                (2.48 * pow(3.62, (log(elapsed) / log(3.62)).rounded(.down)) * 100)
                    .rounded())
            let length = Double(item.longTermReviewCount) + 1
            reviews = Int((1.99 * pow(1.89, (log(length) / log(1.89)).rounded(.down))).rounded())
            let lapseCount = item.history.count(where: {
                $0.rating == .again && $0.elapsedDays > 0
            })
            lapses =
                lapseCount == 0
                ? 0
                : Int(
                    (1.65 * pow(1.73, (log(Double(lapseCount)) / log(1.73)).rounded(.down)))
                        .rounded())
        }
    }

    /// Running sums of one bin.
    private struct BinTotals {
        var predicted = 0.0
        var actual = 0.0
        var count = 0.0
        var weight = 0.0

        mutating func add(prediction: Double, label: Double, weight: Double) {
            predicted += prediction
            actual += label
            count += 1
            self.weight += weight
        }

        mutating func merge(_ other: BinTotals) {
            predicted += other.predicted
            actual += other.actual
            count += other.count
            weight += other.weight
        }
    }
}
