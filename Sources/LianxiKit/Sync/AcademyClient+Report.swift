import AcademyProtocol
import Foundation

extension AcademyClient {
    /// The academy's cohort report (a trainer's token), exactly as the server wrote it: CSV,
    /// JSON or HTML, byte for byte what `lianxi report` writes from a database holding the
    /// same answers.
    ///
    /// - Parameters:
    ///   - format: `csv`, `json` or `html`.
    ///   - cohorts: these cohorts; none for every cohort the trainer may read.
    ///   - since: the first study day of the period, `YYYY-MM-DD`.
    ///   - decks: only these decks' cards (slugs).
    /// - Returns: the report's bytes.
    /// - Throws: ``SyncFailure`` when the server cannot be reached or refuses, with its reason.
    public func report(format: String, cohorts: [String], since: String?, decks: [String])
        async throws(SyncFailure) -> Data
    {
        try await trainerRead(
            "/v1/report",
            [URLQueryItem(name: "format", value: format)]
                + cohorts.map { URLQueryItem(name: "cohort", value: $0) }
                + (since.map { [URLQueryItem(name: "since", value: $0)] } ?? [])
                + decks.map { URLQueryItem(name: "deck", value: $0) })
    }

    /// The trainer's sections of one cohort (docs/REPORTS.md), exactly as the server wrote
    /// them: `GET /v1/insights`.
    ///
    /// - Parameters:
    ///   - format: `csv`, `json` or `html`.
    ///   - cohort: the cohort, one the trainer trains.
    ///   - section: `at-risk`, `mistakes`, `releases` or `workload`; `nil` for all four (JSON
    ///     and HTML only).
    /// - Returns: the sections' bytes.
    /// - Throws: ``SyncFailure`` when the server cannot be reached or refuses, with its reason.
    public func insights(format: String, cohort: String, section: String?)
        async throws(SyncFailure) -> Data
    {
        try await trainerRead(
            "/v1/insights",
            [
                URLQueryItem(name: "format", value: format),
                URLQueryItem(name: "cohort", value: cohort),
            ] + (section.map { [URLQueryItem(name: "section", value: $0)] } ?? []))
    }

    /// A trainer's `GET` of `path` with `items` as its query: the body of a 200 answer.
    private func trainerRead(_ path: String, _ items: [URLQueryItem])
        async throws(SyncFailure) -> Data
    {
        var components = URLComponents()
        components.queryItems = items
        let query = components.percentEncodedQuery ?? ""
        guard let url = URL(string: server.absoluteString + path + "?" + query) else {
            throw SyncFailure("cannot build the address \(server.absoluteString)\(path)")
        }
        return try await exchange(
            HTTPRequest(method: "GET", url: url, token: token),
            advice: "check the address and the network")
    }
}
