import MarketAPI
import MarketCore

/// Typed reads of the `/v1` API.
extension MarketClient {
    /// `GET /v1/status`.
    public func status() async throws(MarketClientError) -> NodeStatusView {
        try await call(NodeStatusView.self, .GET, "/v1/status")
    }

    /// `GET /healthz`: true when the node answers with 2xx.
    public func isHealthy() async -> Bool {
        guard let response = try? await send(.GET, "/healthz") else { return false }
        return (200..<300).contains(response.status)
    }

    /// `GET /v1/parameters`: chain id and market parameters, always fetched fresh (and cached
    /// for signing).
    public func parameters() async throws(MarketClientError) -> ParametersView {
        let parameters = try await call(ParametersView.self, .GET, "/v1/parameters")
        await chainCache.store(parameters)
        return parameters
    }

    /// The chain id and parameters, fetched on first use and then cached.
    public func cachedParameters() async throws(MarketClientError) -> ParametersView {
        if let cached = await chainCache.value() { return cached }
        return try await parameters()
    }

    /// `GET /v1/accounts/{address}`. An account the node has never seen reads as balance 0,
    /// nonce 0 when the node answers 404.
    public func account(_ address: Address) async throws(MarketClientError) -> AccountView {
        do {
            return try await call(AccountView.self, .GET, "/v1/accounts/\(address)")
        } catch let error where error.code == APIErrorCode.notFound.rawValue {
            return AccountView(address: address, account: Account())
        }
    }

    /// `GET /v1/providers` with filters.
    public func providers(_ filter: ProviderFilter = ProviderFilter()) async throws(MarketClientError) -> Page<ProviderView> {
        try await call(Page<ProviderView>.self, .GET, "/v1/providers", query: filter.queryItems)
    }

    /// `GET /v1/providers/{address}`.
    public func provider(_ address: Address) async throws(MarketClientError) -> ProviderView {
        try await call(ProviderView.self, .GET, "/v1/providers/\(address)")
    }

    /// `GET /v1/validators`.
    public func validators(offset: Int? = nil, limit: Int? = nil) async throws(MarketClientError) -> Page<ValidatorView> {
        var query: [(String, String)] = []
        if let offset { query.append(("offset", String(offset))) }
        if let limit { query.append(("limit", String(limit))) }
        return try await call(Page<ValidatorView>.self, .GET, "/v1/validators", query: query)
    }

    /// `GET /v1/jobs` with filters.
    public func jobs(_ filter: JobFilter = JobFilter()) async throws(MarketClientError) -> Page<JobView> {
        try await call(Page<JobView>.self, .GET, "/v1/jobs", query: filter.queryItems)
    }

    /// `GET /v1/jobs/{id}`.
    public func job(_ id: JobID) async throws(MarketClientError) -> JobView {
        try await call(JobView.self, .GET, "/v1/jobs/\(id)")
    }

    /// `GET /v1/jobs/{id}/eligibility`: why providers cannot take the job now.
    public func eligibility(_ id: JobID) async throws(MarketClientError) -> EligibilityView {
        try await call(EligibilityView.self, .GET, "/v1/jobs/\(id)/eligibility")
    }

    /// `GET /v1/blocks/latest`.
    public func latestBlock() async throws(MarketClientError) -> BlockView {
        try await call(BlockView.self, .GET, "/v1/blocks/latest")
    }

    /// `GET /v1/blocks/{height}`.
    public func block(at height: BlockHeight) async throws(MarketClientError) -> BlockView {
        try await call(BlockView.self, .GET, "/v1/blocks/\(height)")
    }

    /// `GET /v1/stats`.
    public func stats() async throws(MarketClientError) -> MarketStatsView {
        try await call(MarketStatsView.self, .GET, "/v1/stats")
    }

    /// `GET /v1/cost`: what `gpuHours` on `tier` costs at `rate` (the tier's reference rate when nil).
    public func cost(gpuHours: UInt64, tier: GPUTier, rate: Amount? = nil) async throws(MarketClientError) -> CostQuoteView {
        var query = [("gpuHours", String(gpuHours)), ("tier", tier.description)]
        if let rate { query.append(("rate", rate.description)) }
        return try await call(CostQuoteView.self, .GET, "/v1/cost", query: query)
    }

    /// `GET /v1/transactions/{id}`.
    public func transaction(_ id: Hash256) async throws(MarketClientError) -> TransactionStatusView {
        try await call(TransactionStatusView.self, .GET, "/v1/transactions/\(id.hex)")
    }
}
