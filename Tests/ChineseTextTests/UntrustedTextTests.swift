import ChineseText
import Testing

@Suite("Showing untrusted text in a terminal")
struct UntrustedTextTests {
    @Test(arguments: [
        ("to pay", "to pay"),
        ("支付 zhīfù", "支付 zhīfù"),
        // OSC 52 (set the clipboard) and a screen clear.
        ("pay\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J", "pay␛]52;c;ZXZpbA==␇␛[2J"),
        // OSC 8 (a link that shows other text).
        ("\u{1B}]8;;http://x\u{1B}\\bank\u{1B}]8;;\u{1B}\\", "␛]8;;http://x␛\\bank␛]8;;␛\\"),
        ("a\u{9B}2Jb", "a<U+009B>2Jb"),
        ("del\u{7F}", "del␡"),
        ("nul\u{0}", "nul␀"),
        ("Ana \u{202E}evil", "Ana <U+202E>evil"),
        ("\u{2066}x\u{2069}", "<U+2066>x<U+2069>"),
        ("one\ttwo\nthree\r\nfour\u{2028}five", "one two three four five"),
        // Marks that reorder nothing beyond their neighbour stay.
        ("a\u{200F}b\u{200E}c", "a\u{200F}b\u{200E}c"),
    ])
    func controlsAreShownNotObeyed(_ text: String, _ shown: String) {
        #expect(UntrustedText.shown(text) == shown)
        #expect(UntrustedText.shown(shown) == shown)
        #expect(
            !UntrustedText.shown(text).unicodeScalars.contains(where: UntrustedText.isUnshowable))
    }

    @Test func everyUnshowableScalarIsFoundAndNamed() {
        #expect(UntrustedText.unshowableCharacter(in: "to pay") == nil)
        #expect(UntrustedText.unshowableCharacter(in: "pay\u{1B}[2J") == "\u{1B}")
        #expect(UntrustedText.describe("\u{1B}") == "an escape character (U+001B)")
        #expect(UntrustedText.describe("\u{202E}") == "a right-to-left override (U+202E)")
        #expect(UntrustedText.describe("\u{9B}") == "a control sequence introducer (U+009B)")
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected =
                value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            #expect(UntrustedText.isUnshowable(scalar) == expected, "U+\(value)")
        }
    }

    /// The search skips the scalars of text whose bytes show none can be unshowable; each
    /// scalar alone and between others is still found exactly when it is unshowable.
    @Test(arguments: [
        (UInt32(0), UInt32(0x3000)), (0xFE00, 0xFFFF), (0x1_0000, 0x1_0100), (0x2_0000, 0x2_0100),
    ])
    func unshowableCharacterIsFoundWhereverItIs(from first: UInt32, to last: UInt32) {
        for value in first...last {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = UntrustedText.isUnshowable(scalar) ? scalar : nil
            for text in ["\(scalar)", "支付 zhīfù \(scalar)", "\(scalar)ü 支付", "to\(scalar)pay"] {
                #expect(UntrustedText.unshowableCharacter(in: text) == expected, "U+\(value)")
            }
        }
    }

    @Test(arguments: [
        ("Ana \u{202E}evil", "Ana evil"),
        ("\u{202E}abc\u{202C} def", "\u{202E}abc\u{202C} def"),
        ("x\u{202C}y", "xy"),
        ("\u{2067}عربي\u{2069} and", "\u{2067}عربي\u{2069} and"),
        ("\u{2067}a\u{202E}b\u{2069}c", "\u{2067}ab\u{2069}c"),
        ("\u{2069}\u{2066}", ""),
        ("\u{202B}\u{2066}x\u{202C}", "x"),
    ])
    func unpairedBidirectionalControlsAreDropped(_ text: String, _ balanced: String) {
        #expect(UntrustedText.withBalancedBidi(text) == balanced)
    }
}
