import TestSupport
import Testing

@testable import Storage

/// The sets of ids a session's start asks about (started cards, notes passed over): bits when
/// the ids lie close together, hashed otherwise, the same answers either way.
@Suite struct IdSetTests {
    /// How the ids of a set are drawn: `span` wide from `low`, `count` of them.
    struct Draw: Sendable, CustomTestStringConvertible {
        let low: Int64
        let span: Int64
        let count: Int
        let asBits: Bool

        var testDescription: String { "\(count) ids in \(low)..<\(low + span)" }
    }

    @Test(arguments: [
        // Card ids of a collection: four per note, from the first note.
        Draw(low: 4, span: 4_000, count: 1_500, asBits: true),
        Draw(low: 0, span: 64, count: 2, asBits: true),
        Draw(low: 1_000_000, span: 500, count: 500, asBits: true),
        // Few ids far apart (notes numbered by another machine).
        Draw(low: 4, span: 1 << 40, count: 300, asBits: false),
        Draw(low: -5, span: 10_000, count: 20, asBits: false),
        Draw(low: Int64.min, span: Int64.max, count: 50, asBits: false),
    ])
    func answersAsAHashedSetWould(draw: Draw) {
        var generator = SeededGenerator(seed: UInt64(draw.count))
        let ids = (0..<draw.count).map { _ in
            draw.low + Int64.random(in: 0..<draw.span, using: &generator)
        }
        let set = IdSet(ids)
        #expect(set.isBitSet == draw.asBits)
        let members = Set(ids)
        // Every member, its neighbours, and ids beyond either end.
        var asked = members.flatMap { [$0 &- 1, $0, $0 &+ 1] }
        asked += [Int64.min, Int64.max, draw.low &- 64, draw.low &+ draw.span &+ 64]
        for id in asked {
            #expect(set.contains(id) == members.contains(id), "id \(id)")
        }
    }

    @Test func anEmptySetHoldsNothing() {
        let set = IdSet([])
        #expect(!set.contains(0))
        #expect(!set.contains(4))
    }
}
