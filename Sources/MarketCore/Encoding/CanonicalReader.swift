/// Why a byte string is not a canonical encoding.
public enum CanonicalDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    case truncated
    case trailingBytes(Int)
    case invalidTag(String, UInt8)
    case invalidBool(UInt8)
    case tooLong(String, Int)
    case invalidUTF8
    case invalidValue(String)

    public var description: String {
        switch self {
        case .truncated: "input ends early"
        case .trailingBytes(let count): "\(count) unexpected bytes after the value"
        case .invalidTag(let type, let tag): "unknown \(type) tag \(tag)"
        case .invalidBool(let byte): "boolean byte must be 0 or 1, got \(byte)"
        case .tooLong(let field, let length): "\(field) length \(length) exceeds its bound"
        case .invalidUTF8: "string is not valid UTF-8"
        case .invalidValue(let reason): reason
        }
    }
}

/// Reads the canonical encoding written by `CanonicalWriter`, strictly: booleans other than 0/1,
/// unknown tags, over-long lists and trailing bytes are errors.
public struct CanonicalReader: Sendable {
    private let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var remaining: Int { bytes.count - offset }

    public mutating func finish() throws(CanonicalDecodingError) {
        guard remaining == 0 else { throw .trailingBytes(remaining) }
    }

    public mutating func readUInt8() throws(CanonicalDecodingError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readUInt16() throws(CanonicalDecodingError) -> UInt16 {
        UInt16(try readBigEndian(2))
    }

    public mutating func readUInt32() throws(CanonicalDecodingError) -> UInt32 {
        UInt32(try readBigEndian(4))
    }

    public mutating func readUInt64() throws(CanonicalDecodingError) -> UInt64 {
        try readBigEndian(8)
    }

    public mutating func readBool() throws(CanonicalDecodingError) -> Bool {
        let byte = try readUInt8()
        switch byte {
        case 0: return false
        case 1: return true
        default: throw .invalidBool(byte)
        }
    }

    public mutating func readAmount() throws(CanonicalDecodingError) -> Amount {
        Amount(microUnits: try readUInt64())
    }

    public mutating func readHash() throws(CanonicalDecodingError) -> Hash256 {
        Hash256(w0: try readUInt64(), w1: try readUInt64(), w2: try readUInt64(), w3: try readUInt64())
    }

    public mutating func readAddress() throws(CanonicalDecodingError) -> Address {
        let raw = try readRaw(Address.byteCount)
        guard let address = Address(bytes: raw) else { throw .invalidValue("address") }
        return address
    }

    public mutating func readRaw(_ count: Int) throws(CanonicalDecodingError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    public mutating func readBytes(field: String, maxLength: Int) throws(CanonicalDecodingError) -> [UInt8] {
        let length = Int(try readUInt32())
        guard length <= maxLength else { throw .tooLong(field, length) }
        return try readRaw(length)
    }

    public mutating func readString(field: String, maxLength: Int) throws(CanonicalDecodingError) -> String {
        let raw = try readBytes(field: field, maxLength: maxLength)
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }

    public mutating func read<T: CanonicalDecodable>(_ type: T.Type) throws(CanonicalDecodingError) -> T {
        try T(from: &self)
    }

    public mutating func readArray<T: CanonicalDecodable>(
        of type: T.Type, field: String, maxCount: Int
    ) throws(CanonicalDecodingError) -> [T] {
        let count = Int(try readUInt32())
        guard count <= maxCount else { throw .tooLong(field, count) }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: &self)) }
        return values
    }

    public mutating func readOptional<T: CanonicalDecodable>(_ type: T.Type) throws(CanonicalDecodingError) -> T? {
        let tag = try readUInt8()
        switch tag {
        case 0: return nil
        case 1: return try T(from: &self)
        default: throw .invalidTag("optional", tag)
        }
    }

    private mutating func readBigEndian(_ count: Int) throws(CanonicalDecodingError) -> UInt64 {
        guard remaining >= count else { throw .truncated }
        var value: UInt64 = 0
        for index in 0..<count { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += count
        return value
    }
}

extension Hash256: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.write(self) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) { self = try reader.readHash() }
}

extension Address: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) { writer.write(self) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) { self = try reader.readAddress() }
}
