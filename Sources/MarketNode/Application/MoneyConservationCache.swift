import MarketCore

/// Whether the money invariant holds, computed at most once per height: `/v1/stats` is polled
/// often and the check walks every account.
final class MoneyConservationCache: Sendable {
    private struct Entry: Sendable {
        var height: BlockHeight
        var conserved: Bool
    }

    private let entry = LockedBox<Entry?>(nil)

    /// Whether the money invariant holds at `state`.
    func isConserved(_ state: MarketState) -> Bool {
        if let cached = entry.withLock({ $0 }), cached.height == state.height { return cached.conserved }
        let conserved = state.moneySupply().isConserved
        entry.withLock { $0 = Entry(height: state.height, conserved: conserved) }
        return conserved
    }
}
