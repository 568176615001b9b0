/// The release of a deck an associate holds, against the newest one.
public struct DeckHolding: Hashable, Sendable {
    /// The associate's name.
    public let associate: String
    /// The deck's slug.
    public let deck: String
    /// The release they hold.
    public let release: String
    /// The newest release of the deck, if known.
    public let latest: String?

    /// Whether they hold the newest release (or the newest is not known).
    public var isCurrent: Bool { latest.map { $0 == release } ?? true }

    /// Every associate's releases, by associate name, then deck slug.
    static func all(_ history: CohortHistory) -> [DeckHolding] {
        history.associates.sorted { $0.name < $1.name }.flatMap { associate in
            associate.releases.sorted { $0.deck < $1.deck }.map {
                DeckHolding(
                    associate: associate.name, deck: $0.deck, release: $0.release,
                    latest: history.latestReleases[$0.deck])
            }
        }
    }
}
