import Storage

extension Associate {
    /// The kinds of card a session draws from when none are named: the usual three, and
    /// listening cards for those who turned them on.
    public var studiedKinds: Set<CardKind> {
        studiesListening ? CardKind.usual.union([.listening]) : CardKind.usual
    }
}
