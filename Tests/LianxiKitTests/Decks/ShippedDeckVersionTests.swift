import Testing

@testable import LianxiKit

/// The quick reading of a shipped deck's `#version:` line, which decides at every start
/// whether the deck is loaded again.
@Suite struct ShippedDeckVersionTests {
    @Test(arguments: ShippedDecks.files.map(\.name))
    func theQuickReadingAgreesWithTheFullOne(name: String) throws {
        let file = try #require(ShippedDecks.files.first { $0.name == name })
        let version = ShippedDecks.version(of: file.text)
        #expect(version != nil)
        #expect(version == (try LianxiDeckFile.read(file.text, file: file.name)).metadata.version)
    }

    @Test(
        arguments: [
            ("#version:3\n#title:Payments\n", "3"),
            ("#title:Payments\n#version:2.1\nrow\tof\tnotes\n", "2.1"),
            ("#title:价格 — prices\n#version:7", "7"),
            ("#version:\n", ""),
            ("#title:Payments\nrow\n#version:9\n", nil),
            ("row\n#version:9\n", nil),
            ("", nil),
        ] as [(String, String?)])
    func onlyTheHeaderLinesAreRead(text: String, version: String?) {
        #expect(ShippedDecks.version(of: text) == version)
    }
}
