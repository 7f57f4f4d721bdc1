import MarketCore

/// A committed transaction: where it is and what it did. Given out only after the block holding
/// it was durably stored.
public struct TransactionReceipt: Hashable, Sendable {
    public var id: Hash256
    public var height: BlockHeight
    public var position: Int
    public var blockHash: Hash256
    public var outcome: TransactionOutcome

    public init(id: Hash256, height: BlockHeight, position: Int, blockHash: Hash256, outcome: TransactionOutcome) {
        self.id = id
        self.height = height
        self.position = position
        self.blockHash = blockHash
        self.outcome = outcome
    }
}

/// What became of a submitted transaction.
public enum TransactionStatus: Hashable, Sendable {
    /// In the mempool, waiting for a block.
    case pending
    case committed(TransactionReceipt)
    /// Left out of a block because it could no longer be included (e.g. its nonce was used).
    case dropped(MarketError)
    /// Evicted from the mempool before any block took it: displaced by a higher fee when the pool
    /// was full (`mempool-full`) or expired behind a nonce gap (`nonce-gap`). No fee was paid.
    case evicted(LedgerError)
    /// Never seen, or dropped before this node restarted.
    case unknown
}

/// A durably committed block, as handed to subscribers, with the transactions that were offered
/// for it but left out because they were no longer includable.
public struct CommittedBlock: Sendable {
    public var block: Block
    /// Ids and reasons of transactions dropped from the mempool while this block was built.
    public var dropped: [(id: Hash256, error: MarketError)]
    public var stateRoot: Hash256 { block.header.stateRoot }

    public init(block: Block, dropped: [(id: Hash256, error: MarketError)] = []) {
        self.block = block
        self.dropped = dropped
    }
}
