import AcademyProtocol
import Foundation
import Hummingbird
import NIOCore

/// The HTTP face of the store: version 1 of the sync protocol (docs/ACADEMY.md).
public enum AcademyRoutes {
    /// A router serving every endpoint of the protocol from `store`; `now` is the clock in
    /// milliseconds since 1970 (tests pass a fixed one).
    public static func router(
        store: AcademyStore,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("v1/enrol") { request, _ in
            await respond {
                let enrolment = try await decode(EnrolmentRequest.self, from: request)
                return try await store.enrol(enrolment)
            }
        }
        router.post("v1/answers") { request, _ in
            await respond {
                let caller = try await authenticate(request, store: store)
                guard case .device(let associateId, _, let deviceId) = caller else {
                    throw AcademyFailure.forbidden(
                        "only an associate's enrolled device pushes answers; this is a trainer's "
                            + "token")
                }
                let push = try await decodePush(from: request)
                let response = try await store.push(
                    push.answers, associateId: associateId, deviceId: deviceId, nowMs: now())
                if response.added > 0 { store.foldSoon(associateId: associateId) }
                return response
            }
        }
        router.get("v1/pull") { request, _ in
            await respond {
                let caller = try await authenticate(request, store: store)
                guard case .device(let associateId, _, let deviceId) = caller else {
                    throw AcademyFailure.forbidden(
                        "only an associate's enrolled device pulls; trainers read "
                            + "/v1/cohorts/NAME/answers")
                }
                return try await pullRecordingReleases(
                    store, associateId: associateId, deviceId: deviceId,
                    releasesAfter: try cursor("releases_after", in: request),
                    answersAfter: try cursor("answers_after", in: request))
            }
        }
        router.post("v1/decks") { request, _ in
            await respond {
                let caller = try await authenticate(request, store: store)
                guard case .trainer(let trainerId, _) = caller else {
                    throw AcademyFailure.forbidden(
                        "only trainers publish decks; this is an associate's device token")
                }
                let publish = try await decode(PublishRequest.self, from: request)
                return try await store.publish(publish.decks, trainerId: trainerId, nowMs: now())
            }
        }
        router.get("v1/cohorts/:cohort/answers") { request, context in
            await respond {
                let caller = try await authenticate(request, store: store)
                guard case .trainer(let trainerId, _) = caller else {
                    throw AcademyFailure.forbidden(
                        "only trainers read a cohort's answers; this is an associate's device "
                            + "token")
                }
                let cohort = context.parameters.get("cohort") ?? ""
                let afterId = request.uri.queryParameters["after_id"].map(String.init) ?? ""
                guard afterId.utf8.count <= AcademyLimits.maxTextBytes else {
                    throw AcademyFailure.badRequest("after_id is too long")
                }
                return try await store.cohortAnswers(
                    cohort, trainerId: trainerId, afterMs: try cursor("after_ms", in: request),
                    afterId: afterId)
            }
        }
        addInsightRoutes(to: router, store: store, now: now)
        addChanges(to: router, store: store, now: now)
        addSync(to: router, store: store, now: now)
        addReportRoutes(to: router, store: store, now: now)
        return router
    }

    /// The JSON of `work`'s value with 200, or of its failure with the failure's status.
    static func respond<Value: Encodable>(_ work: () async throws -> Value) async -> Response {
        do {
            return json(try await work(), status: .ok)
        } catch let failure as AcademyFailure {
            return json(
                ProblemResponse(error: failure.message),
                status: HTTPResponse.Status(code: failure.status))
        } catch is NIOTooManyBytesError {
            return json(
                ProblemResponse(error: AcademyFailure.tooLarge.message), status: .contentTooLarge)
        } catch {
            return json(
                ProblemResponse(
                    error: "the server could not do this (\(type(of: error))); try again later, "
                        + "and tell the academy office if it keeps happening"),
                status: .internalServerError)
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? AcademyJSON.encoder().encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func authenticate(_ request: Request, store: AcademyStore) async throws -> Caller {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            header.count > 7
        else { throw AcademyFailure.missingToken }
        let token = String(header.dropFirst(7))
        guard token.utf8.count <= AcademyLimits.maxTextBytes,
            let caller = try await store.caller(token: token)
        else { throw AcademyFailure.unknownToken }
        return caller
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from request: Request) async throws
        -> Value
    {
        try decode(type, from: try await body(of: request))
    }

    /// The whole body of `request`, refused (413) beyond the protocol's limit.
    static func body(of request: Request) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init),
            length > AcademyLimits.maxBodyBytes
        {
            throw AcademyFailure.tooLarge
        }
        return try await request.body.collect(upTo: AcademyLimits.maxBodyBytes)
    }

    /// `body` read by the protocol's decoder; a body it refuses is a 400 that says why.
    static func decode<Value: Decodable>(_ type: Value.Type, from body: ByteBuffer) throws
        -> Value
    {
        do {
            return try AcademyJSON.decoder().decode(type, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw AcademyFailure.badRequest(
                "the request body is not what this endpoint reads: \(describe(error))")
        } catch {
            throw AcademyFailure.badRequest("the request body is not JSON")
        }
    }

    /// A push's body: its plainest form read by hand (a sixth of JSONDecoder's time on 1.3 MB:
    /// `academy-bench json`), anything else by ``decode(_:from:)``, which accepts or refuses it
    /// as before.
    static func decodePush(from request: Request) async throws -> PushRequest {
        let body = try await body(of: request)
        if let push = body.withUnsafeReadableBytes({ PushRequest(plainJSON: $0) }) {
            return push
        }
        return try decode(PushRequest.self, from: body)
    }

    static func cursor(_ name: String, in request: Request) throws -> Int64 {
        guard let text = request.uri.queryParameters[Substring(name)] else { return 0 }
        guard let value = Int64(text), value >= 0 else {
            throw AcademyFailure.badRequest(
                "\(name) must be a whole number from 0, got \(text.prefix(40))")
        }
        return value
    }

    /// A Swift property name as the protocol's JSON spells it: `deviceName` → `device_name`.
    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map {
                $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)"
            }
            .joined()
            return path.isEmpty ? "the body" : String(path.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): \"\(snakeCase(key.stringValue))\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)) is not valid"
        @unknown default:
            return "not valid"
        }
    }
}
