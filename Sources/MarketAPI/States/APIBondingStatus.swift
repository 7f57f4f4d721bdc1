/// `ProviderView.status` and `ValidatorView.status`: whether a stake is working or on its way out
/// (MarketCore's `BondingStatus`, whose release height the views report as `releaseHeight`).
public enum APIBondingStatus: WireState {
    case active
    /// Unregistered; the stake can be withdrawn from `releaseHeight` on.
    case unbonding
    /// A status this build does not know, from a newer node.
    case unrecognized(String)

    /// The known statuses, in the core's order.
    public static let allCases: [APIBondingStatus] = [.active, .unbonding]

    /// The JSON spelling.
    public var rawValue: String {
        switch self {
        case .active: "active"
        case .unbonding: "unbonding"
        case .unrecognized(let spelling): spelling
        }
    }
}
