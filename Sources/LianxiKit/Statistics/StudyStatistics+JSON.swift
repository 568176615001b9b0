import CohortReporting
import Foundation

extension StudyStatistics {
    /// The statistics as JSON: keys sorted, times in UTC ISO 8601, a final newline.
    public func json() throws -> String {
        try CohortReport.encode(self)
    }
}
