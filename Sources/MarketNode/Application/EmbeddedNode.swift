import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// A node serving in this process: the one way to start a node in-process, used by
/// `depin node start`, the demo and the tests.
///
/// `start` returns once the server listens, with the address it bound, or throws why it could not
/// (the data directory, the chain, or the listening socket). `stop` shuts down gracefully: the
/// block in progress completes and open event streams end.
public final class EmbeddedNode: Sendable {
    /// The opened node (ledger, stores, metrics).
    public let node: Node
    /// The interface and port the server listens on (the real port when the configuration asked for 0).
    public let host: String
    public let port: Int
    private let group: ServiceGroup
    private let serving: Task<Void, any Error>

    private init(node: Node, host: String, port: Int, group: ServiceGroup, serving: Task<Void, any Error>) {
        self.node = node
        self.host = host
        self.port = port
        self.group = group
        self.serving = serving
    }

    /// The base URL clients use: `http://HOST:PORT`, with a loopback address for a wildcard bind.
    public var baseURL: String {
        let reachable = switch host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::": "::1"
        default: host
        }
        return "http://\(reachable.contains(":") ? "[\(reachable)]" : reachable):\(port)"
    }

    /// Opens the node's data directory and starts serving.
    ///
    /// - Parameter shutdownSignals: signals that stop the node gracefully (for a process that is
    ///   the node, `[.sigterm, .sigint]`); none by default.
    public static func start(
        configuration: NodeConfiguration, logger: Logger? = nil, shutdownSignals: [UnixSignal] = []
    ) async throws -> EmbeddedNode {
        try await start(node: Node.open(configuration: configuration, logger: logger), shutdownSignals: shutdownSignals)
    }

    /// Starts serving an already opened node.
    public static func start(node: Node, shutdownSignals: [UnixSignal] = []) async throws -> EmbeddedNode {
        let configuration = node.configuration
        let (bound, announce) = AsyncStream<Int>.makeStream()
        let app = buildApplication(node: node) { _, port in announce.yield(port) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: shutdownSignals, logger: node.logger))
        let serving = Task {
            // However the group ends, `start` stops waiting for a port.
            defer { announce.finish() }
            try await group.run()
        }
        var port: Int?
        for await value in bound {
            port = value
            break
        }
        guard let port else {
            // The server never listened: the group ended first, usually because the bind failed.
            let reason: String
            do {
                try await serving.value
                reason = "the server stopped before it listened"
            } catch {
                reason = String(describing: error)
            }
            throw NodeStartError.listen(host: configuration.host, port: configuration.port, reason: reason)
        }
        return EmbeddedNode(node: node, host: configuration.host, port: port, group: group, serving: serving)
    }

    /// Stops the node gracefully and waits until it has stopped.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await serving.value
    }

    /// Waits until the node stops (by `stop`, one of its shutdown signals, or a failure).
    public func wait() async throws {
        try await serving.value
    }
}
