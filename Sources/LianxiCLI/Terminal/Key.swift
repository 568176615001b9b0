/// A key the associate pressed, decoded from the terminal's bytes.
enum Key: Hashable, Sendable {
    case character(Character)
    case enter
    case space
    case escape
    case backspace
    case interrupt
    case endOfInput
    case arrowUp, arrowDown, arrowLeft, arrowRight
    case unknown
}

/// Turns the bytes a terminal sends into keys: escape sequences, control bytes and UTF-8.
struct KeyDecoder {
    private var pending: [UInt8] = []

    /// Feeds `bytes` and returns the keys they complete; an incomplete UTF-8 character or
    /// escape sequence waits for the next bytes.
    mutating func decode(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        while let (key, length) = Self.firstKey(in: pending[...]) {
            keys.append(key)
            pending.removeFirst(length)
        }
        return keys
    }

    /// Returns what is left when no more bytes come (a lone Escape).
    mutating func flush() -> [Key] {
        defer { pending.removeAll() }
        return pending.isEmpty ? [] : [pending == [0x1B] ? .escape : .unknown]
    }

    static func firstKey(in bytes: ArraySlice<UInt8>) -> (Key, Int)? {
        guard let first = bytes.first else { return nil }
        switch first {
        case 0x03: return (.interrupt, 1)
        case 0x04: return (.endOfInput, 1)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x20: return (.space, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x1B:
            guard bytes.count >= 2 else { return nil }
            let second = bytes[bytes.startIndex + 1]
            guard second == UInt8(ascii: "[") || second == UInt8(ascii: "O") else {
                return (.escape, 1)
            }
            guard bytes.count >= 3 else { return nil }
            // CSI: parameters and intermediates, then one final byte 0x40-0x7E.
            var index = bytes.startIndex + 2
            while index < bytes.endIndex, !(0x40...0x7E).contains(bytes[index]) {
                index += 1
            }
            guard index < bytes.endIndex else { return nil }
            let length = index - bytes.startIndex + 1
            switch bytes[index] {
            case UInt8(ascii: "A"): return (.arrowUp, length)
            case UInt8(ascii: "B"): return (.arrowDown, length)
            case UInt8(ascii: "C"): return (.arrowRight, length)
            case UInt8(ascii: "D"): return (.arrowLeft, length)
            default: return (.unknown, length)
            }
        case 0x00..<0x20:
            return (.unknown, 1)
        default:
            let length =
                first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
            guard bytes.count >= length else { return nil }
            let slice = bytes.prefix(length)
            guard let text = String(validating: slice, as: UTF8.self), let character = text.first
            else { return (.unknown, length) }
            return (.character(character), length)
        }
    }
}
