import AcademyProtocol
import Foundation

extension AcademyClient {
    /// Sends answers taken back and settings changed; returns what the server holds after.
    public func pushChanges(_ changes: ChangesPush) async throws(SyncFailure)
        -> ChangesPushResponse
    {
        try await send("POST", "/v1/changes", changes)
    }

    /// Pulls the retractions and settings numbered after `after`.
    public func pullChanges(after: Int64) async throws(SyncFailure) -> ChangesPull {
        try await send("GET", "/v1/changes?after=\(after)", nil as ChangesPush?)
    }
}
