import Hummingbird
import MarketAPI

/// Answers 429 (706) with `Retry-After` once a client address has used up its token bucket.
/// `/healthz` and `/metrics` are exempt so probes and scrapers never see a 429.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext
    let limiter: RateLimiter

    static let exemptPaths: Set<String> = ["/healthz", "/metrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.exemptPaths.contains(request.uri.path) else { return try await next(request, context) }
        let client = context.clientAddress ?? "local"
        switch limiter.take(client: client) {
        case .allowed:
            return try await next(request, context)
        case .limited(let retryAfter):
            var headers = HTTPFields()
            headers[.retryAfter] = String(retryAfter)
            throw APIFailure.api(.rateLimited, "rate limit exceeded for \(client); retry after \(retryAfter) s", headers: headers)
        }
    }
}
