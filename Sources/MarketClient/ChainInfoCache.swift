import MarketAPI

/// The chain id and parameters signing needs, fetched once per client.
actor ChainInfoCache {
    private var cached: ParametersView?

    func value() -> ParametersView? { cached }

    func store(_ parameters: ParametersView) {
        cached = parameters
    }

    func clear() {
        cached = nil
    }
}
