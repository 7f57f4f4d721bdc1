/// `AssignmentView.phase`: which votes a committee is collecting (MarketCore's `VotingPhase`).
public enum APIVotingPhase: WireState {
    /// Each member checks its own segments.
    case sampling
    /// Someone rejected: every member re-checks the disputed segments.
    case dispute
    /// A phase this build does not know, from a newer node.
    case unrecognized(String)

    /// The known phases, in the core's order.
    public static let allCases: [APIVotingPhase] = [.sampling, .dispute]

    /// The JSON spelling.
    public var rawValue: String {
        switch self {
        case .sampling: "sampling"
        case .dispute: "dispute"
        case .unrecognized(let spelling): spelling
        }
    }
}
