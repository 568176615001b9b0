import AcademyProtocol

/// A request the server refuses: the HTTP status and a message the person can act on.
public struct AcademyFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status code.
    public let status: Int
    /// What went wrong and what to do.
    public let message: String

    /// Creates a refusal.
    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The message.
    public var description: String { message }

    static func badRequest(_ message: String) -> AcademyFailure { AcademyFailure(400, message) }
    static let missingToken = AcademyFailure(
        401,
        "this request needs a token: send \"Authorization: Bearer TOKEN\" (enrol a device with "
            + "lianxi sync --enrol URL CODE; trainers get a token from lianxi-server trainer add)")
    static let unknownToken = AcademyFailure(
        401,
        "the token is not known or was revoked; ask the academy for a new enrolment code or token")
    static func forbidden(_ message: String) -> AcademyFailure { AcademyFailure(403, message) }
    static func notFound(_ message: String) -> AcademyFailure { AcademyFailure(404, message) }
    static func conflict(_ message: String) -> AcademyFailure { AcademyFailure(409, message) }
    static let tooLarge = AcademyFailure(
        413,
        "the request body is larger than \(AcademyLimits.maxBodyBytes / 1024 / 1024) MiB; send "
            + "fewer answers or decks at a time")
}
