import Hummingbird

/// Times every request by route pattern, method and final status, up to the moment its body has
/// been written, so streamed bodies (event streams, blob downloads) count in full. The same
/// post-write hook Hummingbird's own `MetricsMiddleware` uses, recorded into the node's
/// `depin_http_request_duration_seconds` series.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: NodeMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Not expected: `ErrorMiddleware` (inside this one) turns every error into a response.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(route: Self.route(context), method: method, status: status, duration: ContinuousClock.now - start)
            throw error
        }
        let route = Self.route(context)
        let status = response.status.code
        let metrics = metrics
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            do {
                try await body.write(writer)
            } catch {
                metrics.recordRequest(route: route, method: method, status: status, duration: ContinuousClock.now - start)
                throw error
            }
            metrics.recordRequest(route: route, method: method, status: status, duration: ContinuousClock.now - start)
        }
        return response
    }

    /// The matched route pattern; unmatched paths share one series, so strangers cannot create more.
    private static func route(_ context: Context) -> String {
        context.endpointPath.map { $0 == "NotFound" ? "unmatched" : $0 } ?? "unmatched"
    }
}
