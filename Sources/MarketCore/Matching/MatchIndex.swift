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

/// The matching index: listed providers (active and live) per tier and capacity class, each class
/// in matching order. A match visits, in each tier from the required one up, only the classes with
/// enough free GPUs and memory, and stops in each at its first eligible provider, so providers too
/// small for the job cost nothing however many of them are cheaper.
struct MatchIndex: Sendable {
    private struct Placement: Sendable {
        var tier: Int
        var capacity: CapacityClass
        var key: MatchKey
    }

    /// Per tier, the providers of each capacity class in matching order; classes never empty.
    private var buckets: [[CapacityClass: SortedSet<MatchKey>]] = Array(repeating: [:], count: GPUTier.allCases.count)
    /// Per tier, the non-empty classes in order; iteration follows this, never the dictionary.
    private var classes: [SortedSet<CapacityClass>] = Array(repeating: SortedSet(), count: GPUTier.allCases.count)
    private var listed: [Address: Placement] = [:]

    var count: Int { listed.count }

    func isListed(_ address: Address) -> Bool { listed[address] != nil }

    mutating func list(_ provider: Provider) {
        unlist(provider.address)
        let placement = Placement(tier: Int(provider.tier.rawValue) - 1, capacity: CapacityClass(provider), key: MatchKey(provider))
        buckets[placement.tier][placement.capacity, default: SortedSet()].insert(placement.key)
        classes[placement.tier].insert(placement.capacity)
        listed[provider.address] = placement
    }

    mutating func unlist(_ address: Address) {
        guard let placement = listed.removeValue(forKey: address) else { return }
        guard var members = buckets[placement.tier].removeValue(forKey: placement.capacity) else { return }
        members.remove(placement.key)
        if members.isEmpty {
            classes[placement.tier].remove(placement.capacity)
        } else {
            buckets[placement.tier][placement.capacity] = members
        }
    }

    /// The best listed provider at or above `minimumTier` with at least `gpus` free GPUs of at least
    /// `memoryPerGPUGB` and rate at most `maxRate` for which `isEligible` holds, in matching order.
    /// The capacity bounds only skip providers `isEligible` would refuse anyway.
    func best(
        minimumTier: GPUTier, gpus: UInt32, memoryPerGPUGB: UInt32, maxRate: Amount,
        where isEligible: (Address) -> Bool
    ) -> MatchKey? {
        var best: MatchKey?
        for tier in GPUTier.allCases where tier >= minimumTier {
            let t = Int(tier.rawValue) - 1
            classes[t].forEach(from: CapacityClass(freeGPUs: gpus, memoryPerGPUGB: memoryPerGPUGB)) { capacity in
                guard capacity.memoryPerGPUGB >= memoryPerGPUGB, let members = buckets[t][capacity] else { return true }
                members.forEach(from: nil) { key in
                    if key.rate > maxRate.microUnits { return false }
                    if let current = best, !(key < current) { return false }
                    if isEligible(key.address) {
                        best = key
                        return false
                    }
                    return true
                }
                return true
            }
        }
        return best
    }
}
