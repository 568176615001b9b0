import Foundation

/// One request of the sync protocol: what the academy client asks the network to carry.
struct HTTPRequest: Sendable {
    /// `GET` or `POST`.
    let method: String
    /// The whole address, query included.
    let url: URL
    /// Header fields, in order.
    var headers: [(name: String, value: String)]
    /// The body, if any.
    var body: Data?

    /// A request carrying `token` (a device's or a trainer's), if any, as a bearer token.
    init(method: String, url: URL, token: String?) {
        self.method = method
        self.url = url
        self.headers = token.map { [("Authorization", "Bearer \($0)")] } ?? []
        self.body = nil
    }

    /// How long the network may stay silent (or take to connect) before the request fails.
    static let idleSeconds = 60
}

/// The server's answer: its status and its body.
struct HTTPAnswer: Sendable {
    /// The HTTP status.
    let status: Int
    /// The body, as received.
    let body: Data
}

/// Why a request got no answer.
enum HTTPFailure: Error {
    /// The server could not be reached; the words say why (refused, timed out, certificate).
    case unreachable(String)
    /// This machine cannot send requests at all; the failure says what to install.
    case unavailable(SyncFailure)
}
