/// Why a piece of text could not be read as pinyin.
///
/// Positions count characters (as a person sees them) from 0 at the start of the text.
public enum PinyinError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text holds no syllable at all: it is empty, or only spaces and punctuation.
    case empty
    /// Letters that do not spell a pinyin syllable, such as `xq` or `lue4`.
    case notASyllable(String, position: Int)
    /// A character that has no place in pinyin, such as a hanzi, an emoji or the digit 7.
    case unexpectedCharacter(Character, position: Int)
    /// A tone number with no syllable in front of it, such as the 4 in `ni3 4`.
    case strayToneNumber(Character, position: Int)
    /// A syllable written with a tone mark and a different tone number, such as `nǐ4`.
    case conflictingTones(String, position: Int)

    /// The text that is not pinyin; empty for ``empty``.
    public var fragment: String {
        switch self {
        case .empty: ""
        case .notASyllable(let text, _), .conflictingTones(let text, _): text
        case .unexpectedCharacter(let character, _), .strayToneNumber(let character, _):
            String(character)
        }
    }

    /// The character offset where the fragment starts; `nil` for ``empty``.
    public var position: Int? {
        switch self {
        case .empty: nil
        case .notASyllable(_, let position), .conflictingTones(_, let position),
            .unexpectedCharacter(_, let position), .strayToneNumber(_, let position):
            position
        }
    }

    /// A sentence for the person who wrote the text, naming the fragment and where it starts.
    public var description: String {
        switch self {
        case .empty:
            "There is no pinyin here: the text is empty or only spaces and punctuation."
        case .notASyllable(let text, let position):
            "“\(text)” at position \(position) is not a pinyin syllable."
        case .unexpectedCharacter(let character, let position):
            "“\(character)” at position \(position) is not a pinyin letter, tone or punctuation."
        case .strayToneNumber(let character, let position):
            "“\(character)” at position \(position) is a tone number with no syllable before it."
        case .conflictingTones(let text, let position):
            "“\(text)” at position \(position) has a tone mark and a different tone number."
        }
    }
}
