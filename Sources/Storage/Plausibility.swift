import Foundation
import SpacedRepetition

/// The values a file may bring into the database, and what is never plausible.
///
/// Every importer checks every number it reads against these limits and refuses the file,
/// naming the value, when one is outside (docs/EXPORTS.md and docs/DECK_FORMAT.md list them).
/// The same limits tell `implausibleValues(at:)` what no import should ever have stored.
public enum Plausibility {
    /// The earliest moment a file may name: 2000-01-01 00:00 UTC, years before FSRS, Lianxi
    /// or any answer it could hold.
    public static let earliestTime = Date(timeIntervalSince1970: 946_684_800)

    /// How far a moment may lie after the reading machine's clock: a day, so that a laptop
    /// whose clock or time zone is set wrong can still hand in its answers.
    public static let clockSkew: TimeInterval = 86_400

    /// The moments a file read at `now` may name: from 2000 to a day after `now`.
    public static func times(readAt now: Date) -> ClosedRange<Date> {
        earliestTime...max(earliestTime, now.addingTimeInterval(clockSkew))
    }

    /// The time one answer may take, in milliseconds: up to a day (a card left on screen
    /// overnight is long; a week is a broken clock or a forged file).
    public static let answerMilliseconds: ClosedRange<Int64> = 0...86_400_000

    /// The longest interval a scheduler gives, in days (FSRS's and SM-2's maximum, a century).
    public static let longestIntervalDays = 36_500

    /// The stabilities a card may have, in days: FSRS's floor up to a thousand years.
    public static let stabilityDays = FSRSModel.minimumStability...365_000

    /// Anki's ids (notes, note types, decks): positive whole numbers.
    ///
    /// Anki makes them from the time in milliseconds, other tools (genanki) from random
    /// 31-bit numbers, and the default deck is 1.
    public static let ankiIds: ClosedRange<Int64> = 1...Int64.max

    /// The collection schema versions Anki has written (`col.ver`: 11 for legacy exports,
    /// 18 for Anki 23 and later).
    public static let ankiSchemaVersions: ClosedRange<Int64> = 1...99
}
