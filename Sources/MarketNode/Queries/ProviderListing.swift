import MarketAPI
import MarketCore

/// Orders of `GET /v1/providers`; a leading `-` means descending.
enum ProviderSort: String, CaseIterable, Sendable {
    case rate
    case rateDescending = "-rate"
    case reputation
    case reputationDescending = "-reputation"
    case availability
    case availabilityDescending = "-availability"
    case registered

    var order: ProviderOrder {
        switch self {
        case .rate: .rateAscending
        case .rateDescending: .rateDescending
        case .reputation: .reputationAscending
        case .reputationDescending: .reputationDescending
        case .availability: .availabilityAscending
        case .availabilityDescending: .availabilityDescending
        case .registered: .registered
        }
    }
}

/// The filters, order and page of a provider listing, read from the query string. Served by the
/// core's provider search index (`MarketState.searchProviders`); views are built only for the
/// returned page.
struct ProviderListing: Sendable {
    var minimumTier: GPUTier?
    var minMemoryGB: UInt32?
    var minFreeGPUs: UInt32?
    var maxRate: Amount?
    var minAvailabilityBasisPoints: UInt32?
    var online: Bool?
    var sort: ProviderSort = .registered
    var offset = 0
    var limit = 50

    init() {}

    init(query: inout QueryParameters) throws(APIFailure) {
        minimumTier = try query.tier("tier")
        minMemoryGB = try query.integer("minMemoryGB", UInt32.self)
        minFreeGPUs = try query.integer("minFreeGPUs", UInt32.self)
        maxRate = try query.amount("maxRate")
        minAvailabilityBasisPoints = try query.integer("minAvailabilityBps", UInt32.self, in: 0...10_000)
        online = try query.bool("online")
        sort = try query.choice("sort", ProviderSort.self) ?? .registered
        (offset, limit) = try query.page()
    }

    var search: ProviderSearch {
        var search = ProviderSearch()
        search.minimumTier = minimumTier
        search.minMemoryGB = minMemoryGB
        search.minFreeGPUs = minFreeGPUs
        search.maxRate = maxRate
        search.minAvailabilityBasisPoints = minAvailabilityBasisPoints
        search.online = online
        search.order = sort.order
        search.offset = offset
        search.limit = limit
        return search
    }

    func page(in state: MarketState) -> Page<ProviderView> {
        page(state.searchProviders(search), in: state)
    }

    /// The same page by a scan over every provider: the oracle for the index.
    func pageByScan(in state: MarketState) -> Page<ProviderView> {
        page(state.searchProvidersByScan(search), in: state)
    }

    private func page(_ result: ProviderSearchResult, in state: MarketState) -> Page<ProviderView> {
        let items = result.addresses.map { address in
            guard let info = state.providerInfo(address) else {
                preconditionFailure("listed provider \(address) vanished from the same state")
            }
            return ProviderView(info)
        }
        return Page(items: items, total: result.total, offset: offset, limit: limit)
    }
}
