/// `TransactionStatusView.status`: where a submitted transaction stands (MarketLedger's
/// `TransactionStatus`).
public enum APITransactionStatus: WireState {
    /// In the mempool, waiting for a block.
    case pending
    /// In a durably stored block, successful or not.
    case committed
    /// Left out of a block because it could no longer be included.
    case dropped
    /// The node has never seen it, or dropped it before it restarted.
    case unknown
    /// A status this build does not know, from a newer node (not the node's `unknown`).
    case unrecognized(String)

    /// The known statuses.
    public static let allCases: [APITransactionStatus] = [.pending, .committed, .dropped, .unknown]

    /// The JSON spelling.
    public var rawValue: String {
        switch self {
        case .pending: "pending"
        case .committed: "committed"
        case .dropped: "dropped"
        case .unknown: "unknown"
        case .unrecognized(let spelling): spelling
        }
    }
}
