/// `HealthView.status`.
public enum APIHealthStatus: WireState {
    /// The node answers.
    case ok
    /// A status this build does not know, from a newer node.
    case unrecognized(String)

    /// The known statuses.
    public static let allCases: [APIHealthStatus] = [.ok]

    /// The JSON spelling.
    public var rawValue: String {
        switch self {
        case .ok: "ok"
        case .unrecognized(let spelling): spelling
        }
    }
}
