/// The key of one committed state entry. Its canonical bytes, hashed, place the entry in the
/// state commitment tree.
public enum StateKey: Hashable, Comparable, Sendable {
    case globals
    case parameters
    case account(Address)
    case provider(Address)
    case validator(Address)
    case job(JobID)

    var tag: UInt8 {
        switch self {
        case .globals: 0
        case .parameters: 1
        case .account: 2
        case .provider: 3
        case .validator: 4
        case .job: 5
        }
    }

    /// Position in the commitment tree.
    public var treeKey: Hash256 { Hash256.tagged("depin/state-key", canonicalBytes) }

    public static func < (lhs: StateKey, rhs: StateKey) -> Bool {
        lhs.canonicalBytes.lexicographicallyPrecedes(rhs.canonicalBytes)
    }
}

extension StateKey: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.write(tag)
        switch self {
        case .globals, .parameters: break
        case .account(let address), .provider(let address), .validator(let address): writer.write(address)
        case .job(let id): writer.write(id)
        }
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let tag = try reader.readUInt8()
        switch tag {
        case 0: self = .globals
        case 1: self = .parameters
        case 2: self = .account(try reader.readAddress())
        case 3: self = .provider(try reader.readAddress())
        case 4: self = .validator(try reader.readAddress())
        case 5: self = .job(try reader.read(JobID.self))
        default: throw .invalidTag("state key", tag)
        }
    }
}
