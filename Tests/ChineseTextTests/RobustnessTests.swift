import ChineseText
import Foundation
import TestSupport
import Testing

/// Random input, from a seeded generator: nothing may crash, and what parses must keep its meaning
/// when written out and read again.
@Suite("Random input")
struct RobustnessTests {
    /// Characters that make text look like pinyin, so that random strings often parse.
    static let pinyinAlphabet: [Character] =
        Array(
            "abcdefghijklmnopqrstuvwxyzAEIOUV012345 ''’:-,.?üÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếńňḿ")
        + ["\u{304}", "\u{301}", "\u{30C}", "\u{300}", "\u{308}", "\u{302}", "\u{306}"].map {
            Character($0)
        }

    /// Characters that are not pinyin but turn up in typed answers: hanzi, emoji, joiners, escapes.
    static let others: [Character] = [
        "你", "好", "儿", "一", "👍", "🇨🇳", "\u{200D}", "\u{FE0F}", "，", "\t", "\u{1B}", "[",
    ]

    static func randomText(using generator: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...24, using: &generator)
        var text = ""
        for _ in 0..<length {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<6:
                text.append(pinyinAlphabet.randomElement(using: &generator) ?? "a")
            case 6..<8:
                text.append(others.randomElement(using: &generator) ?? "a")
            default:
                text.unicodeScalars.append(randomScalar(using: &generator))
            }
        }
        return text
    }

    /// Pinyin-like text: real syllables in random tones and spellings, joined by random
    /// separators, so that most of it parses and the round trip is exercised.
    static func randomPinyin(using generator: inout SeededGenerator) -> String {
        let separators = ["", "", " ", "'", ", ", "-", "  "]
        var text = ""
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            let spelling = StandardSyllables.all.randomElement(using: &generator) ?? "a"
            let tone = Int.random(in: 1...5, using: &generator)
            var syllable: String
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: syllable = StandardSyllables.marked(spelling, tone: tone)
            case 1: syllable = spelling.replacingOccurrences(of: "ü", with: "v") + String(tone)
            case 2: syllable = spelling.replacingOccurrences(of: "ü", with: "u:") + String(tone)
            default: syllable = spelling + (tone == 5 ? "" : String(tone))
            }
            if Bool.random(using: &generator) {
                syllable = syllable.capitalized
            }
            if Int.random(in: 0..<8, using: &generator) == 0 {
                syllable += Bool.random(using: &generator) ? "r" : " r5"
            }
            text += (separators.randomElement(using: &generator) ?? "") + syllable
        }
        return text
    }

    static func randomScalar(using generator: inout SeededGenerator) -> Unicode.Scalar {
        while true {
            if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &generator)) {
                return scalar
            }
        }
    }

    @Test func parserNeverCrashesAndRoundTrips() throws {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        var parsed = 0
        for round in 0..<6_000 {
            let text =
                round.isMultiple(of: 2)
                ? Self.randomPinyin(using: &generator) : Self.randomText(using: &generator)
            guard let pinyin = try? Pinyin(parsing: text) else { continue }
            parsed += 1
            let again = try Pinyin(parsing: pinyin.toneMarked)
            #expect(
                again.syllables.map(\.toneNumbered) == pinyin.syllables.map(\.toneNumbered),
                "“\(text)” → \(pinyin.toneMarked)")
            let fromNumbers = try Pinyin(parsing: pinyin.toneNumbered)
            #expect(fromNumbers.syllables == pinyin.syllables, "“\(text)” → \(pinyin.toneNumbered)")
        }
        #expect(parsed > 2_000)
    }

    @Test func checkerNeverCrashesAndAcceptsItsOwnAnswers() throws {
        var generator = SeededGenerator(seed: 0x5EED_0002)
        let expected = try Pinyin(parsing: "yīdiǎnr nǚ'ér Xī'ān")
        for round in 0..<3_000 {
            let text =
                round.isMultiple(of: 2)
                ? Self.randomPinyin(using: &generator) : Self.randomText(using: &generator)
            let check = AnswerChecker.check(typed: text, expected: expected, hanzi: "一点儿女儿西安")
            #expect(check.syllables.compactMap(\.expected).count == expected.syllables.count)
            if let pinyin = try? Pinyin(parsing: text) {
                for typed in [pinyin.toneMarked, pinyin.toneNumbered] {
                    let own = AnswerChecker.check(typed: typed, expected: pinyin, options: .strict)
                    #expect(own.verdict == .correct, "“\(text)” typed as “\(typed)”")
                }
            }
        }
    }

    @Test func widthFunctionsNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED_0003)
        for _ in 0..<3_000 {
            let text = Self.randomText(using: &generator)
            let columns = Int.random(in: 0...12, using: &generator)
            #expect(text.truncated(to: columns).terminalColumns <= max(columns, 0))
            #expect(text.padded(to: columns).terminalColumns >= columns)
        }
    }

    @Test func longInputStaysFast() throws {
        // A 10,000-syllable run has no spaces at all; splitting must stay linear.
        let text = String(repeating: "zhong1guo2ren2xian", count: 2_500)
        let pinyin = try Pinyin(parsing: text)
        #expect(pinyin.syllables.count == 10_000)
    }
}
