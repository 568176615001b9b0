import Foundation
import GRDB
import SpacedRepetition

/// One associate's answers from elsewhere, to merge under their name.
public struct IncomingHistory {
    /// The associate's name.
    public var name: String
    /// Settings for the associate if this database does not know them yet.
    public var newcomer: Newcomer
    /// The answers.
    public var reviews: [PastReview]

    /// How to register an associate the database does not know yet.
    public struct Newcomer {
        /// Their time zone.
        public var timeZone: String
        /// When they were first registered.
        public var createdAt: Date
        /// Sets the rest of their settings.
        public var configure: (inout Associate) -> Void

        /// Creates a newcomer's settings.
        public init(
            timeZone: String, createdAt: Date, configure: @escaping (inout Associate) -> Void
        ) {
            self.timeZone = timeZone
            self.createdAt = createdAt
            self.configure = configure
        }
    }

    /// Creates an incoming history.
    public init(name: String, newcomer: Newcomer, reviews: [PastReview]) {
        self.name = name
        self.newcomer = newcomer
        self.reviews = reviews
    }
}

/// What merging one ``IncomingHistory`` did.
public struct MergedHistory: Hashable, Sendable {
    /// The associate, as stored.
    public let associate: Associate
    /// Whether they were registered by this merge.
    public let isNewAssociate: Bool
    /// Answers added to the log.
    public let added: Int
}

extension StudyDatabase {
    /// Merges several histories in one transaction: all of them or, if anything fails, none.
    ///
    /// Associates not yet known are registered; then each history is merged as
    /// ``mergeReviews(_:for:replay:)`` does, in the order given. `replay` gets the associate
    /// as stored, a card id and its answers in time order.
    public func mergeHistories(
        _ histories: [IncomingHistory],
        replay: (_ associate: Associate, _ cardId: Int64, _ answers: [PastAnswer]) throws
            -> [ReviewOutcome]
    ) throws -> [MergedHistory] {
        try writer.write { db in
            var merged: [MergedHistory] = []
            for history in histories {
                var isNew = false
                var record = try AssociateRecord.filter(Column("name") == history.name)
                    .fetchOne(db)
                if record == nil {
                    let newcomer = history.newcomer
                    var fresh = AssociateRecord(
                        name: history.name, displayName: history.name,
                        timeZone: newcomer.timeZone, createdAt: newcomer.createdAt)
                    var associate = fresh.associate
                    newcomer.configure(&associate)
                    associate.name = history.name
                    try fresh.update(from: associate)
                    try fresh.insert(db)
                    (record, isNew) = (fresh, true)
                }
                guard let associate = record?.associate else { continue }
                var failure: (any Error)?
                let added = try Self.mergeReviews(db, history.reviews, for: associate.id) {
                    cardId, answers in
                    do {
                        return try replay(associate, cardId, answers)
                    } catch {
                        failure = error
                        return []
                    }
                }
                if let failure { throw failure }
                merged.append(
                    MergedHistory(associate: associate, isNewAssociate: isNew, added: added))
            }
            return merged
        }
    }

    /// Answer ids among `ids` that the log holds for another associate than `name`, with
    /// that associate's name.
    public func answerOwners(of ids: [String], otherThan name: String) throws -> [String: String] {
        try writer.read { db in
            var owners: [String: String] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let slice = Array(ids[chunk..<min(ids.count, chunk + 500)])
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.id, a.name FROM review_log r
                        JOIN associate a ON a.id = r.associate_id
                        WHERE a.name <> ? AND r.id IN (\(slice.map { _ in "?" }.joined(separator: ",")))
                        """, arguments: StatementArguments([name] + slice))
                for row in rows { owners[row[0]] = row[1] }
            }
            return owners
        }
    }
}
