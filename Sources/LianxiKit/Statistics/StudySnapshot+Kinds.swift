import Storage

extension StudySnapshot {
    /// The cards `associate` studies: every card of the usual kinds, and listening cards when
    /// they study them or have begun one (so that turning them off later keeps their history
    /// in the figures).
    public func cards(studiedBy associate: Associate) -> [CardFacts] {
        let started = progress[associate.id] ?? [:]
        return cards.filter {
            $0.kind != .listening || associate.studiesListening || started[$0.id] != nil
        }
    }

    /// The cards anyone in the snapshot studies (``cards(studiedBy:)`` of each, in order).
    public var cardsStudiedByAnyone: [CardFacts] {
        let listeners = associates.contains(where: \.studiesListening)
        let started = Set(progress.values.flatMap(\.keys))
        return cards.filter { $0.kind != .listening || listeners || started.contains($0.id) }
    }
}
