import AcademyProtocol
import Foundation

/// Why talking to the academy server failed, for the person at the keyboard.
public struct SyncFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What happened and what to do.
    public let message: String
    /// The HTTP status, when the server answered.
    public let status: Int?

    /// Creates a failure.
    public init(_ message: String, status: Int? = nil) {
        self.message = message
        self.status = status
    }

    /// The message.
    public var description: String { message }
}

/// The laptop's side of the sync protocol: one HTTP request per call, through libcurl opened
/// when the first request goes out on Linux and URLSession on macOS (no SwiftNIO in the CLI).
public struct AcademyClient: Sendable {
    /// The server's base URL, such as `https://academy.example.com`.
    public let server: URL
    /// The bearer token, if any (a device's or a trainer's).
    public let token: String?
    /// Whether a sync that fits goes as one request (`POST /v1/sync`) rather than as a push, a
    /// pull and the changes; tests turn it off to hold the separate requests to the same
    /// outcome.
    public var syncsInOneRequest = true

    /// A client of `server`; refuses plain `http` to anything but this machine, because
    /// tokens would cross the network in the clear (put the server behind TLS).
    public init(server text: String, token: String?) throws(SyncFailure) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            let host = url.host, ["http", "https"].contains(scheme)
        else {
            throw SyncFailure(
                "\(text) is not a server address; write it like https://academy.example.com")
        }
        if scheme == "http", !["127.0.0.1", "::1", "[::1]", "localhost"].contains(host) {
            throw SyncFailure(
                "\(text) is plain http to another machine: tokens would travel in the clear. Use "
                    + "the https address (docs/ACADEMY.md: TLS at the reverse proxy)")
        }
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        self.server = URL(string: base) ?? url
        self.token = token
    }

    /// Trades an enrolment code for a device token.
    public func enrol(code: String, deviceName: String) async throws(SyncFailure)
        -> EnrolmentResponse
    {
        try await send("POST", "/v1/enrol", EnrolmentRequest(code: code, deviceName: deviceName))
    }

    /// Pushes answers; returns what the server acknowledged.
    public func push(_ answers: [SyncedAnswer]) async throws(SyncFailure) -> PushResponse {
        try await send("POST", "/v1/answers", PushRequest(answers: answers))
    }

    /// Pulls what came after `cursor`.
    public func pull(releasesAfter: Int64, answersAfter: Int64) async throws(SyncFailure)
        -> PullResponse
    {
        try await send(
            "GET", "/v1/pull?releases_after=\(releasesAfter)&answers_after=\(answersAfter)",
            nil as PushRequest?)
    }

    /// Publishes decks (a trainer's token).
    public func publish(_ decks: [DeckUpload]) async throws(SyncFailure) -> PublishResponse {
        try await send("POST", "/v1/decks", PublishRequest(decks: decks))
    }

    /// Sends one request and decodes the answer, or throws the server's message.
    public func send<Body: Encodable, Answer: Decodable>(
        _ method: String, _ path: String, _ body: Body?
    ) async throws(SyncFailure) -> Answer {
        guard let url = URL(string: server.absoluteString + path) else {
            throw SyncFailure("cannot build the address \(server.absoluteString)\(path)")
        }
        var request = HTTPRequest(method: method, url: url, token: token)
        if let body {
            request.headers.append(("Content-Type", "application/json"))
            do {
                // A push, the largest body, is written by hand (the same bytes in a sixth of the
                // time: `academy-bench json`); the encoder writes the rest, and a push the hand
                // cannot write (a number JSON cannot hold), to throw its own error.
                request.body =
                    try (body as? PushRequest)?.encodedJSON()
                    ?? AcademyJSON.encoder().encode(body)
            } catch {
                throw SyncFailure("cannot encode the request: \(error)")
            }
        }
        let data = try await exchange(
            request, advice: "check the address and the network, then sync again")
        // A push's acknowledgement, 5,000 ids, is read by hand when written plainly (the same
        // value in a fraction of the time); anything else goes to the decoder, as before.
        if Answer.self == PushResponse.self,
            let read = data.withUnsafeBytes({ PushResponse(plainJSON: $0) }) as? Answer
        {
            return read
        }
        do {
            return try AcademyJSON.decoder().decode(Answer.self, from: data)
        } catch {
            throw SyncFailure(
                "the server's answer is not what this lianxi reads (\(error)); is it a newer "
                    + "lianxi-server? Update lianxi")
        }
    }
}

extension AcademyClient {
    /// Sends `request` and returns the body of a 200 answer; an unreachable server (with
    /// `advice` for the person) or a refusal (with the server's reason) is a ``SyncFailure``.
    func exchange(_ request: HTTPRequest, advice: String) async throws(SyncFailure) -> Data {
        let answer: HTTPAnswer
        do throws(HTTPFailure) {
            answer = try await request.send()
        } catch {
            switch error {
            case .unreachable(let reason):
                throw SyncFailure(
                    "could not reach \(server.absoluteString) (\(reason)); " + advice)
            case .unavailable(let failure):
                throw failure
            }
        }
        let (status, data) = (answer.status, answer.body)
        guard status == 200 else {
            let problem = try? AcademyJSON.decoder().decode(ProblemResponse.self, from: data)
            throw SyncFailure(
                "the server refused (\(status)): "
                    + (problem?.error
                        ?? "no explanation; is \(server.absoluteString) a lianxi-server?"),
                status: status)
        }
        return data
    }
}
