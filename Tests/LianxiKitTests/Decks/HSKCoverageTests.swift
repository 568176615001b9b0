import Foundation
import LianxiKit
import Testing

/// The shipped decks against the HSK 3.0 (2021) word list: the core of levels 1-3 is all there.
@Suite struct HSKCoverageTests {
    @Test func theListHoldsTheLevelsOfTheStandard() throws {
        // The 2,213 words of levels 1-3 that issue #19 counts, so a bad read cannot pass.
        let counts = try [1, 2, 3].map { try Self.words(atLevel: $0).count }
        #expect(counts == [507, 753, 953])
    }

    @Test(arguments: 1...3)
    func everyWordOfTheLevelIsInAShippedDeck(level: Int) throws {
        let words = try Self.words(atLevel: level)
        let shipped = try Self.shippedHanzi()
        let missing = words.filter { !shipped.contains($0) }
        let isComplete = missing.isEmpty  // the message lists the first missing words, not all
        #expect(
            isComplete,
            """
            HSK 3.0 level \(level): \(words.count - missing.count) of \(words.count) words shipped; \
            missing \(missing.prefix(30).joined(separator: " "))
            """)
    }

    /// The words of HSK 3.0 at `level` (7 is the 7-9 band), in the list's order.
    static func words(atLevel level: Int) throws -> [String] {
        let url = try #require(
            Bundle.module.url(
                forResource: "hsk30_words", withExtension: "tsv", subdirectory: "Fixtures/hsk30"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t")
            guard cells.count == 2, Int(cells[1]) == level else { return nil }
            return String(cells[0])
        }
    }

    /// The hanzi of every note in the decks built into the program.
    static func shippedHanzi() throws -> Set<String> {
        var hanzi: Set<String> = []
        for file in ShippedDecks.files {
            let deck = try LianxiDeckFile.read(file.text, file: file.name)
            hanzi.formUnion(deck.notes.map(\.hanzi))
        }
        return hanzi
    }
}
