import CohortReporting
import Foundation
import Storage

/// Where an export of the review log starts (`lianxi export reviews --since`).
///
/// A date means what it means to `lianxi report --since`: from the start of that study day as
/// each associate counts days (their time zone and the hour their day starts), so both commands
/// count the same answers. A moment written with a time (`2026-11-01T08:00:00Z`) is exact.
public enum ExportStart: Hashable, Sendable {
    /// From the start of this study day, for each associate.
    case day(CalendarDate)
    /// From this moment.
    case moment(Date)

    /// Reads `YYYY-MM-DD` (a study day) or `YYYY-MM-DDTHH:MM[:SS[.fff]]Z` (a moment in UTC);
    /// `nil` for anything else.
    public init?(parsing text: String) {
        if let date = CalendarDate(parsing: text) {
            self = .day(date)
        } else if text.count > 10, let moment = UTCTime.date(from: text) {
            self = .moment(moment)
        } else {
            return nil
        }
    }

    /// The first moment that counts for `associate`.
    public func start(for associate: Associate) -> Date {
        switch self {
        case .day(let date): StudyDay(date, counting: associate.dayCounting).start
        case .moment(let moment): moment
        }
    }
}

extension ReviewExport {
    /// The answers of the associate called `associate` (or of everyone), from `since` on,
    /// ordered by associate name, then in the log's order (``AnswerOrder``).
    public static func reviews(
        in database: StudyDatabase, associate: String? = nil, since: ExportStart? = nil
    ) throws -> [ReviewRecordExport] {
        var reviews: [ReviewRecordExport] = []
        try forEachReview(in: database, associate: associate, since: since) { reviews.append($0) }
        return reviews
    }

    /// Gives `body` the answers of ``reviews(in:associate:since:)`` one at a time, as the log
    /// is read, so that memory does not grow with the log.
    public static func forEachReview(
        in database: StudyDatabase, associate: String? = nil, since: ExportStart? = nil,
        _ body: (ReviewRecordExport) throws -> Void
    ) throws {
        switch since {
        case nil:
            return try database.forEachReviewForExport(associate: associate, since: nil, body)
        case .moment(let moment)?:
            return try database.forEachReviewForExport(associate: associate, since: moment, body)
        case .day?: break
        }
        // Each associate's day starts at another moment: one read each, in name order.
        let everyone = try database.associates().filter { associate == nil || $0.name == associate }
        for person in everyone.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
        {
            try database.forEachReviewForExport(
                associate: person.name, since: since?.start(for: person), body)
        }
    }
}
