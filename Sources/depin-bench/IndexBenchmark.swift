import MarketCore
import MarketSimulation

/// Indexed reads: `match-job` behind a crowd of cheap providers too small for the job, against the
/// walk the matching index did before capacity classes (reproduced here: one list per tier in
/// matching order), and provider searches by the search index against the scan, in one run.
struct IndexBenchmark {
    var providerCount: Int

    /// The matching order the index used before capacity classes, rebuilt from public records.
    private struct WalkKey: Comparable, Sendable {
        var rate: UInt64
        var reputationRank: UInt8
        var sequence: UInt64
        var address: Address

        init(_ provider: Provider) {
            rate = provider.ratePerGPUHour.microUnits
            reputationRank = 100 - min(provider.reputation, 100)
            sequence = provider.sequence
            address = provider.address
        }

        static func < (lhs: WalkKey, rhs: WalkKey) -> Bool {
            (lhs.rate, lhs.reputationRank, lhs.sequence) < (rhs.rate, rhs.reputationRank, rhs.sequence)
        }
    }

    func run() throws {
        print("## Indexed reads benchmark (one core)")
        print("providers: \(providerCount)\n")
        try matchBehindCrowd()
        try providerSearch()
    }

    private func parameters() -> MarketParameters {
        var parameters = MarketParameters()
        parameters.livenessWindowBlocks = 1_000_000
        return parameters
    }

    private func matchBehindCrowd() throws {
        print("### match-job behind \(providerCount) cheap one-GPU 8 GB providers")
        let crowd = (0..<providerCount).map { Address.derived(from: "bench/crowd/\($0)") }
        let eligible = Address.derived(from: "bench/crowd/eligible")
        let client = Address.derived(from: "bench/crowd/client")
        var chain = try SimulatedChain(genesis: GenesisState(
            parameters: parameters(), governance: Address.derived(from: "bench/governance"),
            allocations: (crowd + [eligible, client]).map { .init(address: $0, amount: .tokens(1_000_000)) }))
        var batch: [(Address, TransactionBody)] = []
        for (index, address) in crowd.enumerated() {
            batch.append((address, .registerProvider(ProviderSpec(
                tier: .datacenter, gpuCount: 1, memoryPerGPUGB: 8, ratePerGPUHour: Amount(microUnits: UInt64(100_000 + index % 100_000))))))
            if batch.count == 100_000 || index == crowd.count - 1 {
                guard chain.produceBlock(batch).outcomes.allSatisfy({ $0.error == nil }) else { throw BenchError.setupFailed("crowd registration") }
                batch.removeAll(keepingCapacity: true)
            }
        }
        chain.run(eligible, .registerProvider(ProviderSpec(tier: .datacenter, gpuCount: 8, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1))))
        let spec = JobSpec(
            workloadHash: Hash256.tagged("bench", []), modelHash: .zero, datasetHash: .zero, datasetSizeBytes: 1,
            gpuCount: 4, tier: .datacenter, memoryPerGPUGB: 48, gpuHours: 100, maxRatePerGPUHour: .tokens(2), segmentCount: 8)
        chain.run(client, .postJob(spec: spec, budget: .tokens(1_000)))
        guard let job = chain.state.jobs[JobID(1)] else { throw BenchError.setupFailed("job post") }
        let state = chain.state

