import Foundation
import Logging
import MarketAgents
import MarketClient
import MarketCore
import MarketLedger
import MarketNode

/// A real node in this process, serving HTTP on a free loopback port, for agents to talk to.
struct LiveNode {
    let directory: URL
    let embedded: EmbeddedNode
    let client: MarketClient
    let keys: [String: SigningKey]

    var node: Node { embedded.node }

    static func key(_ name: String) throws -> SigningKey {
        try SigningKey(seed: Hash256.sha256(Array("agents-unit/\(name)".utf8)).bytes)
    }

    static func start(names: [String], parameters: MarketParameters) async throws -> LiveNode {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-agents-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var keys: [String: SigningKey] = [:]
        for name in names { keys[name] = try key(name) }
        let genesis = GenesisDocument(
            chainID: "agents-unit", genesisTimeMillis: 1, governance: try key(names[0]).address, parameters: parameters,
            allocations: try names.map { .init(address: try key($0).address, amount: .tokens(10_000)) }, validators: [])
        let genesisFile = directory.appendingPathComponent("genesis.json")
        try genesis.jsonData().write(to: genesisFile)
        var configuration = NodeConfiguration()
        configuration.dataDirectory = directory.appendingPathComponent("node").path
        configuration.genesisFile = genesisFile.path
        configuration.port = 0
        configuration.blockIntervalMillis = 20
        configuration.rateLimitPerSecond = 0
        configuration.logLevel = "error"
        let embedded = try await EmbeddedNode.start(configuration: configuration, logger: Logger(label: "agents-test"))
        return LiveNode(directory: directory, embedded: embedded, client: try MarketClient(baseURL: embedded.baseURL), keys: keys)
    }

    func stop() async {
        try? await embedded.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Collects agent logs for assertions.
final class RecordingObserver: AgentObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func agent(_ name: String, log message: String) { lock.withLock { lines.append(message) } }
    func agent(_ name: String, progress: AgentProgress) {}

    var messages: [String] { lock.withLock { lines } }
}
