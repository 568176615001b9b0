/// A set of card or note ids, asked about many times: one bit per id between the smallest and
/// the largest when they lie close together (as they do: notes are numbered from 1, and a
/// note's cards follow from its id), a hashed set otherwise.
///
/// A session's start asks whether each note along the beginner's path is passed over and
/// whether each of its cards was started (tens of thousands of questions on a large
/// collection), where hashing each id cost more than the rest of the walk.
struct IdSet {
    private enum Members {
        /// Bit `id - base` of the words is set for each member.
        case bits(base: Int64, words: [UInt64])
        case hashed(Set<Int64>)
    }

    private let storage: Members

    /// At most this many bits per member before the set is hashed instead (64 bits per member
    /// is the size of a hashed member; a collection's card ids set about 1 bit in 2).
    static let maximumBitsPerMember: Int64 = 64

    /// The set of `ids`.
    init(_ ids: some Collection<Int64>) {
        guard let low = ids.min(), let high = ids.max() else {
            storage = .bits(base: 0, words: [])
            return
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span / Self.maximumBitsPerMember < Int64(ids.count) else {
            storage = .hashed(Set(ids))
            return
        }
        var words = [UInt64](repeating: 0, count: Int(span / 64) + 1)
        for id in ids {
            let offset = id - low
            words[Int(offset / 64)] |= 1 << UInt64(offset % 64)
        }
        storage = .bits(base: low, words: words)
    }

    /// Whether `id` is in the set.
    func contains(_ id: Int64) -> Bool {
        switch storage {
        case .bits(let base, let words):
            guard id >= base else { return false }
            let offset = id - base
            let word = offset / 64
            return word < Int64(words.count) && words[Int(word)] & (1 << UInt64(offset % 64)) != 0
        case .hashed(let set):
            return set.contains(id)
        }
    }

    /// Whether the set holds its members as bits (for tests of both ways).
    var isBitSet: Bool {
        if case .bits = storage { true } else { false }
    }
}
