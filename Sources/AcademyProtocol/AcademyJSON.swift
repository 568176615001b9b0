import Foundation

/// The JSON coders of the protocol: snake_case keys, sorted for stable bytes.
///
/// The keys are the messages' own `CodingKeys` (written in snake case), not a key strategy: a
/// strategy converts every key of every object as it is read or written, which cost a push of
/// 5,000 answers more than its SQL.
public enum AcademyJSON {
    /// An encoder that writes the protocol's JSON.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder that reads the protocol's JSON.
    public static func decoder() -> JSONDecoder {
        JSONDecoder()
    }
}
