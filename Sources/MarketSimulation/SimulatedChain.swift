import MarketCore

/// Drives a `MarketState` block by block the way the ledger does, without signatures: it fills
/// in nonces and fees, chains block hashes and commits after every block. For tests, benchmarks
/// and simulations.
public struct SimulatedChain: Sendable {
    public struct Block: Sendable {
        public var height: BlockHeight
        public var hash: Hash256
        public var stateRoot: Hash256
        public var boundaryEvents: [MarketEvent]
        public var outcomes: [TransactionOutcome]
        public var changedEntries: Int

        public var events: [MarketEvent] { boundaryEvents + outcomes.flatMap(\.events) }
    }

    public private(set) var state: MarketState
    public private(set) var lastHash: Hash256
    public private(set) var includedBySender: [Address: UInt64] = [:]
    public var fee: Amount

    public init(genesis: GenesisState) throws(MarketError) {
        state = try MarketState(genesis: genesis)
        lastHash = Hash256.tagged("depin/sim-genesis", state.stateRoot().bytes)
        fee = genesis.parameters.minimumTransactionFee
    }

    /// Continues a chain from a restored state whose last block hash is `lastHash`.
    public init(state: MarketState, lastHash: Hash256) {
        self.state = state
        self.lastHash = lastHash
        fee = state.parameters.minimumTransactionFee
    }

    public var height: BlockHeight { state.height }

    /// Builds the transaction `sender` would sign next.
    public func transaction(_ sender: Address, _ body: TransactionBody) -> Transaction {
        Transaction(sender: sender, nonce: state.accounts[sender]?.nonce ?? 0, fee: fee, body: body)
    }

    /// Applies one block through `MarketState.executeBlock`. Each sender's transactions get
    /// consecutive nonces from its account's next one, as a block producer orders them; those that
    /// are not includable are dropped, as a block producer would.
    @discardableResult
    public mutating func produceBlock(_ actions: [(Address, TransactionBody)]) -> Block {
        var nextNonce: [Address: UInt64] = [:]
        let transactions = actions.map { sender, body in
            let nonce = nextNonce[sender] ?? state.accounts[sender]?.nonce ?? 0
            nextNonce[sender] = nonce + 1
            return Transaction(sender: sender, nonce: nonce, fee: fee, body: body)
        }
        let execution = state.executeBlock(height: state.height + 1, previousHash: lastHash, transactions: transactions)
        for index in execution.includedIndices { includedBySender[transactions[index].sender, default: 0] += 1 }
        var writer = CanonicalWriter()
        writer.write(execution.height)
        writer.write(lastHash)
        writer.write(execution.commit.root)
        lastHash = Hash256.tagged("depin/sim-block", writer.bytes)
        return Block(height: execution.height, hash: lastHash, stateRoot: execution.commit.root,
                     boundaryEvents: execution.boundaryEvents, outcomes: execution.outcomes,
                     changedEntries: execution.commit.changes.count)
    }

    /// Applies one transaction in its own block and returns its outcome.
    @discardableResult
    public mutating func run(_ sender: Address, _ body: TransactionBody) -> TransactionOutcome? {
        produceBlock([(sender, body)]).outcomes.first
    }

    /// Produces `count` empty blocks.
    public mutating func advance(blocks count: Int) {
        for _ in 0..<count { produceBlock([]) }
    }

    /// Applies a transaction with an explicit nonce and fee, outside block production, for tests of
    /// includability. Must be called between `produceBlock` calls.
    public mutating func applyRaw(_ transaction: Transaction) throws(MarketError) -> TransactionOutcome {
        try state.apply(transaction)
    }
}
