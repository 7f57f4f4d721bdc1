import MarketCore
import MarketSimulation

/// Issue 2's benchmark: apply throughput without signatures, matching among a million providers
/// against a linear scan, memory per provider, and commitment cost per block.
struct CoreBenchmark {
    var providerCount: Int
    var transactionCount: Int

    func run() throws {
        print("## MarketCore benchmark (release build, one core)")
        print("providers: \(providerCount), transactions per throughput run: \(transactionCount)\n")
        try applyThroughput()
        try matchingAndCommitment()
    }

    private func parameters() -> MarketParameters {
        var parameters = MarketParameters()
        parameters.livenessWindowBlocks = 1_000
        parameters.heartbeatWindowBlocks = 100
        return parameters
    }

    private func applyThroughput() throws {
        let accounts = (0..<10_000).map { Address.derived(from: "bench/account/\($0)") }
        let genesis = GenesisState(
            parameters: parameters(), governance: Address.derived(from: "bench/governance"),
            allocations: accounts.map { .init(address: $0, amount: .tokens(1_000_000)) })
        var chain = try SimulatedChain(genesis: genesis)
        // Register one provider per account so heartbeats have senders.
        let spec = ProviderSpec(tier: .consumer, gpuCount: 1, memoryPerGPUGB: 24, ratePerGPUHour: .tokens(1))
        chain.produceBlock(accounts.map { ($0, TransactionBody.registerProvider(spec)) })

        let blockSize = 10_000
        let blocks = max(1, transactionCount / blockSize)
        var state = chain.state
        var nonces = accounts.map { state.accounts[$0]?.nonce ?? 0 }
        var lastHash = chain.lastHash

        func measure(_ name: String, body: (Int, Int) -> TransactionBody) -> Double {
            var applyTime = 0.0
            var commitTime = 0.0
            for _ in 0..<blocks {
                _ = state.beginBlock(height: state.height + 1, previousHash: lastHash)
                var transactions: [Transaction] = []
                transactions.reserveCapacity(blockSize)
                for index in 0..<blockSize {
                    let sender = index % accounts.count
                    transactions.append(Transaction(sender: accounts[sender], nonce: nonces[sender], fee: state.parameters.minimumTransactionFee,
                                                    body: body(index, sender)))
                    nonces[sender] += 1
                }
                applyTime += Bench.seconds {
                    for transaction in transactions { _ = try? state.apply(transaction) }
                }
                commitTime += Bench.seconds { lastHash = state.commit().root }
            }
            let total = blocks * blockSize
            let perSecond = Double(total) / applyTime
            Bench.row("\(name)", "\(Bench.rate(total, applyTime)) tx/s applied", "\(Bench.rate(total, applyTime + commitTime)) tx/s with commitment",
                      "ratio to 500k/s target: \(Bench.format(perSecond / 500_000, decimals: 2))x")
            return perSecond
        }
        print("### Apply throughput (no signatures), blocks of \(blockSize)")
        _ = measure("transfer") { index, sender in .transfer(to: accounts[(sender + 1 + index) % accounts.count], amount: Amount(microUnits: 1)) }
        _ = measure("provider-heartbeat") { _, _ in .providerHeartbeat }
        print("")
    }

