import AcademyProtocol
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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
        var components = URLComponents()
        components.queryItems =
            [URLQueryItem(name: "format", value: format)]
            + cohorts.map { URLQueryItem(name: "cohort", value: $0) }
            + (since.map { [URLQueryItem(name: "since", value: $0)] } ?? [])
            + decks.map { URLQueryItem(name: "deck", value: $0) }
        let query = components.percentEncodedQuery ?? ""
        guard let url = URL(string: server.absoluteString + "/v1/report?" + query) else {
            throw SyncFailure("cannot build the address \(server.absoluteString)/v1/report")
        }
        var request = URLRequest(url: url)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw SyncFailure(
                "could not reach \(server.absoluteString) (\((error as NSError).localizedDescription)); "
                    + "check the address and the network")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            let problem = try? AcademyJSON.decoder().decode(ProblemResponse.self, from: data)
            throw SyncFailure(
                "the server refused (\(status)): "
                    + (problem?.error
                        ?? "no explanation; is \(server.absoluteString) a lianxi-server?"),
                status: status)
        }
        return data
    }
}
