extension MarketState {
    /// A page of providers passing `search`'s filters, in its order, from the search index.
    ///
    /// Without an availability filter or order, the cost follows the buckets the filters admit
    /// (distinct tier, memory, free-GPU and liveness combinations) and the page's end, not the
    /// number of providers. Availability changes with the height alone, so a search that filters or
    /// orders by it measures each provider the other filters admit.
    public func searchProviders(_ search: ProviderSearch) -> ProviderSearchResult {
        let buckets = providerSearchIndex.buckets(admittedBy: search)
        guard let slot = ProviderSearchIndex.Slot(search.order), search.minAvailabilityBasisPoints == nil else {
            return searchMeasuringAvailability(search, in: buckets)
        }
        let rateBound = search.maxRate?.microUnits
        let total = buckets.reduce(0) { $0 + $1.count(rateAtMost: rateBound) }
        let offset = max(0, search.offset)
        guard offset < total else { return ProviderSearchResult(total: total, addresses: []) }
        let end = offset + min(max(0, search.limit), total - offset)
        var merge = ProviderSearchMerge(buckets: buckets, slot: slot, rateBound: rateBound)
        var addresses: [Address] = []
        addresses.reserveCapacity(end - offset)
        var rank = 0
        while rank < end, let entry = merge.next() {
            if rank >= offset { addresses.append(address(ofSequence: entry.sequence)) }
            rank += 1
        }
        return ProviderSearchResult(total: total, addresses: addresses)
    }

    /// The same page by a pass over every provider and a sort: the tests' oracle for the index and
    /// the benchmark's baseline.
    public func searchProvidersByScan(_ search: ProviderSearch) -> ProviderSearchResult {
        var candidates: [ProviderCandidate] = []
        for provider in providers.values {
            let online = provider.isLive(at: height, livenessBlocks: parameters.livenessWindowBlocks)
            guard search.admitsIgnoringAvailability(provider, online: online) else { continue }
            let availability = provider.availabilityBasisPoints(at: height, windowBlocks: parameters.heartbeatWindowBlocks)
            if let minimum = search.minAvailabilityBasisPoints, availability < minimum { continue }
            candidates.append(ProviderCandidate(provider, availability: availability))
        }
        return ProviderCandidate.page(of: candidates, for: search)
    }

    private func searchMeasuringAvailability(_ search: ProviderSearch, in buckets: [ProviderSearchIndex.Bucket]) -> ProviderSearchResult {
        let rateBound = search.maxRate?.microUnits
        var candidates: [ProviderCandidate] = []
        for bucket in buckets {
            bucket.orders[ProviderSearchIndex.Slot.rateAscending.rawValue].forEach(from: nil) { entry in
                if let rateBound, entry.rate > rateBound { return false }
                let address = self.address(ofSequence: entry.sequence)
                guard let provider = providers[address] else {
                    preconditionFailure("indexed provider \(address) has no record")
                }
                let availability = provider.availabilityBasisPoints(at: height, windowBlocks: parameters.heartbeatWindowBlocks)
                if let minimum = search.minAvailabilityBasisPoints, availability < minimum { return true }
                candidates.append(ProviderCandidate(provider, availability: availability))
                return true
            }
        }
        return ProviderCandidate.page(of: candidates, for: search)
    }

    private func address(ofSequence sequence: UInt64) -> Address {
        guard let address = providerSearchIndex.addressBySequence[sequence] else {
            preconditionFailure("search index entry \(sequence) has no provider")
        }
        return address
    }
}
