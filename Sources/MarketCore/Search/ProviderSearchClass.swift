/// The search index's bucket: providers alike in every filter but rate and availability. Ordered
/// by tier, memory, free GPUs and liveness, so the buckets of a minimum tier form a suffix.
struct ProviderSearchClass: Comparable, Hashable, Sendable {
    var tier: UInt8
    var memoryPerGPUGB: UInt32
    var freeGPUs: UInt32
    var online: Bool

    init(tier: UInt8, memoryPerGPUGB: UInt32, freeGPUs: UInt32, online: Bool) {
        self.tier = tier
        self.memoryPerGPUGB = memoryPerGPUGB
        self.freeGPUs = freeGPUs
        self.online = online
    }

    init(_ provider: Provider, online: Bool) {
        self.init(tier: provider.tier.rawValue, memoryPerGPUGB: provider.memoryPerGPUGB, freeGPUs: provider.freeGPUs, online: online)
    }

    func admits(_ search: ProviderSearch) -> Bool {
        if let minimumTier = search.minimumTier, tier < minimumTier.rawValue { return false }
        if let minMemoryGB = search.minMemoryGB, memoryPerGPUGB < minMemoryGB { return false }
        if let minFreeGPUs = search.minFreeGPUs, freeGPUs < minFreeGPUs { return false }
        if let wanted = search.online, online != wanted { return false }
        return true
    }

    static func < (lhs: ProviderSearchClass, rhs: ProviderSearchClass) -> Bool {
        (lhs.tier, lhs.memoryPerGPUGB, lhs.freeGPUs, lhs.online ? 1 : 0) < (rhs.tier, rhs.memoryPerGPUGB, rhs.freeGPUs, rhs.online ? 1 : 0)
    }
}
