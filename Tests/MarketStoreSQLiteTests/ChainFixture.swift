import Foundation
import MarketCore
import MarketLedger
import MarketStoreSQLite

/// A small signed chain in a temporary directory, built through the real `Ledger`.
struct ChainFixture {
    let directory: URL
    let keys: [SigningKey]
    let genesis: GenesisDocument

    var databasePath: String { directory.appendingPathComponent("chain.sqlite").path }

    init(accounts: Int = 6) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        keys = try (0..<accounts).map { index in try SigningKey(seed: [UInt8](repeating: UInt8(index + 1), count: 32)) }
        genesis = GenesisDocument(
            chainID: "depin-test", genesisTimeMillis: 1_764_000_000_000, governance: keys[0].address,
            parameters: MarketParameters(),
            allocations: keys.map { .init(address: $0.address, amount: .tokens(10_000)) },
            validators: [])
    }

    func openStore() throws -> SQLiteBlockStore { try SQLiteBlockStore(path: databasePath) }

    func configuration(snapshotInterval: UInt64 = 1_000) -> LedgerConfiguration {
        var configuration = LedgerConfiguration()
        configuration.snapshotInterval = snapshotInterval
        return configuration
    }

    /// Signs `body` from `keys[index]` with an explicit nonce.
    func sign(_ index: Int, nonce: UInt64, _ body: TransactionBody) throws -> VerifiedTransaction {
        let signed = try SignedTransaction.sign(
            chainID: genesis.chainID, nonce: nonce, fee: genesis.parameters.minimumTransactionFee, body: body, with: keys[index])
        return try signed.verify(chainID: genesis.chainID)
    }

    /// A mix of transactions over `blocks` blocks: transfers, provider registration and
    /// heartbeats, a job post, and transactions whose bodies fail (they still consume nonces).
    func buildChain(ledger: Ledger, blocks: Int) async throws {
        var nonces = [UInt64](repeating: 0, count: keys.count)
        func next(_ index: Int, _ body: TransactionBody) throws -> VerifiedTransaction {
            defer { nonces[index] += 1 }
            return try sign(index, nonce: nonces[index], body)
        }
        for block in 0..<blocks {
            var batch: [VerifiedTransaction] = []
            batch.append(try next(0, .transfer(to: keys[1].address, amount: .tokens(UInt64(block + 1)))))
            if block == 0 {
                batch.append(try next(2, .registerProvider(ProviderSpec(
                    tier: .datacenter, gpuCount: 4, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1)))))
            } else {
                batch.append(try next(2, .providerHeartbeat))
            }
            if block == 1 {
                let spec = JobSpec(
                    workloadHash: Hash256.tagged("w", []), modelHash: .zero, datasetHash: .zero, datasetSizeBytes: 1,
                    gpuCount: 1, tier: .consumer, memoryPerGPUGB: 8, gpuHours: 4, maxRatePerGPUHour: .tokens(2), segmentCount: 4)
                batch.append(try next(3, .postJob(spec: spec, budget: .tokens(20))))
            }
            // Fails in the state machine (amount zero) but is included and consumes the nonce.
            batch.append(try next(4, .transfer(to: keys[5].address, amount: .zero)))
            for transaction in batch { try await ledger.admit(transaction) }
            try await ledger.produceBlock(timestampMillis: genesis.genesisTimeMillis + UInt64(block + 1) * 1_000)
        }
    }
}
