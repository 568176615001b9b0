import Foundation
import GRDB
import SpacedRepetition

/// What rebuilding an associate's card states from their review log changed.
public struct CardStateRebuild: Hashable, Sendable {
    /// Cards whose log was replayed (every card the associate has answered or has a state for).
    public let cardsReplayed: Int
    /// Cards whose stored state differed from the replay and was replaced.
    public let cardsChanged: Int
    /// Cards that now come due on another day than before (a subset of `cardsChanged`).
    public let cardsMoved: Int
}

extension StudyDatabase {
    /// Saves `associate`'s settings and replaces the state of every card they have answered by
    /// the replay of its log, in one transaction.
    ///
    /// The review log is the source of truth and stays as it is (it records what was shown at
    /// the time); the card states are its replay under the settings now in force. `replay` gets
    /// a card id and its answers in time order and returns one outcome per answer;
    /// `dayCounting` tells which cards now fall due on another day. Suspended,
    /// buried and leech flags are kept; a state with no answer behind it becomes new. The
    /// associate no longer awaits a replay (``associatesAwaitingReplay()``).
    @discardableResult
    public func rebuildCardStates(
        for associate: Associate, counting dayCounting: DayCounting,
        replay: (_ cardId: Int64, _ answers: [PastAnswer]) -> [ReviewOutcome]
    ) throws -> CardStateRebuild {
        try writer.write { db in
            guard var record = try AssociateRecord.fetchOne(db, key: associate.id) else {
                throw StorageError.other("the database", message: "no associate \(associate.name)")
            }
            try record.update(from: associate)
            try record.update(db)
            try db.execute(
                sql: "DELETE FROM pending_replay WHERE associate_id = ?", arguments: [associate.id])

            var (replayed, changed, moved) = (0, 0, 0)
            // One pass over the log and the states; a changed state is written with the
            // session's cached upsert rather than a record save per card.
            try Self.forEachCardHistory(db, of: associate.id) { card in
                replayed += 1
                let before = card.stored ?? .new
                let state = replay(card.cardId, card.answers).last?.card ?? .new
                guard state != before.state else { return }
                changed += 1
                if state.due.map(dayCounting.dayNumber(of:))
                    != before.state.due.map(dayCounting.dayNumber(of:))
                {
                    moved += 1
                }
                var progress = before
                progress.state = state
                try CardStateRecord(
                    associateId: associate.id, cardId: card.cardId, progress: progress
                )
                .saveQuickly(db)
            }
            return CardStateRebuild(
                cardsReplayed: replayed, cardsChanged: changed, cardsMoved: moved)
        }
    }
}

extension StudyDatabase {
    /// The associates whose card states must be rebuilt from their log before they study
    /// (after a migration that changes what a replay gives, such as the card numbering).
    public func associatesAwaitingReplay() throws -> [Associate] {
        try writer.read { db in
            try AssociateRecord
                .filter(sql: "id IN (SELECT associate_id FROM pending_replay)")
                .order(Column("name"))
                .fetchAll(db).map(\.associate)
        }
    }
}
