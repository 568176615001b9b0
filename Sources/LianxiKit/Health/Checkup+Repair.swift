import Foundation
import Storage

extension Checkup {
    /// Why `lianxi doctor --repair` would not touch the database.
    public struct RepairRefused: Error, Hashable, Sendable, CustomStringConvertible {
        /// The problems that must be dealt with first.
        public let problems: [Problem]

        /// The message for the person at the keyboard.
        public var description: String {
            "Nothing was repaired: the file itself is damaged or has rows that point nowhere, "
                + "so a replay of its answers cannot be trusted. Keep a copy of the file and "
                + "restore a backup (a `.backup-v…` file beside it, or your own)."
        }
    }

    /// Rebuilds every associate's card states (or only those of the associate named `only`)
    /// from their answers, one transaction per associate (``Rescheduling``); returns how many
    /// card states changed.
    ///
    /// Refuses, changing nothing, when the file is damaged or has rows pointing nowhere.
    public static func repair(_ database: StudyDatabase, only: String? = nil) throws -> Int {
        // Only the file's own problems block a repair: no need to replay everything first.
        try repair(database, only: only, fileProblems: fileProblems(database))
    }

    /// Repairs as ``repair(_:only:)`` does, after `checkup` examined the database: the file's
    /// problems it found decide whether the repair may go ahead, without checking again.
    public static func repair(
        _ database: StudyDatabase, only: String? = nil, after checkup: Checkup
    )
        throws -> Int
    {
        try repair(database, only: only, fileProblems: checkup.problems)
    }

    private static func repair(
        _ database: StudyDatabase, only: String?, fileProblems problems: [Problem]
    ) throws -> Int {
        let blocking = problems.filter(\.blocksRepair)
        guard blocking.isEmpty else { throw RepairRefused(problems: blocking) }
        var changed = 0
        for associate in try database.associates() where only == nil || associate.name == only {
            changed += try Rescheduling.apply(associate, in: database).cardsChanged
        }
        return changed
    }
}
