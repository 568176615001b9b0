import Foundation
import Storage
import TestSupport
import Testing

/// The decks' metadata a session's start reads, as they were imported.
@Suite struct DeckMetadataTests {
    /// A deck beside the one tested, whose slug sorts between theirs.
    static let other = DeckContent(
        metadata: DeckMetadata(
            slug: "logistics", title: "Logistics", description: "Moving goods.", version: "1",
            source: "logistics.tsv"),
        notes: [DeckImportTests.note("l-001", "货", "huò", "goods")])

    @Test(arguments: [
        DeckMetadata(
            slug: "payments", title: "Payments", description: "Paying and being paid.",
            version: "3", source: "payments.tsv"),
        DeckMetadata(slug: "shipping", title: "Shipping", source: "shipping.tsv"),
        DeckMetadata(
            slug: "core1-1-people", title: "人 — people", description: "", version: "",
            source: "shipped with Lianxi"),
    ])
    func metadataComeBackAsImported(metadata: DeckMetadata) throws {
        // Given a deck imported with `metadata` beside another
        let database = try StudyDatabase.inMemory()
        let deck = DeckContent(
            metadata: metadata,
            notes: [DeckImportTests.note("m-001", "人", "rén", "person")])
        try database.importDecks([deck, Self.other], at: DeckImportTests.monday)

        // Then both come back, by slug, as imported
        let expected = [metadata, Self.other.metadata].sorted {
            $0.slug.utf8.lexicographicallyPrecedes($1.slug.utf8)
        }
        #expect(try database.deckMetadata() == expected)
    }
}
