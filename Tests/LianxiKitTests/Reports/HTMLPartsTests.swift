import CohortReporting
import Foundation
import Testing

/// The HTML page in parts (``CohortReport/htmlParts()``), as the academy server sends it: the
/// parts join to the page, every associate is drawn once, and no part grows with the number
/// of associates, so the server's memory does not either.
@Suite struct HTMLPartsTests {
    /// A report of `count` associates over `deckCount` decks, each with figures of their own.
    static func report(associates count: Int, decks deckCount: Int = 35) -> CohortReport {
        let decks = (0..<deckCount).map {
            DeckTotal(slug: "deck-\($0)", title: "Deck \($0)", cards: 90)
        }
        let associates = (0..<count).map { index in
            var coverage = Coverage(group: "deck-0")
            coverage.known = index % 90
            coverage.new = 90 - coverage.known
            return AssociateProgress(
                name: String(format: "associate-%05d", index),
                displayName: "Associate \(index)", timeZone: "UTC", cardsIntroduced: index % 7,
                cardsStarted: index % 11, cardsKnown: index % 5, cardsTotal: 90 * deckCount,
                reviews: index, minutes: Double(index) / 3, activeDays: index % 30,
                streak: StreakSummary(studied: [], today: 0),
                retention: TrueRetention(young: Tally(passed: index % 9, failed: index % 3)),
                levels: [], decks: Array(repeating: coverage, count: deckCount), lastActive: nil)
        }
        return CohortReport(
            generatedAt: Date(timeIntervalSince1970: 1_764_000_000), since: nil, decks: decks,
            associates: associates, reviewsPerDay: [], hardestWords: [])
    }

    @Test(arguments: [0, 1, 199, 200, 201, 450])
    func thePartsJoinToOnePageWithEveryAssociateOnce(_ count: Int) {
        let report = Self.report(associates: count, decks: 3)
        let page = report.htmlParts().map { $0() }.joined()
        #expect(page == report.html())
        #expect(page.hasPrefix("<!DOCTYPE html>\n") && page.hasSuffix("</main></body></html>\n"))
        for index in [0, count / 2, count - 1] where count > 0 {
            let name = String(format: "associate-%05d", index)
            // Once in the table, with its display name in the two charts and the table.
            #expect(page.components(separatedBy: "(<bdi>\(name)</bdi>)").count == 2)
            #expect(page.components(separatedBy: ">Associate \(index)<").count == 3 + 1)
        }
        // Every drawing opened is closed, and nothing else is.
        #expect(
            page.components(separatedBy: "<svg ").count
                == page.components(separatedBy: "</svg>").count)
        #expect(page.components(separatedBy: "<table>").count == 2)
        #expect(page.components(separatedBy: "</tbody></table>").count == 2)
    }

    @Test func noPartGrowsWithTheAcademy() {
        func largestPart(_ count: Int) -> Int {
            Self.report(associates: count).htmlParts().map { $0().utf8.count }.max() ?? 0
        }
        let small = largestPart(400)
        let large = largestPart(4_000)
        let page = Self.report(associates: 4_000).html().utf8.count
        // Ten times the associates, ten times the page, and about the same largest part (its
        // numbers have a digit more).
        #expect(small > 0)
        #expect(large < small * 5 / 4)
        #expect(large < page / 15)
    }
}
