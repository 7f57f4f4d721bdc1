import DepinTestSupport
import MarketSimulation
import Testing
@testable import MarketCore

private func rate(_ microUnits: UInt64) -> Amount { Amount(microUnits: microUnits) }

/// A random search over the filters, orders and pages `GET /v1/providers` offers.
private func randomSearch(_ random: inout SplitMix64) -> ProviderSearch {
    var search = ProviderSearch()
    if random.chance(50) { search.minimumTier = random.pick(GPUTier.allCases) }
    if random.chance(50) { search.minMemoryGB = random.pick([0, 8, 16, 24, 40, 48, 80, 100]) }
    if random.chance(50) { search.minFreeGPUs = UInt32(random.int(in: 0...9)) }
    if random.chance(50) { search.maxRate = rate(random.pick([100_000, 250_000, 500_000, 900_000, 1_500_000, 3_000_000]) ?? 1) }
    if random.chance(25) { search.minAvailabilityBasisPoints = UInt32(random.int(in: 0...10_000)) }
    if random.chance(50) { search.online = random.chance(50) }
    search.order = random.pick(ProviderOrder.allCases) ?? .registered
    search.offset = random.chance(50) ? 0 : random.int(in: 0...300)
    search.limit = random.int(in: 1...120)
    return search
}

/// A random job listing over the filters `GET /v1/jobs` offers.
private func randomJobSearch(_ random: inout SplitMix64, clients: [Address], providers: [Address]) -> JobSearch {
    var search = JobSearch()
    if random.chance(50) { search.status = random.pick(JobStatus.allCases) }
    if random.chance(40) { search.client = random.pick(clients) }
    if random.chance(40) { search.provider = random.pick(providers) }
    search.offset = random.chance(50) ? 0 : random.int(in: 0...40)
    search.limit = random.int(in: 1...30)
    return search
}

@Suite("Search indexes agree with scans")
struct SearchIndexPropertyTests {
    @Test("provider search by index equals the scan on random populations, after random rewrites",
          arguments: [UInt64(3), 17, 2_024])
    func providerSearchOnRandomPopulations(seed: UInt64) throws {
        var fixture = try MarketFixture()
        fixture.chain.advance(blocks: 300)
        var state = fixture.state
        let height = state.height
        var random = SplitMix64(seed: seed)
        let memories: [UInt32] = [8, 16, 24, 40, 48, 80]
        let addresses = (0..<600).map { Address.derived(from: "search/\(seed)/\($0)") }
        func randomProvider(_ index: Int) -> Provider {
            let gpus = UInt32(random.int(in: 1...8))
            let busy = random.chance(30) ? UInt32(random.int(in: 0...Int(gpus))) : 0
            let lastHeartbeat = height - UInt64(random.pick([0, 3, 12, 19, 20, 21, 35, 90]) ?? 0)
            return Provider(
                address: addresses[index], tier: random.pick(GPUTier.allCases) ?? .consumer, gpuCount: gpus,
                memoryPerGPUGB: random.pick(memories) ?? 8,
                ratePerGPUHour: rate(UInt64(random.pick([100_000, 250_000, 500_000, 900_000, 1_000_000, 3_000_000]) ?? 1)),
                attested: false, stake: .tokens(UInt64(gpus) * 10), busyGPUs: busy, activeAssignments: busy > 0 ? 1 : 0,
                reputation: random.pick([0, 30, 50, 50, 52, 100]) ?? 50,
                registeredAt: min(lastHeartbeat, height - UInt64(random.int(in: 0...300))),
                sequence: UInt64(index), lastHeartbeat: lastHeartbeat,
                heartbeatWindows: random.chance(60) ? .max : random.next(), jailedUntil: 0,
                status: random.chance(8) ? .unbonding(releaseHeight: height + 10) : .active,
                lastDowntimePenaltyWindow: 0, earned: .zero, slashed: .zero, completedAssignments: 0, failedAssignments: 0)
        }
        for index in addresses.indices { state.setProvider(addresses[index], randomProvider(index)) }
        var nonEmpty = 0
        for round in 0..<4 {
            for _ in 0..<150 {
                let index = random.int(below: addresses.count)
                if random.chance(10) {
                    state.setProvider(addresses[index], nil)
                } else {
                    state.setProvider(addresses[index], randomProvider(index))
                }
            }
            for query in 0..<150 {
                let search = randomSearch(&random)
                let indexed = state.searchProviders(search)
                #expect(indexed == state.searchProvidersByScan(search), "round \(round) query \(query): \(search)")
                if !indexed.addresses.isEmpty { nonEmpty += 1 }
            }
        }
        #expect(nonEmpty >= 150, "too few searches found anything to compare")
    }

