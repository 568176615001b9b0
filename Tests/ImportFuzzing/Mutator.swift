import Foundation
import SpacedRepetition

/// Makes hostile variants of a deck file: bytes flipped, cut, repeated; cells, lines and header
/// lines replaced by tokens the readers care about; pieces of other files spliced in.
public struct Mutator {
    private var generator: SplitMix64
    /// Lines of every seed, to splice into others.
    private let lines: [Data]

    /// Creates a mutator drawing from `seed`, splicing lines of `seeds`.
    public init(seed: UInt64, seeds: [Seed]) {
        generator = SplitMix64(seed: seed)
        lines = seeds.filter { !$0.isBinary }.flatMap { seed in
            seed.data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        }
    }

    /// Text that deck readers treat specially.
    static let tokens: [String] =
        [
            "\t", ",", ";", "\"", "\"\"", "\n", "\r\n", "\r", "#", "//", "\u{FEFF}", "\0",
            "#separator:tab\n", "#separator:Comma\n", "#separator:Semicolon\n", "#separator:Pipe\n",
            "#html:true\n", "#html:false\n", "#columns:id\thanzi\tpinyin\tenglish\n",
            "#columns:\n", "#guid column:1\n", "#guid column:99\n", "#tags column:0\n",
            "#notetype column:2\n", "#deck column:3\n", "#deck:\n", "#title:\n", "#version:\n",
            "#title:" + String(repeating: "长", count: 300) + "\n", "<b>", "</b>", "<br>", "&nbsp;",
            "&#x4e2d;", "&#99999999;", "&amp", "<img src=\"x.png\">", "[sound:a.mp3]", "{{c1::支付}}",
            "ü", "u:", "v", "lv4", "nǚ", "xx5", "zhī fù", "zhi1fu4", "ㄓ", "𠀀", "\u{0301}",
            "\u{202E}",
            "\u{200D}", "\u{FFFD}", "支付[支付]", "訂單", "0", "-1", "7-9", "HSK 3",
            "99999999999999999999",
            "hanzi,pinyin,english\n", "simplified\ttraditional\tpinyin\tmeaning\n",
            String(repeating: "a", count: 70_000), String(repeating: "\t", count: 300),
            String(repeating: "支", count: 5_000), String(repeating: "\n", count: 2_000),
        ] + HostileValues.deckText
    static let interestingBytes: [UInt8] = [
        0x00, 0xFF, 0x09, 0x0A, 0x0D, 0x22, 0x2C, 0x23, 0x3B, 0x80, 0xC3, 0xE4, 0xEF, 0xBB, 0xBF,
        0xFE, 0x50, 0x4B,
    ]

    /// A variant of `data`: one to four mutations stacked.
    public mutating func mutate(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            apply(to: &bytes)
        }
        return Data(bytes)
    }

    private mutating func position(in bytes: [UInt8], inclusive: Bool = false) -> Int {
        let upper = bytes.count + (inclusive ? 1 : 0)
        return upper == 0 ? 0 : Int.random(in: 0..<upper, using: &generator)
    }

    private mutating func apply(to bytes: inout [UInt8]) {
        switch Int.random(in: 0..<11, using: &generator) {
        case 0 where !bytes.isEmpty:  // flip a few bits
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = position(in: bytes)
                bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            }
        case 1 where !bytes.isEmpty:  // an interesting byte
            bytes[position(in: bytes)] =
                Self.interestingBytes[
                    Int.random(in: Self.interestingBytes.indices, using: &generator)]
        case 2 where !bytes.isEmpty:  // cut a range
            let start = position(in: bytes)
            let length = Int.random(in: 1...max(1, min(64, bytes.count - start)), using: &generator)
            bytes.removeSubrange(start..<min(bytes.count, start + length))
        case 3 where !bytes.isEmpty:  // repeat a range elsewhere
            let start = position(in: bytes)
            let end = min(bytes.count, start + Int.random(in: 1...256, using: &generator))
            let piece = Array(bytes[start..<end])
            let times = Int.random(
                in: 1...(Bool.random(using: &generator) ? 2 : 200), using: &generator)
            bytes.insert(
                contentsOf: Array([[UInt8]](repeating: piece, count: times).joined()),
                at: position(in: bytes, inclusive: true))
        case 4:  // truncate
            bytes = Array(bytes.prefix(position(in: bytes, inclusive: true)))
        case 5:  // a token
            let token = Array(
                Self.tokens[Int.random(in: Self.tokens.indices, using: &generator)].utf8)
            bytes.insert(contentsOf: token, at: position(in: bytes, inclusive: true))
        case 6:  // a cell replaced by a token, or emptied
            replaceCell(in: &bytes)
        case 7:  // a line of another file spliced in
            if let line = lines.randomElement(using: &generator) {
                let at = lineStart(in: bytes)
                bytes.insert(contentsOf: Array(line) + [0x0A], at: at)
            }
        case 8:  // a line removed or doubled
            mutateLine(in: &bytes)
        case 9:  // a random ASCII or UTF-8 run
            let run = (0..<Int.random(in: 1...16, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            bytes.insert(contentsOf: run, at: position(in: bytes, inclusive: true))
        default:  // line endings switched
            bytes = Array(
                String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
                    .utf8)
        }
    }

    private mutating func lineStart(in bytes: [UInt8]) -> Int {
        let starts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        return starts.randomElement(using: &generator) ?? 0
    }

    private mutating func mutateLine(in bytes: inout [UInt8]) {
        let start = lineStart(in: bytes)
        let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
        if Bool.random(using: &generator) {
            bytes.removeSubrange(start..<end)
        } else {
            bytes.insert(contentsOf: Array(bytes[start..<end]), at: start)
        }
    }

    private mutating func replaceCell(in bytes: inout [UInt8]) {
        let separators: Set<UInt8> = [0x09, 0x2C, 0x3B, 0x0A]
        let boundaries = bytes.indices.filter { separators.contains(bytes[$0]) }
        guard let cellStart = boundaries.randomElement(using: &generator).map({ $0 + 1 }),
            cellStart <= bytes.count
        else { return }
        let cellEnd = bytes[cellStart...].firstIndex { separators.contains($0) } ?? bytes.count
        let replacement =
            Bool.random(using: &generator)
            ? [] : Array(Self.tokens[Int.random(in: Self.tokens.indices, using: &generator)].utf8)
        bytes.replaceSubrange(cellStart..<cellEnd, with: replacement)
    }
}
