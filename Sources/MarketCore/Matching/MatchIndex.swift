/// Position of a provider in the matching order: lowest rate, then highest reputation, then
/// earliest registration.
public struct MatchKey: Comparable, Hashable, Sendable {
    public var rate: UInt64
    /// 100 - reputation, so ascending order puts the best reputation first.
    public var reputationRank: UInt8
    public var sequence: UInt64
    public var address: Address

    init(_ provider: Provider) {
        rate = provider.ratePerGPUHour.microUnits
        reputationRank = Reputation.maximum - min(provider.reputation, Reputation.maximum)
        sequence = provider.sequence
        address = provider.address
    }

    public static func < (lhs: MatchKey, rhs: MatchKey) -> Bool {
        (lhs.rate, lhs.reputationRank, lhs.sequence) < (rhs.rate, rhs.reputationRank, rhs.sequence)
    }

    public static func == (lhs: MatchKey, rhs: MatchKey) -> Bool {
        lhs.rate == rhs.rate && lhs.reputationRank == rhs.reputationRank && lhs.sequence == rhs.sequence
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sequence)
    }
}

/// The matching index: listed providers (active and live) per tier, in matching order. A match
/// walks tiers from the required one up and stops at the first eligible provider of each, so it
/// touches a handful of entries instead of every provider.
struct MatchIndex: Sendable {
    private var tiers: [SortedSet<MatchKey>] = Array(repeating: SortedSet(), count: GPUTier.allCases.count)
    private var listed: [Address: (tier: GPUTier, key: MatchKey)] = [:]

    var count: Int { listed.count }

    func isListed(_ address: Address) -> Bool { listed[address] != nil }

    mutating func list(_ provider: Provider) {
        unlist(provider.address)
        let key = MatchKey(provider)
        tiers[Int(provider.tier.rawValue) - 1].insert(key)
        listed[provider.address] = (provider.tier, key)
    }

    mutating func unlist(_ address: Address) {
        guard let entry = listed.removeValue(forKey: address) else { return }
        tiers[Int(entry.tier.rawValue) - 1].remove(entry.key)
    }

    /// The best listed provider at or above `minimumTier` with rate at most `maxRate` for which
    /// `isEligible` holds, in matching order.
    func best(minimumTier: GPUTier, maxRate: Amount, where isEligible: (Address) -> Bool) -> MatchKey? {
        var best: MatchKey?
        for tier in GPUTier.allCases where tier >= minimumTier {
            tiers[Int(tier.rawValue) - 1].forEach(from: nil) { key in
                if key.rate > maxRate.microUnits { return false }
                if let current = best, !(key < current) { return false }
                if isEligible(key.address) {
                    best = key
                    return false
                }
                return true
            }
        }
        return best
    }
}