    @Test("provider and job searches equal their scans along a chain: heartbeats, expiries, updates, matches, restore",
          arguments: [UInt64(5), 77])
    func searchesAlongAChain(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let providers = (0..<120).map { Address.derived(from: "chain-search/\(seed)/provider/\($0)") }
        let clients = (0..<4).map { Address.derived(from: "chain-search/\(seed)/client/\($0)") }
        var chain = try SimulatedChain(genesis: GenesisState(
            governance: Address.derived(from: "chain-search/governance"),
            allocations: (providers + clients).map { .init(address: $0, amount: .tokens(100_000)) }))
        func randomSpec() -> ProviderSpec {
            ProviderSpec(
                tier: random.pick(GPUTier.allCases) ?? .consumer, gpuCount: UInt32(random.int(in: 1...4)),
                memoryPerGPUGB: random.pick([8, 24, 48, 80]) ?? 8,
                ratePerGPUHour: rate(UInt64(random.int(in: 1...12)) * 100_000))
        }
        chain.produceBlock(providers.map { ($0, .registerProvider(randomSpec())) })
        var jobs: [JobID] = []
        var compared = 0
        for block in 0..<60 {
            var actions: [(Address, TransactionBody)] = []
            for provider in providers where random.chance(block % 20 < 10 ? 70 : 15) {
                actions.append((provider, random.chance(5) ? .updateProvider(randomSpec()) : .providerHeartbeat))
            }
            if random.chance(40), let client = random.pick(clients) {
                let spec = MarketFixture.jobSpec(
                    tier: random.pick(GPUTier.allCases) ?? .consumer, gpus: UInt32(random.int(in: 1...3)),
                    memory: random.pick([8, 24, 48]) ?? 8, maxRate: .tokens(1))
                actions.append((client, .postJob(spec: spec, budget: .tokens(100))))
            }
            for job in jobs where random.chance(30) { actions.append((clients[0], .matchJob(job))) }
            for job in jobs where random.chance(3) { actions.append((clients[0], .cancelJob(job))) }
            let produced = chain.produceBlock(actions)
            for outcome in produced.outcomes {
                for event in outcome.events {
                    if case .jobPosted(let job, _, _, _, _) = event { jobs.append(job) }
                }
            }
            var states = [chain.state]
            if block % 15 == 14 {
                let state = chain.state
                states.append(try MarketState(
                    restoring: state.snapshotEntries(), height: state.height, previousBlockHash: state.previousBlockHash))
            }
            for state in states {
                for _ in 0..<20 {
                    let search = randomSearch(&random)
                    #expect(state.searchProviders(search) == state.searchProvidersByScan(search), "block \(block): \(search)")
                    let listing = randomJobSearch(&random, clients: clients, providers: providers)
                    #expect(state.searchJobs(listing) == state.searchJobsByScan(listing), "block \(block): \(listing)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 1_200)
        #expect(jobs.count >= 10)
        #expect(chain.state.jobs.values.contains { !$0.assignments.isEmpty })
    }

    @Test("a failed transaction leaves the job and provider indexes as they were")
    func rollbackRestoresIndexes() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        let job = fixture.postJob()
        var state = fixture.state
        var everything = JobSearch()
        everything.limit = 100
        let before = (state.searchJobs(everything), state.searchProviders(ProviderSearch()))
        let provider = try #require(state.providers[fixture.providers[0]])
        let record = try #require(state.jobs[job])
        #expect(throws: MarketError.self) {
            try state.atomically { (state: inout MarketState) throws(MarketError) in
                var changed = record
                changed.status = .cancelled
                state.setJob(changed)
                var other = record
                other.id = JobID(99)
                state.setJob(other)
                var moved = provider
                moved.ratePerGPUHour = rate(1)
                moved.busyGPUs = 3
                state.setProvider(provider.address, moved)
                throw MarketError.invalidAmount
            }
        }
        #expect(state.searchJobs(everything) == before.0)
        #expect(state.searchProviders(ProviderSearch()) == before.1)
        #expect(state.searchJobs(everything) == state.searchJobsByScan(everything))
    }
}

@Suite("match-job over a crowd of small providers")
struct MatchCrowdTests {
    @Test("20,000 cheaper one-GPU 8 GB providers do not change the choice for a larger job")
    func crowdOfSmallProviders() throws {
        var fixture = try MarketFixture()
        fixture.chain.advance(blocks: 5)
        var state = fixture.state
        let height = state.height
        func provider(_ index: Int, gpus: UInt32, memory: UInt32, rate micro: UInt64, reputation: UInt8 = 50) -> Provider {
            Provider(
                address: Address.derived(from: "crowd/\(index)"), tier: .datacenter, gpuCount: gpus, memoryPerGPUGB: memory,
                ratePerGPUHour: rate(micro), attested: false, stake: .tokens(UInt64(gpus) * 10), busyGPUs: 0,
                activeAssignments: 0, reputation: reputation, registeredAt: height, sequence: UInt64(index),
                lastHeartbeat: height, heartbeatWindows: 1, jailedUntil: 0, status: .active, lastDowntimePenaltyWindow: 0,
                earned: .zero, slashed: .zero, completedAssignments: 0, failedAssignments: 0)
        }
        for index in 0..<20_000 {
            let small = provider(index, gpus: 1, memory: 8, rate: 100_000 + UInt64(index % 1_000))
            state.setProvider(small.address, small)
        }
        let tooLittleMemory = provider(20_000, gpus: 8, memory: 40, rate: 200_000)
        let eligible = provider(20_001, gpus: 4, memory: 48, rate: 800_000)
        let better = provider(20_002, gpus: 8, memory: 80, rate: 800_000, reputation: 60)
        for extra in [tooLittleMemory, eligible, better] { state.setProvider(extra.address, extra) }
        let spec = MarketFixture.jobSpec(tier: .datacenter, gpus: 4, memory: 48, gpuHours: 10, maxRate: .tokens(1))
        let job = Job(
            id: JobID(1), client: fixture.clients[0], spec: spec, tier: .datacenter, budget: .tokens(100),
            escrow: .tokens(100), reserved: .zero, status: .pending, postedAt: height, expiresAt: height + 100,
            unassignedGPUHours: 10, assignments: [], excluded: [], paid: .zero, refunded: .zero)
        #expect(state.bestProvider(for: job) == better.address)
        #expect(state.bestProviderByScan(for: job) == better.address)
        var excluding = job
        excluding.excluded = [better.address]
        #expect(state.bestProvider(for: excluding) == eligible.address)
        #expect(state.bestProviderByScan(for: excluding) == eligible.address)
        var small = job
        small.spec = MarketFixture.jobSpec(tier: .consumer, gpus: 1, memory: 8, gpuHours: 10, maxRate: .tokens(1))
        small.tier = .consumer
        #expect(state.bestProvider(for: small) == state.bestProviderByScan(for: small))
        #expect(state.bestProvider(for: small) == Address.derived(from: "crowd/0"))
    }
}
