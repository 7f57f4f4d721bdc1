import MarketAPI
import MarketCore
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
}
