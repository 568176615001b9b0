import Foundation
import GRDB
import SpacedRepetition

extension StudyDatabase {
    /// Values no import should ever have stored, judged at the clock `now`; empty when all is
    /// well.
    ///
    /// Each line names what is wrong, the row's key and the value; the limits are
    /// ``Plausibility``'s.
    /// The fuzzer asks after every input it imports; the schema's CHECK constraints already
    /// refuse ratings outside 1-4, negative durations and the like, so these are the values a
    /// constraint cannot judge: times, lengths of time, memory states. At most `limit` lines.
    public func implausibleValues(at now: Date, limit: Int = 20) throws -> [String] {
        let earliest = Self.milliseconds(Plausibility.earliestTime)
        let latest = Self.milliseconds(Plausibility.times(readAt: now).upperBound)
        let longestAnswer = Plausibility.answerMilliseconds.upperBound
        let century = Double(Plausibility.longestIntervalDays) * 86_400
        // The latest due date: a century's interval after the latest answer.
        let latestDue = latest + Int64(century * 1000)
        let stability = Plausibility.stabilityDays
        func wholeOutside(_ column: String, _ low: Int64, _ high: Int64) -> String {
            "(typeof(\(column)) NOT IN ('integer', 'null') OR \(column) NOT BETWEEN \(low) AND \(high))"
        }
        func realOutside(_ column: String, _ low: Double, _ high: Double) -> String {
            "(typeof(\(column)) NOT IN ('real', 'integer', 'null')"
                + " OR \(column) NOT BETWEEN \(low) AND \(high))"
        }
        let checks: [(what: String, sql: String)] = [
            (
                "associate created at an implausible time",
                "SELECT name, created_at_ms FROM associate WHERE "
                    + wholeOutside("created_at_ms", earliest, latest)
            ),
            (
                "answer at an implausible time",
                "SELECT id, reviewed_at_ms FROM review_log WHERE "
                    + wholeOutside("reviewed_at_ms", earliest, latest)
            ),
            (
                "answer that took implausibly long",
                "SELECT id, duration_ms FROM review_log WHERE "
                    + wholeOutside("duration_ms", 0, longestAnswer)
            ),
            (
                "answer with an implausible interval (seconds)",
                "SELECT id, interval_seconds FROM review_log WHERE "
                    + realOutside("interval_seconds", 0.0, century + 86_400)
            ),
            (
                "answer with an implausible stability",
                "SELECT id, stability_after FROM review_log WHERE "
                    + realOutside("stability_after", stability.lowerBound, stability.upperBound)
            ),
            (
                "answer with an implausible difficulty",
                "SELECT id, difficulty_after FROM review_log WHERE "
                    + realOutside("difficulty_after", 1.0, 10.0)
            ),
            (
                "answer with implausible elapsed days",
                "SELECT id, elapsed_days FROM review_log WHERE "
                    + wholeOutside("elapsed_days", 0, (latest - earliest) / 86_400_000 + 1)
            ),
            (
                "card due at an implausible time",
                "SELECT card_id, due_ms FROM card_state WHERE "
                    + wholeOutside("due_ms", earliest, latestDue)
            ),
            (
                "card last answered at an implausible time",
                "SELECT card_id, last_review_ms FROM card_state WHERE "
                    + wholeOutside("last_review_ms", earliest, latest)
            ),
            (
                "card with an implausible stability",
                "SELECT card_id, stability FROM card_state WHERE "
                    + realOutside("stability", stability.lowerBound, stability.upperBound)
            ),
            (
                "card with an implausible difficulty",
                "SELECT card_id, difficulty FROM card_state WHERE "
                    + realOutside("difficulty", 1.0, 10.0)
            ),
            (
                "card with an implausible interval (days)",
                "SELECT card_id, interval_days FROM card_state WHERE "
                    + wholeOutside("interval_days", 0, Int64(Plausibility.longestIntervalDays))
            ),
            (
                "card with an implausible ease",
                "SELECT card_id, ease FROM card_state WHERE " + realOutside("ease", 1.3, 100.0)
            ),
            (
                "card with an implausible learning step",
                "SELECT card_id, step FROM card_state WHERE " + wholeOutside("step", 0, 100)
            ),
        ]
        return try writer.read { db in
            var found: [String] = []
            for check in checks where found.count < limit {
                let rows = try Row.fetchAll(db, sql: check.sql + " LIMIT \(limit - found.count)")
                for row in rows {
                    let key: DatabaseValue = row[0]
                    let value: DatabaseValue = row[1]
                    found.append("\(check.what): \(key) has \(value)")
                }
            }
            return found
        }
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        date.millisecondsSince1970
    }
}
