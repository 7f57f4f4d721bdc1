import Foundation
import MarketCore

/// The genesis file: chain id, start time, parameters, governance, balances and validators.
/// Stored as JSON; every parameter is stated explicitly.
public struct GenesisDocument: Codable, Hashable, Sendable {
    public struct Allocation: Codable, Hashable, Sendable {
        public var address: Address
        public var amount: Amount
        public var label: String?

        public init(address: Address, amount: Amount, label: String? = nil) {
            self.address = address
            self.amount = amount
            self.label = label
        }
    }

    public struct Validator: Codable, Hashable, Sendable {
        public var address: Address
        public var stake: Amount

        public init(address: Address, stake: Amount) {
            self.address = address
            self.stake = stake
        }
    }

    public var chainID: String
    public var genesisTimeMillis: UInt64
    public var governance: Address
    public var parameters: MarketParameters
    public var allocations: [Allocation]
    public var validators: [Validator]

    public init(chainID: String, genesisTimeMillis: UInt64, governance: Address, parameters: MarketParameters,
                allocations: [Allocation], validators: [Validator]) {
        self.chainID = chainID
        self.genesisTimeMillis = genesisTimeMillis
        self.governance = governance
        self.parameters = parameters
        self.allocations = allocations
        self.validators = validators
    }

    public var genesisState: GenesisState {
        GenesisState(
            parameters: parameters, governance: governance,
            allocations: allocations.map { .init(address: $0.address, amount: $0.amount) },
            validators: validators.map { .init(address: $0.address, stake: $0.stake) })
    }

    /// Checks the chain id and builds the genesis state; throws with a readable reason.
    public func validate() throws -> MarketState {
        guard SignedTransaction.isValidChainID(Array(chainID.utf8)) else {
            throw GenesisError.invalid("chain id must be 1-64 printable ASCII characters without spaces")
        }
        guard allocations.count <= 10_000_000 else { throw GenesisError.invalid("too many allocations") }
        do {
            return try MarketState(genesis: genesisState)
        } catch {
            throw GenesisError.invalid("genesis state rejected: \(error)")
        }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    public static func load(from url: URL) throws -> GenesisDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GenesisError.invalid("cannot read genesis file \(url.path): \(error.localizedDescription)")
        }
        guard data.count <= 512 * 1024 * 1024 else { throw GenesisError.invalid("genesis file larger than 512 MiB") }
        do {
            return try JSONDecoder().decode(GenesisDocument.self, from: data)
        } catch {
            throw GenesisError.invalid("genesis file \(url.path) is not valid: \(error)")
        }
    }
}

public enum GenesisError: Error, CustomStringConvertible, Sendable {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        }
    }
}
