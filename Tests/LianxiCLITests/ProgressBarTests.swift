import Testing

@testable import LianxiCLI

@Suite struct ProgressBarTests {
    @Test(arguments: [
        (0, 8, "Fit  [········]   0 %"),
        (1, 8, "Fit  [█·······]  12 %"),
        (3, 16, "Fit  [█▌······]  18 %"),
        (8, 8, "Fit  [████████] 100 %"),
        (9, 8, "Fit  [████████] 100 %"),
        (0, 0, "Fit  [········]   0 %"),
    ])
    func theBarFillsInEighths(done: Int, total: Int, expected: String) {
        #expect(ProgressBar.line(label: "Fit", done: done, total: total, width: 8) == expected)
    }

    @Test func everyLineHasTheSameWidth() {
        let widths = Set(
            (0...200).map { ProgressBar.line(label: "Fit", done: $0, total: 200).count })
        #expect(widths.count == 1)
    }
}
