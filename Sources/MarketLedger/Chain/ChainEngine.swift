import MarketCore

/// Why a stored or received block does not replay to what it claims.
public enum ChainError: Error, Hashable, Sendable, CustomStringConvertible {
    case wrongChain(height: BlockHeight)
    case heightGap(expected: BlockHeight, found: BlockHeight)
    case brokenLink(height: BlockHeight)
    case transactionsRootMismatch(height: BlockHeight)
    case badTransaction(height: BlockHeight, index: Int, LedgerError)
    case notIncludable(height: BlockHeight, index: Int, MarketError)
    case resultsMismatch(height: BlockHeight)
    case stateRootMismatch(height: BlockHeight)
    case corrupt(height: BlockHeight, String)

    public var height: BlockHeight {
        switch self {
        case .wrongChain(let height), .brokenLink(let height), .transactionsRootMismatch(let height),
             .resultsMismatch(let height), .stateRootMismatch(let height):
            height
        case .heightGap(let expected, _): expected
        case .badTransaction(let height, _, _), .notIncludable(let height, _, _), .corrupt(let height, _): height
        }
    }

    public var description: String {
        switch self {
        case .wrongChain(let height): "block \(height): chain id differs from the genesis chain id"
        case .heightGap(let expected, let found): "expected block \(expected), found \(found)"
        case .brokenLink(let height): "block \(height): previous-hash does not match the hash of block \(height - 1)"
        case .transactionsRootMismatch(let height): "block \(height): transactions root does not match its transactions"
        case .badTransaction(let height, let index, let error): "block \(height) transaction \(index): \(error.name) (\(error.message))"
        case .notIncludable(let height, let index, let error): "block \(height) transaction \(index) was not includable: \(error.name)"
        case .resultsMismatch(let height): "block \(height): replayed results differ from the recorded results"
        case .stateRootMismatch(let height): "block \(height): replayed state root differs from the header's state root"
        case .corrupt(let height, let reason): "block \(height): \(reason)"
        }
    }
}

/// The deterministic heart of a node: the market state plus the chain tip. It executes new
/// blocks from verified transactions and replays stored blocks, checking every root. It does no
/// I/O; storage and clocks belong to the caller.
public struct ChainEngine: Sendable {
    public let chainID: String
    public private(set) var state: MarketState
    public private(set) var tip: BlockHeader

    /// A new chain at its genesis block.
    public init(genesis document: GenesisDocument) throws {
        var state = try document.validate()
        chainID = document.chainID
        tip = ChainEngine.genesisHeader(document: document, stateRoot: state.stateRoot())
        self.state = state
    }

    /// A chain restored from a state snapshot taken right after `tip`.
    public init(chainID: String, state: MarketState, tip: BlockHeader) {
        self.chainID = chainID
        self.state = state
        self.tip = tip
    }

    public static func genesisHeader(document: GenesisDocument, stateRoot: Hash256) -> BlockHeader {
        BlockHeader(
            chainID: document.chainID, height: 0, previousHash: .zero, timestampMillis: document.genesisTimeMillis,
            transactionsRoot: MerkleList.root([]), resultsRoot: MerkleList.root([]), stateRoot: stateRoot, transactionCount: 0)
    }

    /// A transaction that was offered for a block but could not be included, and why.
    public struct Dropped: Sendable {
        public var transaction: VerifiedTransaction
        public var error: MarketError
    }

    /// Executes the next block from already verified transactions. Transactions that are no longer
    /// includable (stale nonce, fee unaffordable) are left out and returned as dropped.
    public mutating func executeBlock(
        _ candidates: [VerifiedTransaction], timestampMillis: UInt64
    ) -> (block: Block, commit: StateCommit, dropped: [Dropped]) {
        let offered = Array(candidates.prefix(Block.maxTransactions))
        let height = tip.height + 1
        let execution = state.executeBlock(
            height: height, previousHash: tip.hash, transactions: offered.map { $0.signed.transaction() })
        let included = execution.includedIndices.map { offered[$0].signed }
        let dropped = execution.excluded.map { Dropped(transaction: offered[$0.index], error: $0.error) }
        let header = BlockHeader(
            chainID: chainID, height: height, previousHash: tip.hash,
            timestampMillis: max(timestampMillis, tip.timestampMillis),
            transactionsRoot: Block.transactionsRoot(included),
            resultsRoot: Block.resultsRoot(
                transactions: included, outcomes: execution.outcomes, boundaryEvents: execution.boundaryEvents),
            stateRoot: execution.commit.root, transactionCount: UInt32(included.count))
        tip = header
        let block = Block(header: header, transactions: included, outcomes: execution.outcomes, boundaryEvents: execution.boundaryEvents)
        return (block, execution.commit, dropped)
    }

    /// Replays a stored block on top of the tip and checks its link, roots, results and state
    /// root. Signatures are checked when `verifySignatures` (they may have been checked in
    /// parallel beforehand). On any mismatch the engine must be discarded.
    public mutating func replay(_ block: Block, verifySignatures: Bool) throws(ChainError) -> StateCommit {
        let header = block.header
        guard header.chainID == chainID else { throw .wrongChain(height: header.height) }
        guard header.height == tip.height + 1 else { throw .heightGap(expected: tip.height + 1, found: header.height) }
        guard header.previousHash == tip.hash else { throw .brokenLink(height: header.height) }
        guard header.transactionCount == UInt32(block.transactions.count), block.outcomes.count == block.transactions.count else {
            throw .corrupt(height: header.height, "transaction count does not match the body")
        }
        guard Block.transactionsRoot(block.transactions) == header.transactionsRoot else {
            throw .transactionsRootMismatch(height: header.height)
        }
        if verifySignatures {
            for (index, transaction) in block.transactions.enumerated() {
                do {
                    _ = try transaction.verify(chainID: chainID)
                } catch {
                    throw .badTransaction(height: header.height, index: index, error)
                }
            }
        }
        let execution = state.executeBlock(
            height: header.height, previousHash: tip.hash, transactions: block.transactions.map { $0.transaction() })
        if let exclusion = execution.excluded.first {
            throw .notIncludable(height: header.height, index: exclusion.index, exclusion.error)
        }
        guard execution.outcomes == block.outcomes, execution.boundaryEvents == block.boundaryEvents,
              Block.resultsRoot(
                transactions: block.transactions, outcomes: execution.outcomes, boundaryEvents: execution.boundaryEvents
              ) == header.resultsRoot
        else { throw .resultsMismatch(height: header.height) }
        let commit = execution.commit
        guard commit.root == header.stateRoot else { throw .stateRootMismatch(height: header.height) }
        tip = header
        return commit
    }
}
