import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback TCP proxy in front of the test server that cuts some connections.
///
/// A connection is cut mid-request (the server never sees the whole request) or after the
/// server answered (the server has committed, the client never hears it). Which connection is
/// cut is drawn from a seeded generator. With `refusingOneRequestSync`, it answers
/// `POST /v1/sync` with 404, as a server from before that request does.
final class CuttingProxy: @unchecked Sendable {
    enum Cut: Sendable {
        case none
        /// Forward this many bytes of the request, then close both sides.
        case request(afterBytes: Int)
        /// Forward the whole request, then close the client as the answer starts.
        case response
    }

    let port: Int
    private let listener: Int32
    private let target: Int
    private let refusingOneRequestSync: Bool
    private let lock = NSLock()
    private var choose: () -> Cut
    private var cuts = 0
    private var stopped = false

    /// Starts listening on 127.0.0.1 (a free port), forwarding to 127.0.0.1:`target`.
    init(target: Int, refusingOneRequestSync: Bool = false, choose: @escaping () -> Cut) throws {
        self.target = target
        self.refusingOneRequestSync = refusingOneRequestSync
        self.choose = choose
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            throw CocoaError(.featureUnsupported)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(listener, $0, &length)
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// How many connections were cut so far.
    var cutCount: Int { lock.withLock { cuts } }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            let cut = lock.withLock {
                let cut = choose()
                if case .none = cut {} else { cuts += 1 }
                return cut
            }
            Thread.detachNewThread { [self] in relay(client, cut) }
        }
    }

    private func relay(_ client: Int32, _ cut: Cut) {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: UInt16(target))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(client)
            close(server)
            return
        }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            // Server to client.
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(server, &buffer, buffer.count)
                if count <= 0 { break }
                if case .response = cut { break }
                if write(client, buffer, count) != count { break }
            }
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(server, Int32(SHUT_RDWR))
            done.signal()
        }
        // Client to server.
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var forwarded = 0
        while true {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { break }
            if refusingOneRequestSync, forwarded == 0,
                buffer[..<count].starts(with: Array("POST /v1/sync".utf8))
            {
                let notFound = Array(
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .utf8)
                _ = write(client, notFound, notFound.count)
                break
            }
            var sending = count
            if case .request(let limit) = cut {
                sending = min(count, limit - forwarded)
            }
            if sending > 0, write(server, buffer, sending) != sending { break }
            forwarded += sending
            if case .request(let limit) = cut, forwarded >= limit { break }
        }
        shutdown(server, Int32(SHUT_RDWR))
        shutdown(client, Int32(SHUT_RDWR))
        done.wait()
        close(client)
        close(server)
    }
}
