/// The provider search index: every registered provider in a bucket per `ProviderSearchClass`,
/// each bucket kept in the five orders that do not depend on availability. A search visits only
/// the buckets its tier, memory, free-GPU and liveness filters admit; a rate bound is a range in
/// the rate orders and a count by rank, so neither the total nor a page walks the providers.
///
/// Derived, never committed: `MarketState.reindexProvider` keeps it in step with every provider
/// write and liveness expiry, and it is rebuilt with the other indexes on restore.
struct ProviderSearchIndex: Sendable {
    /// The orders a bucket keeps, by position in `Bucket.orders`.
    enum Slot: Int, CaseIterable {
        case registered, rateAscending, rateDescending, reputationAscending, reputationDescending

        init?(_ order: ProviderOrder) {
            switch order {
            case .registered: self = .registered
            case .rateAscending: self = .rateAscending
            case .rateDescending: self = .rateDescending
            case .reputationAscending: self = .reputationAscending
            case .reputationDescending: self = .reputationDescending
            case .availabilityAscending, .availabilityDescending: return nil
            }
        }

        func key(rate: UInt64, reputation: UInt8) -> UInt64 {
            switch self {
            case .registered: 0
            case .rateAscending: rate
            case .rateDescending: UInt64.max - rate
            case .reputationAscending: UInt64(reputation)
            case .reputationDescending: UInt64(UInt8.max - reputation)
            }
        }
    }

    struct Bucket: Sendable {
        var orders: [SortedSet<ProviderSearchEntry>] = Array(repeating: SortedSet(), count: Slot.allCases.count)

        var count: Int { orders[0].count }

        /// Members with rate at most `bound` (all when nil), by rank in the rate order.
        func count(rateAtMost bound: UInt64?) -> Int {
            guard let bound, bound < UInt64.max else { return count }
            return orders[Slot.rateAscending.rawValue].countLess(than: ProviderSearchEntry(key: bound + 1, sequence: 0))
        }
    }

    private struct Placement: Equatable, Sendable {
        var bucket: ProviderSearchClass
        var sequence: UInt64
        var rate: UInt64
        var reputation: UInt8
    }

    private var buckets: [ProviderSearchClass: Bucket] = [:]
    /// The non-empty buckets in order; searches iterate this, never the dictionary.
    private var classes = SortedSet<ProviderSearchClass>()
    private var placements: [Address: Placement] = [:]
    private(set) var addressBySequence: [UInt64: Address] = [:]

    var count: Int { placements.count }

    /// Files `provider` under its current bucket and keys; `online` is its liveness now.
    mutating func place(_ provider: Provider, online: Bool) {
        let placement = Placement(
            bucket: ProviderSearchClass(provider, online: online), sequence: provider.sequence,
            rate: provider.ratePerGPUHour.microUnits, reputation: provider.reputation)
        if placements[provider.address] == placement { return }
        remove(provider.address)
        if let holder = addressBySequence[placement.sequence] {
            preconditionFailure("providers \(holder) and \(provider.address) share registration sequence \(placement.sequence)")
        }
        var bucket = buckets.removeValue(forKey: placement.bucket) ?? Bucket()
        for slot in Slot.allCases {
            bucket.orders[slot.rawValue].insert(ProviderSearchEntry(
                key: slot.key(rate: placement.rate, reputation: placement.reputation),
                sequence: placement.sequence, rate: placement.rate))
        }
        buckets[placement.bucket] = bucket
        classes.insert(placement.bucket)
        placements[provider.address] = placement
        addressBySequence[placement.sequence] = provider.address
    }

    mutating func remove(_ address: Address) {
        guard let placement = placements.removeValue(forKey: address) else { return }
        addressBySequence.removeValue(forKey: placement.sequence)
        guard var bucket = buckets.removeValue(forKey: placement.bucket) else { return }
        for slot in Slot.allCases {
            bucket.orders[slot.rawValue].remove(ProviderSearchEntry(
                key: slot.key(rate: placement.rate, reputation: placement.reputation), sequence: placement.sequence))
        }
        if bucket.count == 0 {
            classes.remove(placement.bucket)
        } else {
            buckets[placement.bucket] = bucket
        }
    }

    /// The buckets `search`'s tier, memory, free-GPU and liveness filters admit, in bucket order.
    func buckets(admittedBy search: ProviderSearch) -> [Bucket] {
        var admitted: [Bucket] = []
        let start = ProviderSearchClass(tier: search.minimumTier?.rawValue ?? 0, memoryPerGPUGB: 0, freeGPUs: 0, online: false)
        classes.forEach(from: start) { candidate in
            if candidate.admits(search), let bucket = buckets[candidate] { admitted.append(bucket) }
            return true
        }
        return admitted
    }
}
