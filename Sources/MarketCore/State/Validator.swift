/// A staked validator. Being registered with at least the minimum stake is what makes it eligible
/// for committees (the seed required a "verified" flag that nothing ever set).
public struct Validator: Hashable, Sendable, CanonicalCodable {
    public var address: Address
    public var stake: Amount
    public var reputation: UInt8
    public var registeredAt: BlockHeight
    public var status: BondingStatus
    public var votesCast: UInt64
    public var votesWithOutcome: UInt64
    public var votesAgainstOutcome: UInt64
    public var missedVotes: UInt64
    public var rewards: Amount
    public var penalties: Amount

    public init(address: Address, stake: Amount, registeredAt: BlockHeight) {
        self.address = address
        self.stake = stake
        self.reputation = Reputation.initial
        self.registeredAt = registeredAt
        self.status = .active
        self.votesCast = 0
        self.votesWithOutcome = 0
        self.votesAgainstOutcome = 0
        self.missedVotes = 0
        self.rewards = .zero
        self.penalties = .zero
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(address)
        writer.write(stake)
        writer.write(reputation)
        writer.write(registeredAt)
        writer.write(status)
        writer.write(votesCast)
        writer.write(votesWithOutcome)
        writer.write(votesAgainstOutcome)
        writer.write(missedVotes)
        writer.write(rewards)
        writer.write(penalties)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        address = try reader.readAddress()
        stake = try reader.readAmount()
        reputation = try reader.readUInt8()
        registeredAt = try reader.readUInt64()
        status = try reader.read(BondingStatus.self)
        votesCast = try reader.readUInt64()
        votesWithOutcome = try reader.readUInt64()
        votesAgainstOutcome = try reader.readUInt64()
        missedVotes = try reader.readUInt64()
        rewards = try reader.readAmount()
        penalties = try reader.readAmount()
    }
}
