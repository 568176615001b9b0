import Foundation
import SpacedRepetition
import Storage

/// Applies an associate's changed scheduling settings to the cards they have studied.
///
/// Changing the desired retention, the scheduler or the FSRS parameters changes what every
/// past answer means for the future, so each card's state is rebuilt by replaying its review
/// log under the new settings — the same replay a session's answers went through, fuzz
/// included — and the settings are saved with it in one transaction.
public enum Rescheduling {
    /// Saves `associate` (with its new settings) and rebuilds all their card states from the log.
    @discardableResult
    public static func apply(_ associate: Associate, in database: StudyDatabase) throws
        -> CardStateRebuild
    {
        let scheduler = try associate.makeScheduler()
        return try database.rebuildCardStates(for: associate, counting: associate.dayCounting) {
            cardId, answers in
            ReplayCheck.outcomes(
                of: answers, cardId: cardId, with: scheduler, associateId: associate.id)
        }
    }

    /// Rebuilds the card states of every associate a migration left awaiting a replay (one
    /// transaction each, `starting` called before each) and returns their names.
    @discardableResult
    public static func replayPending(
        in database: StudyDatabase, starting: (Associate) -> Void = { _ in }
    ) throws -> [String] {
        let pending = try database.associatesAwaitingReplay()
        for associate in pending {
            starting(associate)
            try apply(associate, in: database)
        }
        return pending.map(\.name)
    }

    /// Whether going from `old` to `new` settings changes how cards are scheduled.
    public static func isNeeded(from old: Associate, to new: Associate) -> Bool {
        old.scheduler != new.scheduler || old.desiredRetention != new.desiredRetention
            || old.fsrsParameters != new.fsrsParameters
            || old.unreadableParameters != new.unreadableParameters || old.timeZone != new.timeZone
            || old.rolloverHour != new.rolloverHour
    }
}
