/// `AssignmentView.status`: where one provider's shard of a job is (MarketCore's
/// `AssignmentStatus`).
public enum APIAssignmentStatus: WireState {
    /// Training; the proof is due by `proofDeadline`.
    case assigned
    /// Proof submitted; the committee is drawn from the next block's seed.
    case awaitingCommittee
    /// Committee drawn; votes are due by `votingDeadline`.
    case voting
    case verified
    case rejected
    /// The proof deadline passed without a proof.
    case missedDeadline
    /// No committee reached a decision within the allowed re-draws; the cost was refunded.
    case unverifiable
    /// A status this build does not know, from a newer node.
    case unrecognized(String)

    /// The known statuses, in the core's order.
    public static let allCases: [APIAssignmentStatus] = [
        .assigned, .awaitingCommittee, .voting, .verified, .rejected, .missedDeadline, .unverifiable,
    ]

    /// The JSON spelling.
    public var rawValue: String {
        switch self {
        case .assigned: "assigned"
        case .awaitingCommittee: "awaiting-committee"
        case .voting: "voting"
        case .verified: "verified"
        case .rejected: "rejected"
        case .missedDeadline: "missed-deadline"
        case .unverifiable: "unverifiable"
        case .unrecognized(let spelling): spelling
        }
    }
}
