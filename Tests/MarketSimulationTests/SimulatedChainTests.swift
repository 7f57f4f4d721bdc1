import DepinTestSupport
import MarketCore
import MarketSimulation
import Testing

@Suite("SimulatedChain")
struct SimulatedChainTests {
    static let funded = (0..<3).map { Address.derived(from: "sim-test/funded/\($0)") }
    static let penniless = Address.derived(from: "sim-test/penniless")
    static let governance = Address.derived(from: "sim-test/governance")

    static func chain() throws -> SimulatedChain {
        try SimulatedChain(genesis: GenesisState(
            governance: governance, allocations: funded.map { .init(address: $0, amount: .tokens(1_000)) }))
    }

    /// The hash the chain must give block `height` on top of `previous` with `stateRoot`.
    static func expectedHash(height: BlockHeight, previous: Hash256, stateRoot: Hash256) -> Hash256 {
        var writer = CanonicalWriter()
        writer.write(height)
        writer.write(previous)
        writer.write(stateRoot)
        return Hash256.tagged("depin/sim-block", writer.bytes)
    }

    @Test("Genesis hash commits to the genesis state root; each block hash chains height, previous hash and state root")
    func blocksChainHashes() throws {
        var chain = try Self.chain()
        var genesisState = chain.state
        #expect(chain.height == 0)
        #expect(chain.lastHash == Hash256.tagged("depin/sim-genesis", genesisState.stateRoot().bytes))
        var previous = chain.lastHash
        for height in 1...5 as ClosedRange<BlockHeight> {
            let block = chain.produceBlock([(Self.funded[0], .transfer(to: Self.funded[1], amount: .tokens(height)))])
            #expect(block.height == height)
            #expect(chain.height == height)
            #expect(block.hash == Self.expectedHash(height: height, previous: previous, stateRoot: block.stateRoot))
            #expect(chain.lastHash == block.hash)
            #expect(block.hash != previous)
            var state = chain.state
            #expect(state.stateRoot() == block.stateRoot)
            previous = block.hash
        }
    }

    @Test("A different transaction changes that block's hash and every hash after it")
    func divergenceCarriesForward() throws {
        var first = try Self.chain()
        var second = try Self.chain()
        let common = first.produceBlock([(Self.funded[0], .transfer(to: Self.funded[1], amount: .tokens(1)))])
        #expect(second.produceBlock([(Self.funded[0], .transfer(to: Self.funded[1], amount: .tokens(1)))]).hash == common.hash)
        let a = first.produceBlock([(Self.funded[0], .transfer(to: Self.funded[1], amount: .tokens(2)))])
        let b = second.produceBlock([(Self.funded[0], .transfer(to: Self.funded[2], amount: .tokens(2)))])
        #expect(a.hash != b.hash)
        #expect(a.stateRoot != b.stateRoot)
        for _ in 0..<3 {
            first.advance(blocks: 1)
            second.advance(blocks: 1)
            #expect(first.lastHash != second.lastHash)
        }
    }

    @Test("Transactions that are not includable are dropped; includable failures stay in the block with their error")
    func dropsNonIncludable() throws {
        var chain = try Self.chain()
        let sender = Self.funded[0]
        let before = chain.state.accounts[sender]?.balance ?? .zero
        let block = chain.produceBlock([
            (Self.penniless, .transfer(to: sender, amount: .tokens(1))), // cannot pay the fee: dropped
            (sender, .transfer(to: Self.funded[1], amount: .tokens(5_000))), // more than it holds: fails, included
            (sender, .transfer(to: Self.funded[1], amount: .tokens(1))), // succeeds, next nonce
        ])
        #expect(block.outcomes.count == 2)
        #expect(block.outcomes.first?.error == .insufficientBalance)
        #expect(block.outcomes.last?.error == nil)
        #expect(block.outcomes.last?.events == [.transferred(from: sender, to: Self.funded[1], amount: .tokens(1))])
        #expect(chain.state.accounts[Self.penniless] == nil)
        #expect(chain.state.accounts[sender]?.nonce == 2)
        let fee = chain.fee
        #expect(chain.state.accounts[sender]?.balance.microUnits == before.microUnits - 2 * fee.microUnits - 1_000_000)
        #expect(chain.includedBySender[sender] == 2)
        #expect(chain.includedBySender[Self.penniless] == nil)
    }

