#if !os(Linux)
    import Foundation

    extension HTTPRequest {
        /// An ephemeral session without a cache or cookies.
        ///
        /// Every answer is read once; without a cache and a cookie store, no request looks
        /// either up (about a millisecond a sync).
        private static let session: URLSession = {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = TimeInterval(idleSeconds)
            configuration.urlCache = nil
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
            configuration.httpCookieStorage = nil
            configuration.httpShouldSetCookies = false
            return URLSession(configuration: configuration)
        }()

        /// Sends the request through URLSession (macOS: Foundation's own).
        func send() async throws(HTTPFailure) -> HTTPAnswer {
            var request = URLRequest(url: url)
            request.httpMethod = method
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            request.httpBody = body
            do {
                let (data, response) = try await Self.session.data(for: request)
                return HTTPAnswer(
                    status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
            } catch {
                throw .unreachable((error as NSError).localizedDescription)
            }
        }
    }
#endif
