import Foundation
import Logging
import Metrics

/// Runs a node in this process until SIGINT or SIGTERM, then shuts down gracefully (the block in
/// progress completes, open event streams end) and returns. Prints one line to stdout once the
/// server listens: `depin node listening on http://HOST:PORT chain CHAINID height N`.
///
/// Bootstraps the process-global logging (to stderr, keeping stdout for that line) and metrics
/// systems, so call it once per process; everything else starts nodes with `EmbeddedNode`.
public func runNode(configuration: NodeConfiguration) async throws {
    let level = configuration.logLevelValue
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    try configuration.validate()
    if let reason = PortProbe.unavailable(host: configuration.host, port: configuration.port) {
        throw NodeStartError.listen(host: configuration.host, port: configuration.port, reason: reason)
    }
    let node = try Node.open(configuration: configuration)
    MetricsSystem.bootstrap(node.metrics.factory)
    let embedded = try await EmbeddedNode.start(node: node, shutdownSignals: [.sigterm, .sigint])
    let height = await node.ledger.tip.height
    let shownHost = embedded.host.contains(":") ? "[\(embedded.host)]" : embedded.host
    let line = "depin node listening on http://\(shownHost):\(embedded.port) chain \(node.ledger.chainID) height \(height)\n"
    FileHandle.standardOutput.write(Data(line.utf8))
    try await embedded.wait()
}
