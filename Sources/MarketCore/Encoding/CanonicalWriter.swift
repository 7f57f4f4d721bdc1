/// Writes the protocol's canonical binary encoding: big-endian fixed-width integers, one byte for
/// booleans and enum tags, u32 length prefixes for byte strings and lists. Every value has exactly
/// one encoding, so hashes and signatures over it are well defined.
public struct CanonicalWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: UInt8) { bytes.append(value) }

    public mutating func write(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func write(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ value: Amount) { write(value.microUnits) }

    public mutating func write(_ value: Hash256) {
        write(value.w0)
        write(value.w1)
        write(value.w2)
        write(value.w3)
    }

    public mutating func write(_ value: Address) { bytes.append(contentsOf: value.bytes) }

    /// Length-prefixed bytes.
    public mutating func write(bytes value: [UInt8]) {
        write(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Raw bytes without a length prefix (fixed-size fields such as keys and signatures).
    public mutating func write(raw value: [UInt8]) { bytes.append(contentsOf: value) }

    /// Length-prefixed UTF-8.
    public mutating func write(_ value: String) { write(bytes: Array(value.utf8)) }

    public mutating func write<T: CanonicalEncodable>(_ value: T) { value.encode(to: &self) }

    public mutating func write<T: CanonicalEncodable>(_ values: [T]) {
        write(UInt32(values.count))
        for value in values { value.encode(to: &self) }
    }

    public mutating func write<T: CanonicalEncodable>(_ value: T?) {
        if let value {
            write(UInt8(1))
            value.encode(to: &self)
        } else {
            write(UInt8(0))
        }
    }
}

/// A type with one canonical binary encoding.
public protocol CanonicalEncodable {
    func encode(to writer: inout CanonicalWriter)
}

/// A type that decodes from its canonical encoding and rejects every other byte string.
public protocol CanonicalDecodable {
    init(from reader: inout CanonicalReader) throws(CanonicalDecodingError)
}

public typealias CanonicalCodable = CanonicalEncodable & CanonicalDecodable

extension CanonicalEncodable {
    /// The canonical bytes of this value.
    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter()
        encode(to: &writer)
        return writer.bytes
    }
}

extension CanonicalDecodable {
    /// Decodes a value that must use every byte of `bytes`.
    public init(canonicalBytes bytes: [UInt8]) throws(CanonicalDecodingError) {
        var reader = CanonicalReader(bytes)
        self = try Self(from: &reader)
        try reader.finish()
    }
}
