/// A provider that passed a search's filters, with what its order needs. Searches that involve
/// availability, and the scan, collect these and sort them.
struct ProviderCandidate: Sendable {
    var address: Address
    var sequence: UInt64
    var rate: UInt64
    var reputation: UInt8
    var availability: UInt32

    init(_ provider: Provider, availability: UInt32) {
        address = provider.address
        sequence = provider.sequence
        rate = provider.ratePerGPUHour.microUnits
        reputation = provider.reputation
        self.availability = availability
    }

    /// The order's key, then registration order, then address: a total order.
    static func precedes(_ a: ProviderCandidate, _ b: ProviderCandidate, in order: ProviderOrder) -> Bool {
        switch order {
        case .rateAscending, .rateDescending:
            if a.rate != b.rate { return (a.rate < b.rate) == (order == .rateAscending) }
        case .reputationAscending, .reputationDescending:
            if a.reputation != b.reputation { return (a.reputation < b.reputation) == (order == .reputationAscending) }
        case .availabilityAscending, .availabilityDescending:
            if a.availability != b.availability { return (a.availability < b.availability) == (order == .availabilityAscending) }
        case .registered:
            break
        }
        if a.sequence != b.sequence { return a.sequence < b.sequence }
        return a.address < b.address
    }

    /// Sorts `candidates` in `search`'s order and returns its page.
    static func page(of candidates: [ProviderCandidate], for search: ProviderSearch) -> ProviderSearchResult {
        let sorted = candidates.sorted { precedes($0, $1, in: search.order) }
        let start = min(max(0, search.offset), sorted.count)
        let end = start + min(max(0, search.limit), sorted.count - start)
        return ProviderSearchResult(total: sorted.count, addresses: sorted[start..<end].map(\.address))
    }
}
