/// Tunables of block production and admission.
public struct LedgerConfiguration: Sendable {
    /// A block is cut at least this often, even when empty: deadlines count blocks.
    public var blockInterval: Duration = .milliseconds(500)
    /// A block is cut as soon as this many transactions wait.
    public var maxBlockTransactions = 5_000
    public var mempoolCapacity = 100_000
    public var mempoolPerAccount = 1_024
    public var nonceWindow: UInt64 = 1_024
    /// A full snapshot is stored with every block whose height is a multiple of this.
    public var snapshotInterval: UInt64 = 1_000
    /// Largest signed transaction accepted, in bytes.
    public var maxTransactionBytes = 64 * 1024

    public init() {}
}
