import Foundation
import Storage

/// Gets a database ready for study: registers the associate and loads the shipped decks.
///
/// Runs at the start of every session; on a fresh machine it does all the setting up, and
/// later it only loads decks that a newer Lianxi ships (updating them in place by stable id,
/// so nobody's progress is lost).
public enum FirstRun {
    /// What was set up, for two lines on screen.
    public struct Report: Hashable, Sendable {
        /// The associate studying.
        public let associate: Associate
        /// Whether the associate was registered just now.
        public let isNewAssociate: Bool
        /// Shipped decks loaded or updated just now.
        public let loadedDecks: [DeckImportSummary]
    }

    /// Registers `name` if needed and loads every shipped deck that is missing, or whose
    /// `#version:` differs from the one loaded (a shipped deck's version goes up with each
    /// change, so later runs need not parse the decks again).
    ///
    /// `timeZone` is asked for only when the associate is new.
    public static func prepare(
        _ database: StudyDatabase, associateName name: String,
        timeZone: @autoclosure () -> String, at time: Date
    ) throws -> Report {
        let (associate, isNew) = try database.registerAssociate(
            named: name, timeZone: timeZone(), at: time)
        let stored = Dictionary(
            uniqueKeysWithValues: try database.deckMetadata().map { ($0.slug, $0) })
        var pending: [DeckContent] = []
        for file in ShippedDecks.files {
            let slug = String(file.name.dropLast(".tsv".count))
            if let current = stored[slug] {
                // A trainer's own import of a deck with the same slug wins over the shipped one.
                guard current.source == ShippedDecks.source,
                    current.version != ShippedDecks.version(of: file.text)
                else { continue }
            }
            var deck = try LianxiDeckFile.read(file.text, file: file.name)
            deck.metadata.source = ShippedDecks.source
            pending.append(deck)
        }
        // Usually none: an import of no decks would still open a write transaction and start a
        // thread to hash them (with libdispatch's own), at every start.
        let loaded = pending.isEmpty ? [] : try database.importDecks(pending, at: time)
        return Report(associate: associate, isNewAssociate: isNew, loadedDecks: loaded)
    }
}
