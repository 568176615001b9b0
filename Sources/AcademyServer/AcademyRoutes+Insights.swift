import AcademyProtocol
import CohortInsights
import Foundation
import Hummingbird
import NIOCore

extension AcademyRoutes {
    /// Adds `GET /v1/insights?cohort=NAME&format=json|csv|html&section=...` (trainer token).
    ///
    /// The trainer's sections of a cohort they train (docs/REPORTS.md). `section` is
    /// `at-risk`, `mistakes`, `releases`, `workload` or, the default, all four (JSON and HTML
    /// only: CSV holds one table).
    static func addInsightRoutes(
        to router: Router<BasicRequestContext>, store: AcademyStore,
        now: @escaping @Sendable () -> Int64
    ) {
        router.get("v1/insights") { request, _ in
            do {
                let caller = try await authenticate(request, store: store)
                guard case .trainer(let trainerId, _) = caller else {
                    throw AcademyFailure.forbidden(
                        "only trainers read the trainer's sections; this is an associate's device "
                            + "token")
                }
                let query = request.uri.queryParameters
                let cohort = query["cohort"].map(String.init) ?? ""
                guard cohort.isAcademyName else {
                    throw AcademyFailure.badRequest(
                        "cohort must name a cohort (letters, digits, ., _ or -), as in "
                            + "/v1/insights?cohort=spring")
                }
                let format = query["format"].map(String.init) ?? "json"
                guard ["json", "csv", "html"].contains(format) else {
                    throw AcademyFailure.badRequest(
                        "format must be json, csv or html, got \(format.prefix(20))")
                }
                let sections: [InsightSection]
                if let name = query["section"].map(String.init) {
                    guard let section = InsightSection(rawValue: name) else {
                        throw AcademyFailure.badRequest(
                            "section must be at-risk, mistakes, releases or workload, got "
                                + "\(name.prefix(20))")
                    }
                    sections = [section]
                } else if format == "csv" {
                    throw AcademyFailure.badRequest(
                        "a CSV holds one table: add section=at-risk, mistakes, releases or workload"
                    )
                } else {
                    sections = InsightSection.allCases
                }
                let history = try await store.cohortHistory(cohort, trainerId: trainerId)
                let moment = Date(timeIntervalSince1970: Double(now()) / 1000)
                let insights: TrainerInsights
                do {
                    insights = try TrainerInsights(history: history, now: moment)
                } catch let error as InsightError {
                    throw AcademyFailure(500, error.description)
                }
                switch format {
                case "csv":
                    return text(insights.csv(sections[0]), type: "text/csv; charset=utf-8")
                case "html":
                    return text(
                        insights.htmlPage(title: "\(cohort) · trainer's view", sections: sections),
                        type: "text/html; charset=utf-8")
                default:
                    return text(
                        try insights.json(sections: sections),
                        type: "application/json; charset=utf-8")
                }
            } catch {
                return await respond { () async throws -> ProblemResponse in throw error }
            }
        }
    }

    static func text(_ body: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
