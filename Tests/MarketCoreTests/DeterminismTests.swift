import MarketCore
import MarketSimulation
import Testing

@Suite("Determinism")
struct DeterminismTests {
    @Test("Different seeds give different histories")
    func seedsDiffer() throws {
        var first = try MarketSimulator(seed: 1)
        var second = try MarketSimulator(seed: 2)
        var differ = false
        for _ in 0..<20 where first.step().stateRoot != second.step().stateRoot { differ = true }
        #expect(differ)
    }

    @Test("A state restored from a snapshot has the same root and continues identically", arguments: [5, 8] as [UInt64])
    func snapshotRestoreContinuesIdentically(seed: UInt64) throws {
        var simulator = try MarketSimulator(seed: seed)
        for _ in 0..<50 { simulator.step() }
        var original = simulator.state
        let restored = try MarketState(
            restoring: original.snapshotEntries(), height: original.height, previousBlockHash: original.previousBlockHash)
        var copy = restored
        #expect(copy.stateRoot() == original.stateRoot())
        var replica = SimulatedChain(state: restored, lastHash: simulator.chain.lastHash)
        for _ in 0..<50 {
            let block = simulator.step()
            let replayed = replica.produceBlock(simulator.lastActions)
            #expect(replayed.stateRoot == block.stateRoot, "diverged at height \(block.height)")
            #expect(replayed.events == block.events)
            if replayed.stateRoot != block.stateRoot { break }
        }
    }

    @Test("The commitment depends on the entries, not on the order they were written")
    func commitmentIsOrderIndependent() throws {
        let accounts = (0..<50).map { Address.derived(from: "order/\($0)") }
        let governance = Address.derived(from: "order/governance")
        let forward = GenesisState(governance: governance, allocations: accounts.map { .init(address: $0, amount: .tokens(5)) })
        let backward = GenesisState(governance: governance, allocations: accounts.reversed().map { .init(address: $0, amount: .tokens(5)) })
        var first = try MarketState(genesis: forward)
        var second = try MarketState(genesis: backward)
        #expect(first.stateRoot() == second.stateRoot())
        let changed = GenesisState(governance: governance, allocations: accounts.map { .init(address: $0, amount: .tokens($0 == accounts[7] ? 6 : 5)) })
        var third = try MarketState(genesis: changed)
        #expect(third.stateRoot() != first.stateRoot())
    }
}
