import Hummingbird
import Logging
import MarketLedger
import NIOCore

/// The composition root, used by `depin node start` and the tests: opens the node's data
/// directory and returns the HTTP application with the ledger's block loop among its services.
public func buildApplication(
    configuration: NodeConfiguration, logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) async throws -> some ApplicationProtocol {
    let node = try Node.open(configuration: configuration, logger: logger)
    return buildApplication(node: node, onServerRunning: onServerRunning)
}

/// The application for an already opened node (tests open it themselves to reach the ledger).
public func buildApplication(
    node: Node, onServerRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) -> Application<RouterResponder<NodeRequestContext>> {
    let configuration = node.configuration
    return Application(
        router: buildRouter(node: node),
        server: NodeHTTPServer.builder(configuration: configuration, connectionsPerClient: node.connectionsPerClient),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "depin-node"),
        services: [
            LedgerService(ledger: node.ledger, clock: LedgerService.wallClockMillis),
            MetricsObserverService(node: node),
            UploadCollectorService(gate: node.uploads, interval: .seconds(configuration.collectionIntervalSeconds)),
        ],
        onServerRunning: { channel in
            await onServerRunning(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: node.logger)
}

/// Every route of the API behind its middleware: request metrics, JSON errors, rate limiting.
public func buildRouter(node: Node) -> Router<NodeRequestContext> {
    let router = Router(context: NodeRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: node.metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: RateLimitMiddleware(limiter: node.rateLimiter))
    SystemController(ledger: node.ledger, metrics: node.metrics).addRoutes(to: router)
    let v1 = router.group("v1")
    TransactionController(ledger: node.ledger, maxBodyBytes: node.configuration.maxBodyBytes).addRoutes(to: v1)
    MarketQueryController(ledger: node.ledger).addRoutes(to: v1)
    ChainController(ledger: node.ledger, chain: node.chain, moneyConservation: node.moneyConservation).addRoutes(to: v1)
    EventController(ledger: node.ledger, chain: node.chain, streams: node.eventStreams,
        streamsPerClient: node.eventStreamsPerClient, heartbeat: node.eventHeartbeat)
        .addRoutes(to: v1)
    BlobController(ledger: node.ledger, blobs: node.blobs, uploads: node.uploads).addRoutes(to: v1)
    ManifestController(manifests: node.manifests, uploads: node.uploads, maxBodyBytes: node.configuration.maxBodyBytes)
        .addRoutes(to: v1)
    return router
}
