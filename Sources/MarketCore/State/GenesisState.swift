/// The starting point of a chain: parameters, governance and initial balances and validators.
public struct GenesisState: Hashable, Sendable {
    public struct Allocation: Hashable, Sendable {
        public var address: Address
        public var amount: Amount
        public init(address: Address, amount: Amount) {
            self.address = address
            self.amount = amount
        }
    }

    public struct InitialValidator: Hashable, Sendable {
        public var address: Address
        public var stake: Amount
        public init(address: Address, stake: Amount) {
            self.address = address
            self.stake = stake
        }
    }

    public var parameters: MarketParameters
    public var governance: Address
    public var allocations: [Allocation]
    public var validators: [InitialValidator]

    public init(parameters: MarketParameters = MarketParameters(), governance: Address,
                allocations: [Allocation], validators: [InitialValidator] = []) {
        self.parameters = parameters
        self.governance = governance
        self.allocations = allocations
        self.validators = validators
    }
}
