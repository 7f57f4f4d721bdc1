// JSON (and any Codable) representations of the protocol's values: amounts as decimal token
// strings (never floats), addresses as Bech32m text, hashes as lowercase hex, tiers by name.

extension Amount: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let amount = Amount(tokens: text) else {
            throw Swift.DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "amount must be a decimal token string with at most 6 decimals, e.g. \"12.5\""))
        }
        self = amount
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Address: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = Address(text) else {
            throw Swift.DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "not a valid depin1... address (bad prefix, length or checksum)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Hash256: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = Hash256(hex: text) else {
            throw Swift.DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected 64 hex characters"))
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

extension JobID: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(UInt64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension GPUTier: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt8.self), let tier = GPUTier(rawValue: number) {
            self = tier
            return
        }
        let text = try container.decode(String.self)
        guard let tier = GPUTier(name: text) else {
            throw Swift.DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "tier must be consumer, prosumer or datacenter (1-3)"))
        }
        self = tier
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
