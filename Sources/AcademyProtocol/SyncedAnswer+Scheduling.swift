extension SyncedAnswer {
    /// The phases an answer can find a card in.
    public static let phasesBefore: Set<String> = ["new", "learning", "review", "relearning"]
    /// The phases an answer can leave a card in.
    public static let phasesAfter: Set<String> = ["learning", "review", "relearning"]
    /// The longest interval a scheduler gives, with room to spare: 100 years, in seconds.
    public static let maxIntervalSeconds = 100 * 366 * 86_400.0

    /// What is wrong with the scheduling figures the answer carries for the academy's report.
    var schedulingProblems: [String] {
        var problems: [String] = []
        if let phaseBefore, !Self.phasesBefore.contains(phaseBefore) {
            problems.append("phase_before must be new, learning, review or relearning")
        }
        if let phaseAfter, !Self.phasesAfter.contains(phaseAfter) {
            problems.append("phase_after must be learning, review or relearning")
        }
        for (value, field) in [
            (intervalSeconds, "interval_seconds"),
            (previousIntervalSeconds, "previous_interval_seconds"),
        ] {
            if let value, !(value.isFinite && 0...Self.maxIntervalSeconds ~= value) {
                problems.append("\(field) must be between 0 and 100 years in seconds")
            }
        }
        return problems
    }
}
