/// Separates the items that fit the initial stabilities and drops outlying first intervals.
///
/// fsrs-rs `src/dataset.rs` (`prepare_training_data`, `compute_outlier_analysis`): items whose
/// target is the card's first answer a day or more after the first one are grouped by first
/// rating, then by that first interval. Per rating, the smallest interval groups (ties: the
/// shorter interval first) are dropped until at least max(20, 5 %) of the items are gone; of the
/// rest, groups of fewer than 6 items or intervals over 100 days (365 after Easy) are dropped
/// too. Every item, of any length, whose first interval after its first rating was dropped leaves
/// the training set as well.
enum OutlierFilter {
    /// The items kept for the initial stabilities, and the items kept for training.
    static func split(
        _ items: [TrainingItem]
    ) -> (initialization: [TrainingItem], training: [TrainingItem]) {
        // first rating → first interval → indices of the items
        var groups: [Int: [Int: [Int]]] = [:]
        for (index, item) in items.enumerated() where item.longTermReviewCount == 1 {
            groups[item.reviews[0].rating.rawValue, default: [:]][
                item.target.elapsedDays, default: []
            ].append(index)
        }

        var removed: [Int: Set<Int>] = [:]
        var kept: [Int] = []
        for rating in groups.keys.sorted() {
            guard let byInterval = groups[rating] else { continue }
            // Smallest groups first; among equal sizes, the shorter interval first.
            let ordered = byInterval.sorted {
                ($0.value.count, $0.key) < ($1.value.count, $1.key)
            }
            let total = ordered.reduce(0) { $0 + $1.value.count }
            let quota = max(20, total / 20)
            let longest = rating == Rating.easy.rawValue ? 365 : 100
            var removedCount = 0
            for (interval, indices) in ordered {
                if removedCount + indices.count >= quota {
                    if indices.count >= 6 && interval <= longest {
                        kept.append(contentsOf: indices)
                    } else {
                        removed[rating, default: []].insert(interval)
                    }
                } else {
                    removedCount += indices.count
                    removed[rating, default: []].insert(interval)
                }
            }
        }

        let training = items.filter { item in
            guard let firstInterval = item.reviews.first(where: { $0.elapsedDays > 0 }) else {
                return false
            }
            return removed[item.reviews[0].rating.rawValue]?.contains(firstInterval.elapsedDays)
                != true
        }
        return (kept.map { items[$0] }, training)
    }
}
