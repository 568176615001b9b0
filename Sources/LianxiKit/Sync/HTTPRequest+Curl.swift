#if os(Linux)
    import CurlLoader
    import Dispatch
    import Foundation

    /// libcurl, opened when the first request goes out.
    ///
    /// URLSession (FoundationNetworking) would link it into `lianxi`, and every start (a review
    /// session, `--version`, an import) would load it and the thirty libraries it needs (TLS,
    /// compression, IDN): docs/BENCHMARKS.md.
    final class Curl: @unchecked Sendable {
        // Sendable: the functions are found once, in `init`, and never change; each request
        // makes its own easy handle, which one thread uses.
        private let functions: CurlFunctions

        /// The library the package depends on (Debian and Ubuntu: libcurl4).
        static let libraryName = "libcurl.so.4"

        /// libcurl, opened at the first use; the failure says what to install.
        static let shared = Result { () throws(SyncFailure) in try Curl(libraryName) }

        /// Opens the library `name`.
        init(_ name: String) throws(SyncFailure) {
            var functions = CurlFunctions()
            var problem = [CChar](repeating: 0, count: 512)
            guard curl_functions_open(name, &functions, &problem, problem.count) == 0 else {
                throw SyncFailure(
                    "lianxi talks to the academy server through libcurl, which cannot be loaded "
                        + "(\(Self.text(problem))). Install it (Debian and Ubuntu: "
                        + "sudo apt install libcurl4), then try again")
            }
            self.functions = functions
        }

        /// Sends `request` and waits for the whole answer, on this thread.
        func perform(_ request: HTTPRequest) -> Result<HTTPAnswer, HTTPFailure> {
            withUnsafePointer(to: functions) { functions in
                var headers: UnsafeMutableRawPointer?
                for (name, value) in request.headers {
                    headers = curl_headers_append(functions, headers, "\(name): \(value)")
                }
                // libcurl would otherwise wait up to a second for "100 Continue" before a body.
                headers = curl_headers_append(functions, headers, "Expect:")
                defer { curl_headers_free(functions, headers) }
                let problem = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_PROBLEM_SIZE))
                defer { problem.deallocate() }
                let received = Received()
                return (request.body ?? Data()).withUnsafeBytes { body in
                    let handle = curl_request_make(
                        functions, request.method, request.url.absoluteString, headers,
                        body.baseAddress, request.body == nil ? -1 : Int64(body.count),
                        HTTPRequest.idleSeconds, receive,
                        Unmanaged.passUnretained(received).toOpaque(), problem)
                    guard let handle else {
                        return .failure(.unreachable("libcurl could not start a request"))
                    }
                    defer { curl_request_free(functions, handle) }
                    let code = withExtendedLifetime(received) {
                        curl_request_perform(functions, handle)
                    }
                    guard code == 0 else {
                        let words = String(cString: problem)
                        return .failure(
                            .unreachable(
                                words.isEmpty
                                    ? String(cString: curl_request_error(functions, code)) : words))
                    }
                    return .success(
                        HTTPAnswer(
                            status: curl_request_status(functions, handle), body: received.data))
                }
            }
        }

        /// The text of a C string in `buffer`.
        private static func text(_ buffer: [CChar]) -> String {
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The body of an answer as it arrives.
    private final class Received {
        var data = Data()
    }

    /// Appends a piece of the body to the `Received` that `context` points to.
    private func receive(
        bytes: UnsafeMutablePointer<CChar>?, size: Int, count: Int,
        context: UnsafeMutableRawPointer?
    ) -> Int {
        guard let bytes, let context else { return 0 }
        let received = Unmanaged<Received>.fromOpaque(context).takeUnretainedValue()
        received.data.append(
            UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: size * count)
        return size * count
    }

    extension HTTPRequest {
        /// Sends the request through libcurl, on a thread of its own while libcurl waits for the
        /// network (the cooperative pool's threads must not block).
        ///
        /// A queue of its own rather than `DispatchQueue.global()`: the global queue runs as many
        /// blocks at once as the machine has cores, so on two cores a sync's third request (its
        /// two pushes, its pull and its changes go out together) waited for one of the first
        /// two to come back. A serial queue made here gets a thread even when those are busy.
        func send() async throws(HTTPFailure) -> HTTPAnswer {
            let curl: Curl
            switch Curl.shared {
            case .success(let opened): curl = opened
            case .failure(let failure): throw .unavailable(failure)
            }
            let result = await withCheckedContinuation { continuation in
                DispatchQueue(label: "lianxi.request").async {
                    continuation.resume(returning: curl.perform(self))
                }
            }
            return try result.get()
        }
    }
#endif
