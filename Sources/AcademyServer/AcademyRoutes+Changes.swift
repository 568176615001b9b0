import AcademyProtocol
import Foundation
import Hummingbird

extension AcademyRoutes {
    /// Adds `POST /v1/changes` and `GET /v1/changes?after=C` (retractions and settings) to
    /// `router`.
    static func addChanges(
        to router: Router<BasicRequestContext>, store: AcademyStore,
        now: @escaping @Sendable () -> Int64
    ) {
        router.post("v1/changes") { request, _ in
            await respond {
                let (associateId, deviceId) = try await device(request, store: store)
                let changes = try await decode(ChangesPush.self, from: request)
                return try await store.pushChanges(
                    changes, associateId: associateId, deviceId: deviceId, nowMs: now())
            }
        }
        router.get("v1/changes") { request, _ in
            await respond {
                let (associateId, _) = try await device(request, store: store)
                return try await store.pullChanges(
                    associateId: associateId, after: try cursor("after", in: request))
            }
        }
    }

    /// The associate and device of a device token; trainers are refused (403).
    static func device(_ request: Request, store: AcademyStore) async throws -> (Int64, Int64) {
        let caller = try await authenticate(request, store: store)
        guard case .device(let associateId, _, let deviceId) = caller else {
            throw AcademyFailure.forbidden(
                "only an associate's enrolled device sends and reads retractions and settings; "
                    + "this is a trainer's token")
        }
        return (associateId, deviceId)
    }
}
