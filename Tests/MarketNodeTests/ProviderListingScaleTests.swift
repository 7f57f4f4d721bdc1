import MarketAPI
import MarketCore
import DepinTestSupport
import MarketSimulation
import Testing
@testable import MarketNode

@Suite("Provider listing over many providers")
struct ProviderListingScaleTests {
    /// `count` providers with varied tiers, memory, sizes and rates, registered in one block.
    static func market(providers count: Int) throws -> MarketState {
        let addresses = (0..<count).map { Address.derived(from: "scale/provider/\($0)") }
        let governance = Address.derived(from: "scale/governance")
        var chain = try SimulatedChain(genesis: GenesisState(
            governance: governance, allocations: addresses.map { .init(address: $0, amount: .tokens(100_000)) }))
        chain.produceBlock(addresses.enumerated().map { index, address in
            let tier = GPUTier.allCases[index % 3]
            let rate = Amount(microUnits: UInt64(100_000 + (index * 7_919) % 2_000_000))
            return (address, .registerProvider(ProviderSpec(
                tier: tier, gpuCount: UInt32(1 + index % 16), memoryPerGPUGB: UInt32(8 << (index % 4)), ratePerGPUHour: rate)))
        })
        return chain.state
    }

    @Test("pages of every sort concatenate to the whole ordered listing, without overlap or gaps")
    func pagesAreConsistent() throws {
        let state = try Self.market(providers: 3_000)
        #expect(state.providers.count == 3_000)
        for sort in ProviderSort.allCases {
            var whole = ProviderListing()
            whole.sort = sort
            whole.limit = 3_000
            let all = whole.page(in: state).items
            var paged: [ProviderView] = []
            var listing = whole
            listing.limit = 500
            while true {
                let page = listing.page(in: state)
                #expect(page.total == 3_000)
                if page.items.isEmpty { break }
                paged += page.items
                listing.offset += listing.limit
            }
            #expect(paged.map(\.address) == all.map(\.address), "sort \(sort.rawValue)")
            #expect(Set(paged.map(\.address)).count == 3_000)
            switch sort {
            case .rate: #expect(zip(all, all.dropFirst()).allSatisfy { $0.ratePerGPUHour <= $1.ratePerGPUHour })
            case .rateDescending: #expect(zip(all, all.dropFirst()).allSatisfy { $0.ratePerGPUHour >= $1.ratePerGPUHour })
            default: break
            }
        }
        var filtered = ProviderListing()
        filtered.minimumTier = .datacenter
        filtered.minMemoryGB = 32
        filtered.maxRate = .tokens(1)
        filtered.limit = 500
        let page = filtered.page(in: state)
        #expect(page.total > 0 && page.items.allSatisfy { $0.tier == .datacenter && $0.memoryPerGPUGB >= 32 && $0.ratePerGPUHour <= .tokens(1) })
    }

    @Test("every listing from the index equals the scan: random filters, sorts and pages, online and offline",
          arguments: [UInt64(11), 4_242])
    func indexEqualsScan(seed: UInt64) throws {
        var chain = try SimulatedChain(genesis: GenesisState(governance: Address.derived(from: "scale/governance"),
            allocations: (0..<3_000).map { .init(address: Address.derived(from: "scale/provider/\($0)"), amount: .tokens(100_000)) }))
        var random = SplitMix64(seed: seed)
        chain.produceBlock((0..<3_000).map { index in
            let address = Address.derived(from: "scale/provider/\(index)")
            return (address, .registerProvider(ProviderSpec(
                tier: GPUTier.allCases[index % 3], gpuCount: UInt32(1 + index % 8), memoryPerGPUGB: UInt32(8 << (index % 4)),
                ratePerGPUHour: Amount(microUnits: UInt64(100_000 + (index * 7_919) % 2_000_000)))))
        })
        let sorts = ProviderSort.allCases
        for round in 0..<3 {
            // Half the providers keep sending heartbeats; the rest drift offline as blocks pass.
            chain.produceBlock((0..<1_500).map { (Address.derived(from: "scale/provider/\($0 * 2)"), .providerHeartbeat) })
            chain.advance(blocks: 12)
            let state = chain.state
            for query in 0..<60 {
                var listing = ProviderListing()
                if random.chance(50) { listing.minimumTier = random.pick(GPUTier.allCases) }
                if random.chance(50) { listing.minMemoryGB = random.pick([8, 16, 20, 32, 64, 65]) }
                if random.chance(50) { listing.minFreeGPUs = UInt32(random.int(in: 0...8)) }
                if random.chance(50) { listing.maxRate = Amount(microUnits: UInt64(random.int(in: 100_000...2_100_000))) }
                if random.chance(20) { listing.minAvailabilityBasisPoints = UInt32(random.int(in: 0...10_000)) }
                if random.chance(50) { listing.online = random.chance(50) }
                listing.sort = random.pick(sorts) ?? .registered
                listing.offset = random.chance(50) ? 0 : random.int(in: 0...2_000)
                listing.limit = random.int(in: 1...500)
                #expect(listing.page(in: state) == listing.pageByScan(in: state), "round \(round) query \(query)")
            }
        }
    }
}