        var walkList = SortedSet<WalkKey>()
        for provider in state.providers.values where provider.tier >= job.tier { walkList.insert(WalkKey(provider)) }
        var indexed: Address?
        var walked: Address?
        var scanned: Address?
        var visited = 0
        let indexTime = Bench.median(runs: 201) { indexed = state.bestProvider(for: job) }
        let walkTime = Bench.median(runs: 5) {
            walked = nil
            visited = 0
            walkList.forEach(from: nil) { key in
                visited += 1
                if key.rate > job.spec.maxRatePerGPUHour.microUnits { return false }
                guard state.eligibilityError(of: state.providers[key.address], for: job, gpuHours: job.unassignedGPUHours) == nil else { return true }
                walked = key.address
                return false
            }
        }
        let scanTime = Bench.median(runs: 5) { scanned = state.bestProviderByScan(for: job) }
        guard indexed == eligible, walked == eligible, scanned == eligible else { throw BenchError.setupFailed("match choices disagree") }
        Bench.row("match-job, capacity-class index", Bench.milliseconds(indexTime))
        Bench.row("match-job, one list per tier (before; baseline)", Bench.milliseconds(walkTime), "\(visited) entries visited")
        Bench.row("match-job, linear scan", Bench.milliseconds(scanTime))
        Bench.row("speed-up over the walk before", "\(Bench.format(walkTime / indexTime, decimals: 0))x (target >= 100x)")
        print("")
    }

    private func providerSearch() throws {
        print("### Provider search at \(providerCount) providers (as scripts/bench-api.sh registers them)")
        let addresses = (0..<providerCount).map { Address.derived(from: "bench/search/\($0)") }
        var chain = try SimulatedChain(genesis: GenesisState(
            parameters: parameters(), governance: Address.derived(from: "bench/governance"),
            allocations: addresses.map { .init(address: $0, amount: .tokens(1_000)) }))
        var random = SplitMix64(seed: 7)
        let memories: [UInt32] = [8, 12, 16, 24, 32, 40, 48, 80]
        var batch: [(Address, TransactionBody)] = []
        for (index, address) in addresses.enumerated() {
            batch.append((address, .registerProvider(ProviderSpec(
                tier: UInt8(random.moduloInt(in: 1...3)), gpuCount: UInt32(random.moduloInt(in: 1...8)),
                memoryPerGPUGB: memories[random.moduloInt(in: 0...7)],
                ratePerGPUHour: Amount(microUnits: UInt64(random.moduloInt(in: 100_000...3_000_000)))))))
            if batch.count == 100_000 || index == addresses.count - 1 {
                guard chain.produceBlock(batch).outcomes.allSatisfy({ $0.error == nil }) else { throw BenchError.setupFailed("registration") }
                batch.removeAll(keepingCapacity: true)
            }
        }
        let state = chain.state
        for (name, search) in Self.searches() {
            var indexed: ProviderSearchResult?
            var scanned: ProviderSearchResult?
            let indexTime = Bench.median(runs: 101) { indexed = state.searchProviders(search) }
            let scanTime = Bench.median(runs: 7) { scanned = state.searchProvidersByScan(search) }
            guard let indexed, indexed == scanned else { throw BenchError.setupFailed("search index and scan disagree: \(name)") }
            Bench.row(name, "index \(Bench.milliseconds(indexTime))", "scan \(Bench.milliseconds(scanTime))",
                      "\(Bench.format(scanTime / indexTime, decimals: 0))x", "total \(indexed.total)")
        }
        print("")
    }

    private static func searches() -> [(String, ProviderSearch)] {
        var api = ProviderSearch()
        api.minimumTier = .prosumer
        api.minMemoryGB = 24
        api.minFreeGPUs = 1
        api.maxRate = Amount(microUnits: 800_000)
        api.online = true
        api.order = .rateAscending
        api.limit = 20
        var deep = api
        deep.offset = 5_000
        var reputation = api
        reputation.order = .reputationDescending
        var everyone = ProviderSearch()
        everyone.limit = 50
        var availability = api
        availability.minAvailabilityBasisPoints = 9_500
        return [
            ("tier=prosumer&minMemoryGB=24&minFreeGPUs=1&maxRate=0.8&online=true&sort=rate&limit=20 (bench-api.sh)", api),
            ("the same, offset=5000", deep),
            ("the same, sort=-reputation", reputation),
            ("no filters, sort=registered, limit=50", everyone),
            ("the bench-api.sh query with minAvailabilityBps=9500 (measured per candidate)", availability),
        ]
    }
}
