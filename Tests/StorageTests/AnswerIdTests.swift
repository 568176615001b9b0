import Foundation
import Storage
import Testing

/// Answer ids are random version 4 UUIDs in lower case, as they always were: the server and
/// other laptops merge logs by them.
@Suite struct AnswerIdTests {
    @Test func idsAreDistinctVersion4UUIDsInLowerCase() throws {
        // Given a thousand new ids
        let ids = (0..<1_000).map { _ in Answer.makeId() }

        // Then each is a version 4 UUID of the RFC's variant, written in lower case
        let shape = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
        for id in ids {
            #expect(id.wholeMatch(of: shape) != nil, "\(id)")
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
        }
        // And no two are the same, and every digit that is not fixed varies
        #expect(Set(ids).count == ids.count)
        let fixed: Set<Int> = [8, 13, 14, 18, 23]
        for position in 0..<36 where !fixed.contains(position) {
            let digits = Set(ids.map { Array($0)[position] })
            #expect(digits.count > 1, "digit \(position) is always \(digits)")
        }
    }
}
