/// Tunables of block production and admission.
public struct LedgerConfiguration: Sendable {
    /// A block is cut this often, even when empty, and never sooner: deadlines count blocks, so
    /// no one's traffic may advance the height faster.
    public var blockInterval: Duration = .milliseconds(500)
    /// Most transactions in one block.
    public var maxBlockTransactions = 5_000
    /// Most bytes of signed transactions in one block.
    public var maxBlockBytes = 8 << 20
    public var mempoolCapacity = 100_000
    /// Most bytes of signed transactions the mempool holds.
    public var mempoolMaxBytes = 256 << 20
    public var mempoolPerAccount = 1_024
    public var nonceWindow: UInt64 = 1_024
    /// Most transactions one account may hold behind a missing nonce.
    public var mempoolGappedPerAccount = 16
    /// Transactions behind a gap are admitted only while the mempool holds fewer than this many
    /// (nil: a tenth of `mempoolCapacity`); the rest is kept for executable transactions.
    public var mempoolGappedCapacity: Int?
    /// Blocks a transaction may wait behind a gap before it is evicted.
    public var gapTimeoutBlocks: UInt64 = 20
    /// A full snapshot is stored with every block whose height is a multiple of this.
    public var snapshotInterval: UInt64 = 1_000
    /// Largest signed transaction accepted, in bytes.
    public var maxTransactionBytes = 64 * 1024

    public init() {}
}
