import Foundation
import MarketCore
import MarketLedger
import MarketStoreSQLite

/// Issue 3's benchmark: signed transactions verified, applied and durably committed per second
/// beside the machine's own parallel Ed25519 verification rate, then replay speed (`chain
/// verify`) and restart time (snapshot + replay) for the resulting chain.
struct LedgerBenchmark {
    var transactionCount: Int
    var accountCount = 2_000
    var blockSize = 5_000

    func run() async throws {
        print("## Ledger benchmark (release build, \(ParallelVerifier.coreCount) cores)")
        print("transactions: \(transactionCount), accounts: \(accountCount), block size: \(blockSize)\n")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depin-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let keys = try (0..<accountCount).map { index -> SigningKey in
            var seed = [UInt8](repeating: 0, count: 32)
            seed[0] = UInt8(index & 0xff)
            seed[1] = UInt8(index >> 8)
            seed[31] = 0x42
            return try SigningKey(seed: seed)
        }
        let genesis = GenesisDocument(
            chainID: "depin-bench", genesisTimeMillis: 0, governance: keys[0].address, parameters: MarketParameters(),
            allocations: keys.map { .init(address: $0.address, amount: .tokens(1_000_000)) }, validators: [])
        let fee = genesis.parameters.minimumTransactionFee

        var signed: [SignedTransaction] = []
        let signing = try await Bench.asyncSeconds {
            signed = try await Self.signTransfers(keys: keys, count: transactionCount, chainID: genesis.chainID, fee: fee)
        }
        print("signed \(signed.count) transfers in \(Bench.format(signing, decimals: 2)) s (setup, not measured below)")
        let bytes = signed.map(\.signedBytes)

        // Baseline: the machine's own Ed25519 verification rate on all cores, same transactions.
        var verifiedCount = 0
        let verifyTime = await Bench.asyncSeconds {
            let results = await ParallelVerifier.verify(signed, chainID: genesis.chainID)
            verifiedCount = results.count(where: { if case .success = $0 { true } else { false } })
        }
        guard verifiedCount == signed.count else { throw BenchError.setupFailed("verification failed") }
        let verifyRate = Double(signed.count) / verifyTime

        // Ingest: decode + verify (parallel) + admit + apply + durable commit, pipelined by batch.
        var configuration = LedgerConfiguration()
        configuration.maxBlockTransactions = blockSize
        configuration.mempoolCapacity = blockSize * 4
        configuration.mempoolPerAccount = 4_096
        configuration.nonceWindow = 4_096
        configuration.snapshotInterval = 64
        let path = directory.appendingPathComponent("chain.sqlite").path
        let ledger = try Ledger(store: try SQLiteBlockStore(path: path), genesis: genesis, configuration: configuration)
        let chainID = genesis.chainID
        let batches = stride(from: 0, to: bytes.count, by: blockSize).map { Array(bytes[$0..<min(bytes.count, $0 + blockSize)]) }
        var blocks = 0
        let ingestTime = try await Bench.asyncSeconds {
            var pending: Task<[VerifiedTransaction], Error>? = batches.first.map { first in
                Task { try await Self.decodeAndVerify(first, chainID: chainID) }
            }
            for index in batches.indices {
                guard let current = pending else { break }
                let verified = try await current.value
                pending = index + 1 < batches.count ? Task { [batch = batches[index + 1]] in
                    try await Self.decodeAndVerify(batch, chainID: chainID)
                } : nil
                for result in await ledger.admit(contentsOf: verified) { _ = try result.get() }
                try await ledger.produceBlock(timestampMillis: UInt64(index))
                blocks += 1
            }
            while await ledger.mempoolCount > 0 {
                try await ledger.produceBlock(timestampMillis: UInt64(batches.count))
                blocks += 1
            }
        }
        let state = await ledger.state
        let committed = state.accounts.values.reduce(UInt64(0)) { $0 + $1.nonce }
        guard committed == UInt64(signed.count) else { throw BenchError.setupFailed("only \(committed) committed") }
        let ingestRate = Double(signed.count) / ingestTime
        print("### Ingest")
        Bench.row("Ed25519 verification, all cores (baseline)", "\(Bench.format(verifyRate, decimals: 0)) tx/s")
        Bench.row("ingest: verify + apply + durable commit", "\(Bench.format(ingestRate, decimals: 0)) tx/s", "\(blocks) blocks",
                  "ratio to verification: \(Bench.format(ingestRate / verifyRate * 100, decimals: 1)) % (target >= 70 %)")

        // Replay: full verification from genesis (signatures, links, roots, changes, snapshots).
        let store = try SQLiteBlockStore(path: path)
        var report = ChainVerifier.Report()
        let replayTime = await Bench.asyncSeconds { report = await ChainVerifier(store: store).verify() }
        guard report.isValid else { throw BenchError.setupFailed("verify failed: \(String(describing: report.firstFailure))") }
        print("\n### Replay and restart")
        Bench.row("chain verify (replay from genesis, signatures checked)", "\(Bench.format(replayTime, decimals: 2)) s",
                  "\(Bench.format(Double(report.blocks) / replayTime, decimals: 0)) blocks/s",
                  "\(Bench.format(Double(report.transactions) / replayTime, decimals: 0)) tx/s")
        var restartHeight: BlockHeight = 0
        let restartTime = try Bench.seconds {
            let engine = try ChainLoader.open(store: try SQLiteBlockStore(path: path), genesis: nil)
            restartHeight = engine.tip.height
        }
        Bench.row("restart (latest snapshot + replay of later blocks)", "\(Bench.format(restartTime, decimals: 3)) s",
                  "tip height \(restartHeight), snapshot every \(configuration.snapshotInterval) blocks")
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        Bench.row("database size", "\(size / 1_048_576) MiB", "\(size / max(1, signed.count)) bytes per transaction")
        print("")
    }

    static func signTransfers(keys: [SigningKey], count: Int, chainID: String, fee: Amount) async throws -> [SignedTransaction] {
        let workers = ParallelVerifier.coreCount
        return try await withThrowingTaskGroup(of: (Int, [SignedTransaction]).self) { group in
            let chunk = (count + workers - 1) / workers
            for worker in 0..<workers {
                group.addTask {
                    var out: [SignedTransaction] = []
                    let start = worker * chunk
                    for index in start..<min(count, start + chunk) {
                        let sender = index % keys.count
                        let nonce = UInt64(index / keys.count)
                        out.append(try SignedTransaction.sign(
                            chainID: chainID, nonce: nonce, fee: fee,
                            body: .transfer(to: keys[(sender + 1) % keys.count].address, amount: Amount(microUnits: 1)),
                            with: keys[sender]))
                    }
                    return (worker, out)
                }
            }
            var parts: [(Int, [SignedTransaction])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    static func decodeAndVerify(_ batch: [[UInt8]], chainID: String) async throws -> [VerifiedTransaction] {
        let decoded = try batch.map { try SignedTransaction(decoding: $0) }
        return try await ParallelVerifier.verify(decoded, chainID: chainID).map { try $0.get() }
    }
}
