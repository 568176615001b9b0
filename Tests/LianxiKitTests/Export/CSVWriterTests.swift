import CohortReporting
import LianxiKit
import Testing

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("支付宝", "支付宝"),
        ("a, b", "\"a, b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+86 21 5555", "\"'+86 21 5555\""),
        ("-1", "\"'-1\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""),
        ("\tcmd", "\"'\tcmd\""),
        ("\rcmd", "\"'\rcmd\""),
        ("it's", "it's"),
        ("'quoted", "\"'quoted\""),
        ("", ""),
    ])
    func textCellsAreQuotedAndNeutralised(_ value: String, written: String) {
        var writer = CSVWriter(header: ["value"])
        writer.append([.text(value)])
        #expect(writer.text == "\u{FEFF}value\r\n\(written)\r\n")
    }

    @Test func numbersAreWrittenAsNumbersEvenWhenNegative() {
        var writer = CSVWriter(header: ["name", "count", "change", "retention", "last"])
        writer.append([
            "ana", .integer(-3), .decimal(-0.5, places: 2), .decimal(0.91234, places: 3), .empty,
        ])
        #expect(
            writer.text == "\u{FEFF}name,count,change,retention,last\r\nana,-3,-0.50,0.912,\r\n")
    }
}
