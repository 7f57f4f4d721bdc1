import MarketCore

/// Filters and order for `GET /v1/providers`.
public struct ProviderFilter: Sendable, Hashable {
    public var tier: GPUTier?
    public var minMemoryGB: UInt32?
    public var minFreeGPUs: UInt32?
    public var maxRate: Amount?
    public var minAvailabilityBasisPoints: UInt32?
    public var online: Bool?
    /// Order of the listing as the node names it (for example `rate`); nil for the node's default.
    public var sort: String?
    public var offset: Int?
    public var limit: Int?

    public init(tier: GPUTier? = nil, minMemoryGB: UInt32? = nil, minFreeGPUs: UInt32? = nil, maxRate: Amount? = nil,
                minAvailabilityBasisPoints: UInt32? = nil, online: Bool? = nil, sort: String? = nil,
                offset: Int? = nil, limit: Int? = nil) {
        self.tier = tier
        self.minMemoryGB = minMemoryGB
        self.minFreeGPUs = minFreeGPUs
        self.maxRate = maxRate
        self.minAvailabilityBasisPoints = minAvailabilityBasisPoints
        self.online = online
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }

    /// Query parameters in a fixed order.
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let tier { items.append(("tier", tier.description)) }
        if let minMemoryGB { items.append(("minMemoryGB", String(minMemoryGB))) }
        if let minFreeGPUs { items.append(("minFreeGPUs", String(minFreeGPUs))) }
        if let maxRate { items.append(("maxRate", maxRate.description)) }
        if let minAvailabilityBasisPoints { items.append(("minAvailabilityBps", String(minAvailabilityBasisPoints))) }
        if let online { items.append(("online", String(online))) }
        if let sort { items.append(("sort", sort)) }
        if let offset { items.append(("offset", String(offset))) }
        if let limit { items.append(("limit", String(limit))) }
        return items
    }
}
