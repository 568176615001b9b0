import Crypto
import Foundation

/// A 256-bit random secret (an enrolment code, a device or trainer token), shown once.
///
/// The server stores only its SHA-256 hash: a copy of the database opens no account.
struct Secret: Hashable, Sendable {
    /// The text given to the person: 64 lower-case hexadecimal digits.
    let text: String

    /// A fresh secret from the system's cryptographic random source.
    static func random() -> Secret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Secret(text: bytes.map { String(format: "%02x", $0) }.joined())
    }

    /// The hash the server stores and looks secrets up by.
    var hash: Data { Self.hash(of: text) }

    /// The SHA-256 hash of what a client sent (any text: unknown secrets simply match nothing).
    static func hash(of text: String) -> Data {
        Data(SHA256.hash(data: Data(text.utf8)))
    }
}
