/// `JobView.status` and the `status` of a `job-settled` event: where a job is in its life
/// (MarketCore's `JobStatus`).
public enum APIJobStatus: WireState {
    /// Some GPU-hours are not assigned yet.
    case pending
    /// Every GPU-hour is assigned; work, proofs and votes are under way.
    case active
    /// Every GPU-hour was verified and paid; the unspent budget was refunded.
    case completed
    /// The client cancelled before any assignment; the budget was refunded.
    case cancelled
    /// Part of the work could not be placed or verified in time.
    case expired
    /// A status this build does not know, from a newer node.
    case unrecognized(String)

    /// The known statuses, in the core's order.
    public static let allCases: [APIJobStatus] = [.pending, .active, .completed, .cancelled, .expired]

    /// The JSON spelling.
    public var rawValue: String {
        switch self {
        case .pending: "pending"
        case .active: "active"
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .expired: "expired"
        case .unrecognized(let spelling): spelling
        }
    }
}
