import Foundation
import Hummingbird
import HummingbirdTesting
import MarketAPI
import MarketCore
import MarketLedger
@testable import MarketNode

/// Deterministic keys for the test chain.
enum TestKeys {
    static func key(_ byte: UInt8) -> SigningKey {
        do {
            return try SigningKey(seed: [UInt8](repeating: byte, count: 32))
        } catch {
            fatalError("a 32-byte seed is always valid: \(error)")
        }
    }

    static let governance = key(0x10)
    static let client = key(0x11)
    static let otherClient = key(0x12)
    static let providers = (0..<4).map { key(0x20 + UInt8($0)) }
    static let validators = (0..<3).map { key(0x30 + UInt8($0)) }
    static let stranger = key(0x40)
}

/// A node on a fresh temporary data directory with a small genesis, for in-process tests.
/// The block interval is an hour, so blocks come only from `produceBlock` unless a test asks
/// for a short interval; rate limiting is off unless a test turns it on.
struct TestNode: Sendable {
    static let chainID = "depin-test"
    static let fee = Amount(microUnits: 1_000)
    /// The upload clock of a test node unless a test passes its own (Unix seconds).
    static let uploadNow: UInt64 = 1_700_000_000

    let directory: URL
    let configuration: NodeConfiguration
    let node: Node
    var ledger: Ledger { node.ledger }

    init(
        parameters: MarketParameters = MarketParameters(),
        frozenRateLimitClock: Bool = false,
        eventHeartbeat: Duration = .seconds(15),
        uploadTime: LockedBox<UInt64>? = nil,
        configure: (inout NodeConfiguration) -> Void = { _ in }
    ) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("depin-node-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let genesisURL = directory.appendingPathComponent("genesis.json")
        try Self.genesis(parameters: parameters).jsonData().write(to: genesisURL)
        var configuration = NodeConfiguration()
        configuration.dataDirectory = directory.appendingPathComponent("data").path
        configuration.genesisFile = genesisURL.path
        configuration.port = 0
        configuration.blockIntervalMillis = 3_600_000
        configuration.rateLimitPerSecond = 0
        configuration.logLevel = "warning"
        configure(&configuration)
        self.directory = directory
        self.configuration = configuration
        var frozen: (@Sendable () -> Duration)?
        if frozenRateLimitClock { frozen = { Duration.zero } }
        node = try Node.open(
            configuration: configuration, rateLimitClock: frozen, eventHeartbeat: eventHeartbeat,
            uploadClock: { uploadTime?.withLock { $0 } ?? TestNode.uploadNow })
    }

    static func genesis(parameters: MarketParameters = MarketParameters()) -> GenesisDocument {
        var allocations = [
            GenesisDocument.Allocation(address: TestKeys.governance.address, amount: .tokens(1_000)),
            GenesisDocument.Allocation(address: TestKeys.client.address, amount: .tokens(100_000)),
            GenesisDocument.Allocation(address: TestKeys.otherClient.address, amount: .tokens(100_000)),
        ]
        allocations += TestKeys.providers.map { GenesisDocument.Allocation(address: $0.address, amount: .tokens(10_000)) }
        allocations += TestKeys.validators.map { GenesisDocument.Allocation(address: $0.address, amount: .tokens(1_000)) }
        return GenesisDocument(
            chainID: chainID, genesisTimeMillis: 1_700_000_000_000, governance: TestKeys.governance.address,
            parameters: parameters, allocations: allocations,
            validators: TestKeys.validators.map { GenesisDocument.Validator(address: $0.address, stake: .tokens(200)) })
    }

    var app: Application<RouterResponder<NodeRequestContext>> { buildApplication(node: node) }

    /// Removes the temporary directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The account's next nonce as committed (pending transactions are the caller's business).
    func nonce(of key: SigningKey) async -> UInt64 {
        await ledger.state.accounts[key.address]?.nonce ?? 0
    }

    func sign(
        _ key: SigningKey, _ body: TransactionBody, nonce: UInt64, fee: Amount = TestNode.fee, chainID: String = TestNode.chainID
    ) throws -> SignedTransaction {
        try SignedTransaction.sign(chainID: chainID, nonce: nonce, fee: fee, body: body, with: key)
    }

    /// Produces one block now.
    @discardableResult
    func produceBlock() async throws -> Block {
        let height = await ledger.tip.height
        return try await ledger.produceBlock(timestampMillis: 1_700_000_000_000 + (height + 1) * 1_000)
    }

    /// Submits `actions` (each signer's nonces counted up from its account nonce) and commits them
    /// in one block; throws if any transaction's body failed.
    @discardableResult
    func commit(_ actions: [(SigningKey, TransactionBody)]) async throws -> Block {
        var nonces: [Address: UInt64] = [:]
        for (key, body) in actions {
            let nonce: UInt64
            if let next = nonces[key.address] {
                nonce = next
            } else {
                nonce = await self.nonce(of: key)
            }
            nonces[key.address] = nonce + 1
            _ = try await ledger.submit(try sign(key, body, nonce: nonce).signedBytes)
        }
        let block = try await produceBlock()
        for (index, outcome) in block.outcomes.enumerated() {
            if let error = outcome.error { throw TestFailure("transaction \(index) failed: \(error.name)") }
        }
        guard block.outcomes.count == actions.count else {
            throw TestFailure("expected \(actions.count) transactions in the block, found \(block.outcomes.count)")
        }
        return block
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fixtures of market content.
enum Market {
    static func provider(tier: GPUTier, gpus: UInt32, memory: UInt32, rate: String) -> TransactionBody {
        .registerProvider(ProviderSpec(tier: tier, gpuCount: gpus, memoryPerGPUGB: memory, ratePerGPUHour: amount(rate)))
    }

    static func job(
        tier: GPUTier = .consumer, gpus: UInt32 = 1, memory: UInt32 = 8, gpuHours: UInt64 = 10, maxRate: String = "2",
        budget: UInt64 = 50
    ) -> TransactionBody {
        .postJob(
            spec: JobSpec(
                workloadHash: Hash256.sha256(Array("workload".utf8)), modelHash: Hash256.sha256(Array("model".utf8)),
                datasetHash: Hash256.sha256(Array("dataset".utf8)), datasetSizeBytes: 1_000_000, gpuCount: gpus, tier: tier,
                memoryPerGPUGB: memory, gpuHours: gpuHours, maxRatePerGPUHour: amount(maxRate), segmentCount: 8),
            budget: .tokens(budget))
    }

    static func amount(_ text: String) -> Amount {
        guard let amount = Amount(tokens: text) else { fatalError("bad amount literal \(text)") }
        return amount
    }
}
