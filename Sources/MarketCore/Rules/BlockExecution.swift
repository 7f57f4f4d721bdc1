/// What executing one block did: the boundary work, which offered transactions went in and how
/// each ended, which were left out and why, and the state commitment after the block.
///
/// Every node computes the same value from the same inputs: the block producer, a replaying node,
/// a follower in a cluster and the simulator all obtain it from `MarketState.executeBlock`.
public struct BlockExecution: Sendable {
    /// A transaction that was offered but is not includable at its place in the block.
    public struct Exclusion: Hashable, Sendable {
        /// Position in the offered transactions.
        public var index: Int
        public var error: MarketError
    }

    public var height: BlockHeight
    /// Events of the deadlines, draws and availability checks due at `height`, before any transaction.
    public var boundaryEvents: [MarketEvent]
    /// Positions, in the offered transactions, of those included, in block order.
    public var includedIndices: [Int]
    /// One outcome per included transaction, aligned with `includedIndices`.
    public var outcomes: [TransactionOutcome]
    /// Offered transactions left out, in offered order. A producer drops them; a replay of a
    /// recorded block treats any exclusion as a bad block.
    public var excluded: [Exclusion]
    /// The new state root and exactly the entries the block changed.
    public var commit: StateCommit

    /// Every event of the block in order: boundary events, then each included transaction's.
    public var events: [MarketEvent] { boundaryEvents + outcomes.flatMap(\.events) }
}

extension MarketState {
    /// Executes one whole block: `beginBlock` (deadlines, committee draws, availability), then each
    /// offered transaction in order, then `commit`. This is the only place that fixes the order of
    /// a block's steps; the ledger's producer and replay, cluster followers and the simulator call it.
    ///
    /// A transaction that is not includable where it stands (wrong nonce, fee under the minimum or
    /// over the balance) changes nothing and is reported in `excluded`; the rest of the block goes on.
    /// `height` must be the next height and `previousHash` the hash of the block before it.
    public mutating func executeBlock(
        height: BlockHeight, previousHash: Hash256, transactions: [Transaction]
    ) -> BlockExecution {
        let boundary = beginBlock(height: height, previousHash: previousHash)
        var included: [Int] = []
        var outcomes: [TransactionOutcome] = []
        var excluded: [BlockExecution.Exclusion] = []
        included.reserveCapacity(transactions.count)
        outcomes.reserveCapacity(transactions.count)
        for (index, transaction) in transactions.enumerated() {
            do {
                outcomes.append(try apply(transaction))
                included.append(index)
            } catch {
                excluded.append(BlockExecution.Exclusion(index: index, error: error))
            }
        }
        return BlockExecution(
            height: height, boundaryEvents: boundary, includedIndices: included, outcomes: outcomes,
            excluded: excluded, commit: commit())
    }
}
