/// Whether a stake is working or on its way out.
public enum BondingStatus: Hashable, Sendable, CanonicalCodable {
    case active
    /// Unregistered; the stake can be withdrawn from this height on.
    case unbonding(releaseHeight: BlockHeight)

    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case .active:
            writer.write(UInt8(0))
        case .unbonding(let releaseHeight):
            writer.write(UInt8(1))
            writer.write(releaseHeight)
        }
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let tag = try reader.readUInt8()
        switch tag {
        case 0: self = .active
        case 1: self = .unbonding(releaseHeight: try reader.readUInt64())
        default: throw .invalidTag("bonding status", tag)
        }
    }
}

/// Reputation bounds and adjustments, 0...100 starting at 50.
public enum Reputation {
    public static let initial: UInt8 = 50
    public static let maximum: UInt8 = 100
    public static let verifiedWork: Int = 2
    public static let invalidProof: Int = -20
    public static let missedDeadline: Int = -10
    public static let downtime: Int = -5
    public static let voteWithOutcome: Int = 1
    public static let voteAgainstOutcome: Int = -5
    public static let missedVote: Int = -2

    static func adjust(_ value: UInt8, by delta: Int) -> UInt8 {
        UInt8(clamping: min(Int(maximum), max(0, Int(value) + delta)))
    }
}
