import Synchronization
import Testing

@testable import AcademyServer

/// The live page's parts are drawn side by side and sent in order, with a bounded number
/// waiting.
@Suite struct DrawInOrderTests {
    @Test(arguments: [1, 2, 3, 8])
    func partsAreSentInOrderWithFewWaiting(ahead: Int) async throws {
        let waiting = Mutex((now: 0, most: 0))
        let parts: [@Sendable () -> String] = (0..<40).map { index in
            {
                // Uneven work, so parts finish out of order.
                var text = ""
                for _ in 0..<((index * 7919) % 13) * 300 { text += "x" }
                waiting.withLock {
                    $0.now += 1
                    $0.most = max($0.most, $0.now)
                }
                return "\(index):\(text.count)"
            }
        }
        var sent: [String] = []
        try await AcademyRoutes.drawInOrder(parts, ahead: ahead) { text in
            waiting.withLock { $0.now -= 1 }
            sent.append(text)
        }
        #expect(sent == (0..<40).map { "\($0):\((($0 * 7919) % 13) * 300)" })
        #expect(waiting.withLock { $0.most } <= ahead)
    }

    @Test func nothingToDrawSendsNothing() async throws {
        var sent = 0
        try await AcademyRoutes.drawInOrder([], ahead: 2) { _ in sent += 1 }
        #expect(sent == 0)
    }
}
