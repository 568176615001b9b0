import SpacedRepetition
import Testing

@testable import CohortReporting

/// Text in a report page: most names pass unchanged (a fast path), and everything HTML or a
/// browser's bidirectional algorithm would obey is still neutralised.
@Suite struct HTMLEscapeTests {
    @Test(arguments: [
        ("associate-00042", "associate-00042"),
        ("王小明 · core1-1-people: 3 known", "王小明 · core1-1-people: 3 known"),
        ("Zoë Müller — 张伟", "Zoë Müller — 张伟"),
        ("<b>&\"'", "&lt;b&gt;&amp;&quot;&#39;"),
        ("tab\there\nline", "tab\there\nline"),
        ("bell\u{07}del\u{7F}", "bell\u{FFFD}del\u{FFFD}"),
        ("c1\u{85}\u{9F}end", "c1\u{FFFD}\u{FFFD}end"),
        ("\u{A0}\u{B7}\u{C2}", "\u{A0}\u{B7}\u{C2}"),
        ("evil\u{202E}txt.exe", "eviltxt.exe"),
        ("kept\u{2066}inside\u{2069}", "kept\u{2066}inside\u{2069}"),
        ("unopened\u{202C}", "unopened"),
        ("dash\u{2014}and ellipsis\u{2026}", "dash\u{2014}and ellipsis\u{2026}"),
    ])
    func escapes(_ text: String, expected: String) {
        #expect(escape(text) == expected)
        #expect(escape(text[...]) == expected)
    }
}

/// Coordinates in the page's drawings: to a tenth, written from integers, the same text as
/// Swift's own shortest form of the rounded double.
@Suite struct SVGNumberTests {
    static func swiftsOwn(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))" : "\(tenths)"
    }

    @Test(arguments: [
        (12.0, "12"), (50.94, "50.9"), (50.95, "51"), (-0.5, "-0.5"), (-0.04, "0"), (-0.0, "0"),
        (-3.0, "-3"), (0.05, "0.1"), (1_234_567.25, "1234567.3"), (940, "940"),
    ])
    func casesWorkedOutByHand(_ value: Double, expected: String) {
        #expect(SVG.number(value) == expected)
        #expect(Self.swiftsOwn(value) == expected)
    }

    @Test func equalsSwiftsOwnFormOnRandomValues() {
        var generator = SplitMix64(seed: 17)
        for round in 0..<50_000 {
            let value =
                round % 2 == 0
                ? Double.random(in: -2_000...250_000, using: &generator)
                : Double(Int.random(in: -100_000...100_000, using: &generator)) / 20
            #expect(SVG.number(value) == Self.swiftsOwn(value), "\(value)")
            if SVG.number(value) != Self.swiftsOwn(value) { return }
        }
    }
}
