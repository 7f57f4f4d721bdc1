import MarketAPI
import MarketCore

/// Filters for `GET /v1/jobs`.
public struct JobFilter: Sendable, Hashable {
    public var status: APIJobStatus?
    public var client: Address?
    public var provider: Address?
    public var offset: Int?
    public var limit: Int?

    public init(status: APIJobStatus? = nil, client: Address? = nil, provider: Address? = nil,
                offset: Int? = nil, limit: Int? = nil) {
        self.status = status
        self.client = client
        self.provider = provider
        self.offset = offset
        self.limit = limit
    }

    /// Query parameters in a fixed order.
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let status { items.append(("status", status.rawValue)) }
        if let client { items.append(("client", client.description)) }
        if let provider { items.append(("provider", provider.description)) }
        if let offset { items.append(("offset", String(offset))) }
        if let limit { items.append(("limit", String(limit))) }
        return items
    }
}
