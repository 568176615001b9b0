import AcademyProtocol
import Foundation

extension AcademyClient {
    /// Pushes `answers` and pulls the first pages of releases, answers and changes after the
    /// cursors, in one request (`POST /v1/sync`); a server from before it answers 404.
    public func sync(
        _ answers: [SyncedAnswer], releasesAfter: Int64, answersAfter: Int64, changesAfter: Int64
    ) async throws(SyncFailure) -> SyncResponse {
        try await send(
            "POST",
            "/v1/sync?releases_after=\(releasesAfter)&answers_after=\(answersAfter)"
                + "&changes_after=\(changesAfter)", PushRequest(answers: answers))
    }
}
