import Hummingbird
import MarketAPI
import MarketLedger

/// `/healthz`, `/metrics`, `/openapi.json` and the dashboard at `/`.
struct SystemController {
    let ledger: Ledger
    let metrics: NodeMetrics

    func addRoutes(to router: Router<NodeRequestContext>) {
        router.get("healthz", use: health)
        router.get("metrics", use: metrics)
        router.get("openapi.json", use: openAPI)
        router.get("/", use: dashboard)
    }

    @Sendable func health(_ request: Request, context: NodeRequestContext) async throws -> HealthView {
        try request.expectNoQuery()
        return HealthView(height: await ledger.tip.height)
    }

    /// Prometheus text format; the state gauges are refreshed on every scrape.
    @Sendable func metrics(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try request.expectNoQuery()
        metrics.observe(state: await ledger.state, mempool: await ledger.mempoolCount)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }

    @Sendable func openAPI(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try request.expectNoQuery()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }

    @Sendable func dashboard(_ request: Request, context: NodeRequestContext) async throws -> Response {
        try request.expectNoQuery()
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: DashboardPage.html)))
    }
}
