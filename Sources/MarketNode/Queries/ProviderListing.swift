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
}

/// The filters, order and page of a provider listing. A pure function of the state: one pass over
/// the providers to filter, a sort of what passed, and views built only for the returned page, so
/// it stays usable with 100,000 providers.
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

    private struct Candidate {
        var provider: Provider
        var availability: UInt32
    }

    func page(in state: MarketState) -> Page<ProviderView> {
        let parameters = state.parameters
        var candidates: [Candidate] = []
        for provider in state.providers.values {
            if let minimumTier, provider.tier < minimumTier { continue }
            if let minMemoryGB, provider.memoryPerGPUGB < minMemoryGB { continue }
            if let minFreeGPUs, provider.freeGPUs < minFreeGPUs { continue }
            if let maxRate, provider.ratePerGPUHour > maxRate { continue }
            if let online, provider.isLive(at: state.height, livenessBlocks: parameters.livenessWindowBlocks) != online { continue }
            let availability = provider.availabilityBasisPoints(at: state.height, windowBlocks: parameters.heartbeatWindowBlocks)
            if let minAvailabilityBasisPoints, availability < minAvailabilityBasisPoints { continue }
            candidates.append(Candidate(provider: provider, availability: availability))
        }
        candidates.sort(by: ordering)
        return Page.slice(candidates, offset: offset, limit: limit) { candidate in
            guard let info = state.providerInfo(candidate.provider.address) else {
                preconditionFailure("listed provider \(candidate.provider.address) vanished from the same state")
            }
            return ProviderView(info)
        }
    }

    /// The chosen key, then registration order: a total order, so pages never overlap or skip.
    private func ordering(_ a: Candidate, _ b: Candidate) -> Bool {
        switch sort {
        case .rate, .rateDescending:
            if a.provider.ratePerGPUHour != b.provider.ratePerGPUHour {
                return (a.provider.ratePerGPUHour < b.provider.ratePerGPUHour) == (sort == .rate)
            }
        case .reputation, .reputationDescending:
            if a.provider.reputation != b.provider.reputation {
                return (a.provider.reputation < b.provider.reputation) == (sort == .reputation)
            }
        case .availability, .availabilityDescending:
            if a.availability != b.availability {
                return (a.availability < b.availability) == (sort == .availability)
            }
        case .registered:
            break
        }
        if a.provider.sequence != b.provider.sequence { return a.provider.sequence < b.provider.sequence }
        return a.provider.address < b.provider.address
    }
}
