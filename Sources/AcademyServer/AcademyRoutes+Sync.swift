import AcademyProtocol
import Foundation
import Hummingbird

extension AcademyRoutes {
    /// Adds `POST /v1/sync?releases_after=R&answers_after=A&changes_after=C` to `router`: a
    /// push, the first page of a pull and the first page of the changes, for one token check
    /// and one HTTP round trip (docs/ACADEMY.md, "One request per sync").
    static func addSync(
        to router: Router<BasicRequestContext>, store: AcademyStore,
        now: @escaping @Sendable () -> Int64
    ) {
        router.post("v1/sync") { request, _ in
            await respond {
                let caller = try await authenticate(request, store: store)
                guard case .device(let associateId, _, let deviceId) = caller else {
                    throw AcademyFailure.forbidden(
                        "only an associate's enrolled device syncs; this is a trainer's token")
                }
                let releasesAfter = try cursor("releases_after", in: request)
                let answersAfter = try cursor("answers_after", in: request)
                let changesAfter = try cursor("changes_after", in: request)
                let push = try await decodePush(from: request)
                // The pull and the changes do not wait for the push, as when they were three
                // requests: the pull passes over this device's own answers, and a retraction
                // keeps its answer out whichever arrives first.
                async let pulled = pullRecordingReleases(
                    store, associateId: associateId, deviceId: deviceId,
                    releasesAfter: releasesAfter, answersAfter: answersAfter)
                async let changes = store.pullChanges(associateId: associateId, after: changesAfter)
                let pushed = try await store.push(
                    push.answers, associateId: associateId, deviceId: deviceId, nowMs: now())
                if pushed.added > 0 { store.foldSoon(associateId: associateId) }
                return SyncResponse(
                    push: pushed, pull: try await pulled, changes: try await changes)
            }
        }
    }

    /// `GET /v1/pull`'s work: notes the releases the device holds, then reads the page.
    static func pullRecordingReleases(
        _ store: AcademyStore, associateId: Int64, deviceId: Int64, releasesAfter: Int64,
        answersAfter: Int64
    ) async throws -> PullResponse {
        try await store.recordReleasesHeld(deviceId: deviceId, cursor: releasesAfter)
        return try await store.pull(
            associateId: associateId, deviceId: deviceId, releasesAfter: releasesAfter,
            answersAfter: answersAfter)
    }
}
