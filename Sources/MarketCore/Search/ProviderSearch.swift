/// The filters, order and page of a provider search (`GET /v1/providers`). Every filter is
/// optional; a provider is listed when it passes all that are set.
public struct ProviderSearch: Hashable, Sendable {
    public var minimumTier: GPUTier?
    public var minMemoryGB: UInt32?
    public var minFreeGPUs: UInt32?
    public var maxRate: Amount?
    public var minAvailabilityBasisPoints: UInt32?
    /// Whether the last heartbeat is inside the liveness window.
    public var online: Bool?
    public var order: ProviderOrder = .registered
    public var offset = 0
    public var limit = 50

    public init() {}

    /// Whether `provider` passes the filters that do not depend on availability.
    func admitsIgnoringAvailability(_ provider: Provider, online isOnline: Bool) -> Bool {
        if let minimumTier, provider.tier < minimumTier { return false }
        if let minMemoryGB, provider.memoryPerGPUGB < minMemoryGB { return false }
        if let minFreeGPUs, provider.freeGPUs < minFreeGPUs { return false }
        if let maxRate, provider.ratePerGPUHour > maxRate { return false }
        if let online, isOnline != online { return false }
        return true
    }
}
