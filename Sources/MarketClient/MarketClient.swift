import AsyncHTTPClient
import Foundation
import MarketAPI
import MarketCore
import NIOCore
import NIOHTTP1

/// A typed client for a node's `/v1` JSON API.
///
/// Reads return the MarketAPI views; `submit(_:signedBy:)` signs, submits and waits for commit.
/// Every method throws `MarketClientError`. Idempotent reads are retried with backoff when the
/// connection fails; nothing that changes state is ever retried blindly.
public struct MarketClient: Sendable {
    /// Default node address of `depin node start`.
    public static let defaultNodeURL = "http://127.0.0.1:8645"

    /// Scheme, host and port, without a trailing slash (e.g. `http://127.0.0.1:8645`).
    public let baseURL: String
    public let httpClient: HTTPClient
    /// Backoff for connection failures on GET and HEAD.
    public var retryPolicy: RetryPolicy
    /// Per-request limit for ordinary calls.
    public var requestTimeout: Duration = .seconds(30)
    /// Largest JSON response read, in bytes.
    public var maxResponseBytes = 32 * 1024 * 1024

    let chainCache = ChainInfoCache()

    /// The HTTP client used unless one is passed in: like `HTTPClient.shared`, but a refused or
    /// timed-out connection fails the request at once (`retryConnectionEstablishment` off, 5 s
    /// connect timeout) so that `retryPolicy`, not the pool, decides about retries, and a stopped
    /// node is reported in about a second instead of after the whole request timeout. Never shut down.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(90))
        configuration.connectionPool.retryConnectionEstablishment = false
        // Waiting submissions hold a connection until their block; room for many at once.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        // A node closes connections idle for its `headerTimeoutMillis` (10 s by default); closing
        // ours sooner keeps a POST from going out on a connection the node is closing.
        configuration.connectionPool.idleTimeout = .seconds(5)
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// A client for the node at `baseURL` (`http://host:port`, optionally with a path prefix).
    /// Pass `httpClient` to share a caller's client (for example `HTTPClient.shared`).
    public init(
        baseURL: String, httpClient: HTTPClient = MarketClient.sharedHTTPClient, retryPolicy: RetryPolicy = RetryPolicy()
    ) throws(MarketClientError) {
        self.baseURL = try MarketClient.normalize(baseURL)
        self.httpClient = httpClient
        self.retryPolicy = retryPolicy
    }

    static func normalize(_ text: String) throws(MarketClientError) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil
        else {
            throw .invalidRequest("The node URL \"\(text)\" is not valid; expected something like \(defaultNodeURL).")
        }
        return trimmed
    }

    // MARK: - Requests

    /// A raw answer: status, headers and the whole body.
    struct RawResponse: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Builds `baseURL + path + ?query`, percent-encoding query values.
    func url(_ path: String, query: [(String, String)] = []) -> String {
        guard !query.isEmpty else { return baseURL + path }
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves '+' alone, which servers may read as a space.
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return baseURL + path + "?" + encoded
    }

    /// Sends one request and reads the whole body (at most `maxBytes`). GET and HEAD are retried
    /// on connection failures according to `retryPolicy`.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
        contentType: String = "application/json", headers: [(String, String)] = [], timeout: Duration? = nil,
        maxBytes: Int? = nil
    ) async throws(MarketClientError) -> RawResponse {
        let target = url(path, query: query)
        var request = HTTPClientRequest(url: target)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "depin-client/1")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(body)
        }
        let idempotent = method == .GET || method == .HEAD
        let limit = maxBytes ?? maxResponseBytes
        let deadline = timeout ?? requestTimeout
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await httpClient.execute(request, timeout: .nanoseconds(deadline.nanoseconds))
                let buffer = try await response.body.collect(upTo: limit)
                return RawResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer.readableBytesView))
            } catch let error as NIOTooManyBytesError {
                throw .invalidResponse(url: target, reason: "the response is larger than \(error.maxBytes ?? limit) bytes")
            } catch {
                if error is CancellationError || (error as? HTTPClientError) == .cancelled {
                    throw .unreachable(url: baseURL, reason: "the request was cancelled")
                }
                if idempotent, let delay = retryPolicy.delay(afterAttempt: attempt) {
                    do {
                        try await Task.sleep(for: delay)
                    } catch {
                        throw .unreachable(url: baseURL, reason: "the request was cancelled")
                    }
                    continue
                }
                throw .unreachable(url: baseURL, reason: MarketClient.describe(error))
            }
        }
    }

    /// Sends a request and decodes a 2xx JSON body as `T`; any other status becomes `.api`.
    func call<T: Decodable>(
        _ type: T.Type, _ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
        json body: (some Encodable & Sendable)? = Optional<Empty>.none, timeout: Duration? = nil
    ) async throws(MarketClientError) -> T {
        let bytes: [UInt8]?
        if let body {
            do {
                bytes = Array(try JSONEncoder().encode(body))
            } catch {
                throw .invalidRequest("Could not encode the request body: \(error)")
            }
        } else {
            bytes = nil
        }
        let response = try await send(method, path, query: query, body: bytes, timeout: timeout)
        try check(response, path: path)
        return try decode(type, from: response.body, path: path)
    }

    /// Throws the node's error body for any non-2xx answer.
    func check(_ response: RawResponse, path: String) throws(MarketClientError) {
        guard !(200..<300).contains(response.status) else { return }
        if let body = try? JSONDecoder().decode(APIErrorBody.self, from: Data(response.body)) {
            throw .api(status: response.status, body)
        }
        let text = String(decoding: response.body.prefix(200), as: UTF8.self)
        let fallback: APIErrorCode = switch response.status {
        case 404: .notFound
        case 405: .methodNotAllowed
        case 413: .bodyTooLarge
        case 429: .rateLimited
        case 503: .unavailable
        case 400..<500: .invalidField
        default: .internalError
        }
        throw .api(status: response.status, fallback.body(
            "HTTP \(response.status) from \(baseURL)\(path)" + (text.isEmpty ? "" : ": \(text)")))
    }

    func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], path: String) throws(MarketClientError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw .invalidResponse(url: baseURL + path, reason: "expected \(T.self) JSON (\(MarketClient.describe(error)))")
        }
    }

    /// A readable one-line reason for a transport or decoding error.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DecodingError:
            switch error {
            case .keyNotFound(let key, let context):
                return "missing field \(path(context.codingPath + [key]))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return "\(path(context.codingPath)): \(context.debugDescription)"
            @unknown default:
                return "\(error)"
            }
        case let error as HTTPClientError:
            return "\(error)"
        default:
            let lowered = String(describing: error).lowercased()
            for known in ["connection refused", "connection reset", "timed out", "no route to host", "network is unreachable"]
            where lowered.contains(known) {
                return known
            }
            let text = String(describing: error)
            return text.count > 300 ? String(text.prefix(300)) + "…" : text
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "(root)" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// An absent JSON body.
struct Empty: Codable, Sendable {}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return scaled + attoseconds / 1_000_000_000
    }

    var milliseconds: Int {
        Int(clamping: nanoseconds / 1_000_000)
    }
}
