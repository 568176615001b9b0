import AcademyProtocol
import CohortReporting
import Foundation
import Hummingbird
import NIOCore
import SpacedRepetition

/// The live cohort report (docs/ACADEMY.md, "The live report").
extension AcademyRoutes {
    /// Formats of the report, as `lianxi report --format` names them.
    enum ReportFormat: String, CaseIterable {
        case csv, json, html

        var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .json: "application/json; charset=utf-8"
            case .html: "text/html; charset=utf-8"
            }
        }
    }

    /// What a report request asks for, checked.
    struct ReportRequest {
        let format: ReportFormat
        let cohorts: [String]
        let since: CalendarDate?
        let decks: [String]

        /// At most this many `cohort` or `deck` parameters.
        static let maxNames = 200

        init(_ request: Request, defaultFormat: ReportFormat) throws {
            let query = request.uri.queryParameters
            if let text = query["format"] {
                guard let format = ReportFormat(rawValue: String(text)) else {
                    throw AcademyFailure.badRequest(
                        "format must be csv, json or html, got \(text.prefix(40))")
                }
                self.format = format
            } else {
                format = defaultFormat
            }
            if let text = query["since"] {
                guard let date = CalendarDate(parsing: String(text)) else {
                    throw AcademyFailure.badRequest(
                        "since must be a date written YYYY-MM-DD, got \(text.prefix(40))")
                }
                since = date
            } else {
                since = nil
            }
            func names(_ key: String) throws -> [String] {
                let values = query[values: Substring(key)].map(String.init)
                guard values.count <= Self.maxNames else {
                    throw AcademyFailure.badRequest("at most \(Self.maxNames) \(key) parameters")
                }
                for value in values
                where value.isEmpty || value.utf8.count > AcademyLimits.maxTextBytes {
                    throw AcademyFailure.badRequest("a \(key) must be 1 to 200 bytes")
                }
                return values
            }
            cohorts = try names("cohort")
            decks = try names("deck")
        }
    }

    /// `GET /v1/report` (a trainer's token) and `GET /v1/live/SECRET` (a trainer's page link,
    /// HTML by default).
    static func addReportRoutes(
        to router: Router<BasicRequestContext>, store: AcademyStore,
        now: @escaping @Sendable () -> Int64
    ) {
        router.get("v1/report") { request, _ in
            await respondWithReport(store: store, now: now(), defaultFormat: .csv) {
                let caller = try await authenticate(request, store: store)
                guard case .trainer(let trainerId, _) = caller else {
                    throw AcademyFailure.forbidden(
                        "only trainers read the cohort report; this is an associate's device "
                            + "token")
                }
                return (trainerId, try ReportRequest(request, defaultFormat: .csv))
            }
        }
        router.get("v1/live/:secret") { request, context in
            await respondWithReport(store: store, now: now(), defaultFormat: .html) {
                let secret = context.parameters.get("secret") ?? ""
                guard let trainerId = try await store.trainer(pageSecret: secret) else {
                    throw AcademyFailure.unknownToken
                }
                return (trainerId, try ReportRequest(request, defaultFormat: .html))
            }
        }
    }

    /// The report in its format with 200, or the failure as JSON with its status.
    static func respondWithReport(
        store: AcademyStore, now: Int64, defaultFormat: ReportFormat,
        _ authorize: () async throws -> (trainerId: Int64, request: ReportRequest)
    ) async -> Response {
        var format = defaultFormat
        let body: ResponseBody
        do {
            let (trainerId, asked) = try await authorize()
            format = asked.format
            let scope = try await store.reportScope(trainerId: trainerId, cohorts: asked.cohorts)
            let report = try await store.cohortReport(
                scope: scope, since: asked.since, decks: asked.decks,
                now: Date(millisecondsSince1970: now))
            switch asked.format {
            case .csv: body = ResponseBody(byteBuffer: ByteBuffer(string: report.csv()))
            case .json: body = ResponseBody(byteBuffer: ByteBuffer(string: try report.json()))
            case .html:
                // Sent part by part as it is drawn: the page of a whole academy (a chart row
                // and a table row for each of thousands of associates) is never whole in
                // memory. Parts are drawn on every core, a few ahead, and sent in order.
                let parts = report.htmlParts()
                body = ResponseBody { writer in
                    try await Self.drawInOrder(parts, ahead: Self.partsAhead) {
                        try await writer.write(ByteBuffer(string: $0))
                    }
                    try await writer.finish(nil)
                }
            }
        } catch {
            return await respond { () async throws -> ProblemResponse in throw error }
        }
        var headers: HTTPFields = [
            .contentType: format.contentType, .cacheControl: "no-store",
            .xContentTypeOptions: "nosniff",
        ]
        if format == .html {
            // The page is one self-contained file: nothing to load, nothing to run.
            headers[.contentSecurityPolicy] =
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                + "frame-ancestors 'none'"
            if let referrer = HTTPFields.Element.Name("Referrer-Policy") {
                headers[referrer] = "no-referrer"
            }
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Parts drawn at once: one per core, and at least two, so one is drawn while one is sent.
    static let partsAhead = max(2, ProcessInfo.processInfo.activeProcessorCount)

    /// Draws `parts` with up to `ahead` of them at once, and hands each to `send` in order;
    /// at most `ahead` drawn parts wait in memory.
    static func drawInOrder(
        _ parts: [@Sendable () -> String], ahead: Int, send: (String) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var started = 0
            var drawn: [Int: String] = [:]
            for next in parts.indices {
                while started < parts.count, started < next + ahead {
                    let index = started
                    group.addTask { (index, parts[index]()) }
                    started += 1
                }
                while drawn[next] == nil {
                    guard let (index, text) = try await group.next() else { break }
                    drawn[index] = text
                }
                guard let text = drawn.removeValue(forKey: next) else { return }
                try await send(text)
            }
        }
    }
}
