import Foundation
import Hummingbird
import Logging
import Metrics
import ServiceLifecycle
import UnixSignals

/// Runs a node in this process until SIGINT or SIGTERM, then shuts down gracefully (the block in
/// progress completes, open event streams end) and returns. Prints one line to stdout once the
/// server listens: `depin node listening on http://HOST:PORT chain CHAINID height N`.
///
/// Bootstraps the process-global logging (to stderr, keeping stdout for that line) and metrics
/// systems, so call it once per process; tests build applications with `buildApplication`.
public func runNode(configuration: NodeConfiguration) async throws {
    let level = configuration.logLevelValue
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    let node = try Node.open(configuration: configuration)
    MetricsSystem.bootstrap(node.metrics.factory)
    let ledger = node.ledger
    let app = buildApplication(node: node) { host, port in
        let height = await ledger.tip.height
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let line = "depin node listening on http://\(shownHost):\(port) chain \(ledger.chainID) height \(height)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
    let group = ServiceGroup(configuration: ServiceGroupConfiguration(
        services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: node.logger))
    try await group.run()
}
