import Foundation

/// The one order of answers that replays, the doctor, undo, exports, bundles and statistics
/// share: by time to the millisecond, then by id, compared byte by byte (as SQLite's
/// `ORDER BY reviewed_at_ms, id` compares them, and as the academy's server orders the merged
/// logs).
///
/// That order is the order in which the answers were given because of one rule, kept where an
/// answer is made (``time(ofAnswerAt:after:)``): an associate's new answer is stamped later than
/// every answer of theirs already known, by at least a millisecond. Two answers a millisecond
/// apart or less (a script piping grades) therefore never tie, and their random ids never decide
/// which came first. Answers merged from another device keep their own times; two devices that
/// answered in the same millisecond tie, and the id breaks the tie the same way everywhere.
///
/// Stamping the time was chosen over ids that sort in answer order: ids are random and global
/// (a merge keys answers by them), old databases and other devices already hold random ids, and
/// a time stamp needs no schema change.
public enum AnswerOrder {
    /// The time to record for an answer given at `now`, when the associate's latest answer so
    /// far was at `latest`: `now` to the millisecond, or a millisecond after `latest` when the
    /// clock has not moved past it (answers within one millisecond, or a clock set back).
    public static func time(ofAnswerAt now: Date, after latest: Date?) -> Date {
        let milliseconds = now.milliseconds
        guard let latest, latest.milliseconds >= milliseconds else {
            return Date(milliseconds: milliseconds)
        }
        return Date(milliseconds: latest.milliseconds + 1)
    }

    /// Whether the answer at `time` with id `id` comes before the one at `otherTime` with id
    /// `otherId`.
    public static func precedes(
        _ time: Date, _ id: String, _ otherTime: Date, _ otherId: String
    ) -> Bool {
        let (milliseconds, otherMilliseconds) = (time.milliseconds, otherTime.milliseconds)
        if milliseconds != otherMilliseconds { return milliseconds < otherMilliseconds }
        return id.utf8.lexicographicallyPrecedes(otherId.utf8)
    }
}
