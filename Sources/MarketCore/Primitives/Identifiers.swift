/// Block height: the number of blocks before this one (genesis state is height 0).
public typealias BlockHeight = UInt64

/// A job's id, from its own monotonically increasing counter (never reused, never shared with any
/// other counter — the seed contract derived ids from the completed-jobs count and collided).
public struct JobID: Hashable, Comparable, Sendable, CustomStringConvertible, CanonicalCodable {
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }

    public func encode(to writer: inout CanonicalWriter) { writer.write(rawValue) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) { rawValue = try reader.readUInt64() }
}

/// GPU capability tiers, ordered: a job requiring a tier may run on that tier or any higher one.
public enum GPUTier: UInt8, Comparable, CaseIterable, Sendable, CustomStringConvertible {
    case consumer = 1
    case prosumer = 2
    case datacenter = 3

    public static func < (lhs: GPUTier, rhs: GPUTier) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .consumer: "consumer"
        case .prosumer: "prosumer"
        case .datacenter: "datacenter"
        }
    }

    /// Parses `consumer`/`prosumer`/`datacenter` or `1`/`2`/`3`.
    public init?(name: String) {
        switch name.lowercased() {
        case "consumer", "1": self = .consumer
        case "prosumer", "2": self = .prosumer
        case "datacenter", "3": self = .datacenter
        default: return nil
        }
    }
}

extension GPUTier: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.write(rawValue) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let raw = try reader.readUInt8()
        guard let tier = GPUTier(rawValue: raw) else { throw .invalidTag("tier", raw) }
        self = tier
    }
}
