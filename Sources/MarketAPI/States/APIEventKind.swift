/// `EventView.kind`: which market event a view describes (MarketCore's `MarketEvent`, by its
/// `kind` spelling).
public enum APIEventKind: WireState {
    case transferred
    case minted
    case providerRegistered
    case providerUpdated
    case providerHeartbeat
    case providerUnregistered
    case validatorRegistered
    case validatorUnregistered
    case stakeWithdrawn
    case jobPosted
    case jobCancelled
    case jobMatched
    case proofSubmitted
    case committeeDrawn
    case voteCast
    case disputeOpened
    case assignmentVerified
    case assignmentRejected
    case assignmentMissedDeadline
    case assignmentUnverifiable
    case providerSlashed
    case validatorRewarded
    case validatorPenalized
    case rewardClaimed
    case jobSettled
    case parametersUpdated
    /// An event this build does not know, from a newer node.
    case unrecognized(String)

    /// The known kinds, in the core's declaration order.
    public static let allCases: [APIEventKind] = [
        .transferred, .minted, .providerRegistered, .providerUpdated, .providerHeartbeat,
        .providerUnregistered, .validatorRegistered, .validatorUnregistered, .stakeWithdrawn, .jobPosted,
        .jobCancelled, .jobMatched, .proofSubmitted, .committeeDrawn, .voteCast, .disputeOpened,
        .assignmentVerified, .assignmentRejected, .assignmentMissedDeadline, .assignmentUnverifiable,
        .providerSlashed, .validatorRewarded, .validatorPenalized, .rewardClaimed, .jobSettled,
        .parametersUpdated,
    ]

    /// The JSON spelling (also the SSE `event:` field).
    public var rawValue: String {
        switch self {
        case .transferred: "transferred"
        case .minted: "minted"
        case .providerRegistered: "provider-registered"
        case .providerUpdated: "provider-updated"
        case .providerHeartbeat: "provider-heartbeat"
        case .providerUnregistered: "provider-unregistered"
        case .validatorRegistered: "validator-registered"
        case .validatorUnregistered: "validator-unregistered"
        case .stakeWithdrawn: "stake-withdrawn"
        case .jobPosted: "job-posted"
        case .jobCancelled: "job-cancelled"
        case .jobMatched: "job-matched"
        case .proofSubmitted: "proof-submitted"
        case .committeeDrawn: "committee-drawn"
        case .voteCast: "vote-cast"
        case .disputeOpened: "dispute-opened"
        case .assignmentVerified: "assignment-verified"
        case .assignmentRejected: "assignment-rejected"
        case .assignmentMissedDeadline: "assignment-missed-deadline"
        case .assignmentUnverifiable: "assignment-unverifiable"
        case .providerSlashed: "provider-slashed"
        case .validatorRewarded: "validator-rewarded"
        case .validatorPenalized: "validator-penalized"
        case .rewardClaimed: "reward-claimed"
        case .jobSettled: "job-settled"
        case .parametersUpdated: "parameters-updated"
        case .unrecognized(let spelling): spelling
        }
    }
}
