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

    /// What `lianxi doctor --repair` found, and what it did.
    public struct Repair: Hashable, Sendable {
        /// What the examination found, before anything was repaired.
        public let checkup: Checkup
        /// Card states rewritten from the answers.
        public let cardsRebuilt: Int
        /// Quarter hours of the tally rewritten from the answers.
        public let quarterHoursRecounted: Int
        /// What no repair of card states can mend, left as found.
        public var remaining: [Problem] { checkup.problems.filter { !$0.isRepairable } }
    }

    /// Examines `database` and rebuilds the card states of each associate whose states differ
    /// from their answers, and the tally of each whose tally differs, in the same pass.
    ///
    /// Each associate found wrong is rebuilt once the file's own check (run on another core
    /// while the cards are replayed) has found nothing that blocks a repair, one transaction
    /// each (``Rescheduling``); if it has found something, ``RepairRefused`` is thrown before
    /// anything is written. The check is awaited before the transaction, not inside it: a
    /// database without a file of its own (in memory) is checked on the same connection, which
    /// a transaction waiting for the check would hold. Only associates found wrong are
    /// rebuilt: for the others the replay just run gave their stored states. A rebuild writes
    /// every state as the replay of the log at that moment, and a recount every quarter hour
    /// of the tally as the count of the log at that moment, so afterwards the only problems
    /// left are ``Repair/remaining``.
    public static func examineAndRepair(
        _ database: StudyDatabase, only: String? = nil, thorough: Bool = false
    ) throws -> Repair {
        var (rebuilt, recounted) = (0, 0)
        let checkup = try examine(database, only: only, thorough: thorough) {
            associate, problem, fileProblems in
            let blocking = try fileProblems().filter(\.blocksRepair)
            guard blocking.isEmpty else { throw RepairRefused(problems: blocking) }
            switch problem {
            case .stateDiffersFromLog:
                rebuilt += try Rescheduling.apply(associate, in: database).cardsChanged
            case .tallyDiffersFromLog:
                recounted += try database.rebuildAnswerTally(of: associate.id)
            default: break
            }
        }
        return Repair(checkup: checkup, cardsRebuilt: rebuilt, quarterHoursRecounted: recounted)
    }
}