    @Test("includedBySender counts every included transaction of each sender across blocks")
    func countsIncludedBySender() throws {
        var chain = try Self.chain()
        chain.produceBlock([(Self.funded[0], .providerHeartbeat), (Self.funded[1], .providerHeartbeat)])
        chain.produceBlock([(Self.funded[0], .transfer(to: Self.funded[2], amount: .tokens(1))), (Self.penniless, .providerHeartbeat)])
        chain.run(Self.funded[0], .transfer(to: Self.funded[2], amount: .tokens(1)))
        #expect(chain.includedBySender == [Self.funded[0]: 3, Self.funded[1]: 1])
        #expect(chain.state.accounts[Self.funded[0]]?.nonce == 3)
    }

    @Test("transaction(_:_:) uses the sender's next nonce and the chain's fee")
    func transactionFillsNonceAndFee() throws {
        var chain = try Self.chain()
        #expect(chain.fee == MarketParameters().minimumTransactionFee)
        #expect(chain.transaction(Self.funded[0], .providerHeartbeat).nonce == 0)
        chain.run(Self.funded[0], .transfer(to: Self.funded[1], amount: .tokens(1)))
        let next = chain.transaction(Self.funded[0], .providerHeartbeat)
        #expect(next.nonce == 1 && next.fee == chain.fee && next.sender == Self.funded[0])
        #expect(chain.transaction(Self.penniless, .providerHeartbeat).nonce == 0)
    }

    @Test("run puts one transaction in its own block and returns its outcome; nil when it is not includable")
    func runAppliesOneBlock() throws {
        var chain = try Self.chain()
        let outcome = chain.run(Self.funded[0], .transfer(to: Self.funded[1], amount: .tokens(3)))
        #expect(chain.height == 1)
        #expect(outcome?.events == [.transferred(from: Self.funded[0], to: Self.funded[1], amount: .tokens(3))])
        #expect(chain.run(Self.penniless, .providerHeartbeat) == nil)
        #expect(chain.height == 2)
    }

    @Test("advance produces empty blocks, each chained onto the last", arguments: [0, 1, 7])
    func advanceProducesEmptyBlocks(count: Int) throws {
        var chain = try Self.chain()
        var replica = try Self.chain()
        chain.advance(blocks: count)
        #expect(chain.height == BlockHeight(count))
        for _ in 0..<count {
            let block = replica.produceBlock([])
            #expect(block.outcomes.isEmpty)
        }
        #expect(replica.lastHash == chain.lastHash)
        #expect(chain.includedBySender.isEmpty)
    }

    @Test("A chain continued from a state and its last hash produces the same blocks as the original")
    func continuesFromState() throws {
        var original = try Self.chain()
        original.advance(blocks: 2)
        var continued = SimulatedChain(state: original.state, lastHash: original.lastHash)
        let actions: [(Address, TransactionBody)] = [(Self.funded[2], .transfer(to: Self.funded[0], amount: .tokens(9)))]
        let a = original.produceBlock(actions)
        let b = continued.produceBlock(actions)
        #expect(a.hash == b.hash)
        #expect(a.events == b.events)
        #expect(continued.fee == original.fee)
    }

    @Test("applyRaw refuses a wrong nonce without changing the state")
    func applyRawRefusesBadNonce() throws {
        var chain = try Self.chain()
        var state = chain.state
        let root = state.stateRoot()
        var transaction = chain.transaction(Self.funded[0], .transfer(to: Self.funded[1], amount: .tokens(1)))
        transaction.nonce += 1
        #expect(throws: MarketError.badNonce) { _ = try chain.applyRaw(transaction) }
        var after = chain.state
        #expect(after.stateRoot() == root)
    }
}
