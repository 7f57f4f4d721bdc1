import MarketCore

/// `GET /v1/parameters`: every market parameter, flattened into one object, plus the chain id
/// that transactions must be signed for.
public struct ParametersView: Codable, Hashable, Sendable {
    public var chainID: String
    public var parameters: MarketParameters

    public init(chainID: String, parameters: MarketParameters) {
        self.chainID = chainID
        self.parameters = parameters
    }

    private enum CodingKeys: String, CodingKey {
        case chainID
    }

    public init(from decoder: any Decoder) throws {
        parameters = try MarketParameters(from: decoder)
        chainID = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .chainID)
    }

    public func encode(to encoder: any Encoder) throws {
        try parameters.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chainID, forKey: .chainID)
    }
}

/// `GET /healthz`: the node answers and how far its chain reaches.
public struct HealthView: Codable, Hashable, Sendable {
    /// Always `ok` when the node answers at all.
    public var status: APIHealthStatus
    public var height: BlockHeight

    public init(status: APIHealthStatus = .ok, height: BlockHeight) {
        self.status = status
        self.height = height
    }
}

/// A stored content-addressed blob (checkpoint or model): its SHA-256 and size.
public struct BlobView: Codable, Hashable, Sendable {
    public var hash: Hash256
    public var size: UInt64

    public init(hash: Hash256, size: UInt64) {
        self.hash = hash
        self.size = size
    }
}
