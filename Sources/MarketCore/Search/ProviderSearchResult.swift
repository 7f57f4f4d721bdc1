/// One page of a provider search: how many providers pass the filters, and the page's addresses
/// in the requested order.
public struct ProviderSearchResult: Hashable, Sendable {
    public var total: Int
    public var addresses: [Address]

    public init(total: Int, addresses: [Address]) {
        self.total = total
        self.addresses = addresses
    }
}
