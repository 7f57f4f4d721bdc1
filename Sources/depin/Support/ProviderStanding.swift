import MarketAPI
import MarketCore

/// A provider's standing as a user needs to read it: whether it can take work now, and if not,
/// why. `active` alone hid jailed, under-staked and silent providers.
enum ProviderStanding {
    static func describe(_ view: ProviderView, height: BlockHeight) -> String {
        if view.status == .unbonding {
            return "unbonding" + (view.releaseHeight.map { " (withdrawable from height \($0))" } ?? "")
        }
        if view.jailedUntil > height { return "jailed until height \(view.jailedUntil)" }
        if view.stake < view.requiredStake {
            return "under-staked (\(Format.tokens(view.stake)) of \(Format.tokens(view.requiredStake)))"
        }
        if !view.online { return "offline (last heartbeat at height \(view.lastHeartbeat))" }
        return view.status.rawValue
    }
}