    private func matchingAndCommitment() throws {
        print("### Matching and commitment at \(providerCount) providers")
        Bench.trimHeap()
        let baseline = Bench.residentBytes()
        let addresses = (0..<providerCount).map { Address.derived(from: "bench/provider/\($0)") }
        let client = Address.derived(from: "bench/client")
        var allocations = addresses.map { GenesisState.Allocation(address: $0, amount: .tokens(1_000)) }
        allocations.append(.init(address: client, amount: .tokens(1_000_000_000)))
        var chain = try SimulatedChain(genesis: GenesisState(
            parameters: parameters(), governance: Address.derived(from: "bench/governance"), allocations: allocations))
        var random = SplitMix64(seed: 42)
        let memories: [UInt32] = [8, 12, 16, 24, 32, 40, 48, 80]
        let registration = try Bench.seconds {
            var batch: [(Address, TransactionBody)] = []
            for (index, address) in addresses.enumerated() {
                let tier = UInt8(random.moduloInt(in: 1...3))
                let spec = ProviderSpec(
                    tier: tier, gpuCount: UInt32(random.moduloInt(in: 1...8)), memoryPerGPUGB: memories[random.moduloInt(in: 0...7)],
                    ratePerGPUHour: Amount(microUnits: UInt64(random.moduloInt(in: 100_000...3_000_000))))
                batch.append((address, .registerProvider(spec)))
                if batch.count == 100_000 || index == addresses.count - 1 {
                    let block = chain.produceBlock(batch)
                    guard block.outcomes.allSatisfy({ $0.error == nil }) else { throw BenchError.setupFailed("registration") }
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        Bench.trimHeap()
        let resident = Bench.residentBytes() - baseline
        Bench.row("register \(providerCount) providers (apply + commit)", "\(Bench.format(registration, decimals: 2)) s",
                  "memory per provider: \(resident / max(1, providerCount)) bytes (RSS delta incl. account, index and tree)")

        // A demanding job: datacenter tier, 48 GB per GPU, 4 GPUs, a mid-range maximum rate.
        let spec = JobSpec(
            workloadHash: Hash256.tagged("bench", []), modelHash: .zero, datasetHash: .zero, datasetSizeBytes: 1,
            gpuCount: 4, tier: .datacenter, memoryPerGPUGB: 48, gpuHours: 100, maxRatePerGPUHour: .tokens(2), segmentCount: 8)
        chain.run(client, .postJob(spec: spec, budget: .tokens(1_000)))
        guard let job = chain.state.jobs[JobID(1)] else { throw BenchError.setupFailed("job post") }
        let state = chain.state
        var indexed: Address?
        var scanned: Address?
        let indexTime = Bench.median(runs: 201) { indexed = state.bestProvider(for: job) }
        let scanTime = Bench.median(runs: 5) { scanned = state.bestProviderByScan(for: job) }
        guard indexed != nil, indexed == scanned else { throw BenchError.setupFailed("index and scan disagree") }
        Bench.row("match-job, index", Bench.milliseconds(indexTime))
        Bench.row("match-job, linear scan (baseline)", Bench.milliseconds(scanTime))
        Bench.row("speed-up of index over scan", "\(Bench.format(scanTime / indexTime, decimals: 0))x (target >= 100x)")

        // Own the state from here on so no copy-on-write copy is timed; warm up with one block.
        var owned = chain.state
        var lastHash = chain.lastHash
        chain = try SimulatedChain(genesis: GenesisState(governance: client, allocations: []))
        func block(_ senders: [Address]) -> (seconds: Double, entries: Int) {
            _ = owned.beginBlock(height: owned.height + 1, previousHash: lastHash)
            for sender in senders {
                _ = try? owned.apply(Transaction(sender: sender, nonce: owned.accounts[sender]?.nonce ?? 0,
                                                 fee: owned.parameters.minimumTransactionFee, body: .providerHeartbeat))
            }
            var entries = 0
            let seconds = Bench.seconds {
                let commit = owned.commit()
                entries = commit.changes.count
                lastHash = commit.root
            }
            return (seconds, entries)
        }
        _ = block([])
        for changed in [10, 10_000] {
            var times: [Double] = []
            var entries = 0
            for round in 0..<7 {
                let senders = (0..<changed).map { addresses[($0 * 97 + round * 7_919) % addresses.count] }
                let result = block(senders)
                times.append(result.seconds)
                entries = result.entries
            }
            times.sort()
            let median = times[times.count / 2]
            Bench.row("commitment, \(changed) heartbeats (\(entries) changed entries)", Bench.milliseconds(median),
                      "\(Bench.format(median / Double(entries) * 1e6, decimals: 2)) µs per changed entry")
        }
        print("")
    }
}

enum BenchError: Error {
    case setupFailed(String)
}
