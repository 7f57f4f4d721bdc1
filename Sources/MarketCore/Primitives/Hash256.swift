import Crypto
import Foundation

/// A 256-bit digest (SHA-256), stored as four big-endian 64-bit words so it hashes, compares and
/// copies without heap allocation.
public struct Hash256: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var w0: UInt64
    public var w1: UInt64
    public var w2: UInt64
    public var w3: UInt64

    public static let zero = Hash256(w0: 0, w1: 0, w2: 0, w3: 0)

    public init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Builds a digest from exactly 32 bytes; returns nil for any other length.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 32 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (offset, byte) in bytes.enumerated() {
            words[offset / 8] = (words[offset / 8] << 8) | UInt64(byte)
        }
        self.init(w0: words[0], w1: words[1], w2: words[2], w3: words[3])
    }

    /// Parses 64 lowercase or uppercase hex characters.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = Hash256.nibble(utf8[index]), let low = Hash256.nibble(utf8[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes: bytes)
    }

    /// SHA-256 of the given bytes.
    public static func sha256<Bytes: DataProtocol>(_ data: Bytes) -> Hash256 {
        Hash256(digest: SHA256.hash(data: data))
    }

    /// SHA-256 over a domain tag followed by the data, so hashes of different kinds never collide.
    public static func tagged(_ tag: String, _ data: [UInt8]) -> Hash256 {
        var hasher = SHA256()
        let tagBytes = Array(tag.utf8)
        hasher.update(data: [UInt8(truncatingIfNeeded: tagBytes.count)])
        hasher.update(data: tagBytes)
        hasher.update(data: data)
        return Hash256(digest: hasher.finalize())
    }

    /// SHA-256 of the concatenation of two digests (an interior Merkle node).
    public static func combine(_ left: Hash256, _ right: Hash256, tag: UInt8) -> Hash256 {
        var buffer = [UInt8](repeating: 0, count: 65)
        buffer[0] = tag
        left.write(into: &buffer, at: 1)
        right.write(into: &buffer, at: 33)
        return sha256(buffer)
    }

    init(digest: SHA256.Digest) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { raw in
            words.0 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            words.1 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            words.2 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            words.3 = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        self.init(w0: words.0, w1: words.1, w2: words.2, w3: words.3)
    }

    /// The 32 bytes, most significant first.
    public var bytes: [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 32)
        write(into: &buffer, at: 0)
        return buffer
    }

    public func write(into buffer: inout [UInt8], at offset: Int) {
        Hash256.put(w0, into: &buffer, at: offset)
        Hash256.put(w1, into: &buffer, at: offset + 8)
        Hash256.put(w2, into: &buffer, at: offset + 16)
        Hash256.put(w3, into: &buffer, at: offset + 24)
    }

    private static func put(_ word: UInt64, into buffer: inout [UInt8], at offset: Int) {
        for byteIndex in 0..<8 {
            buffer[offset + byteIndex] = UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64(byteIndex)))
        }
    }

    /// Bit `index` counted from the most significant bit (0...255).
    public func bit(_ index: Int) -> Bool {
        precondition(index >= 0 && index < 256, "bit index out of range")
        let word: UInt64
        switch index >> 6 {
        case 0: word = w0
        case 1: word = w1
        case 2: word = w2
        default: word = w3
        }
        return (word >> (63 - UInt64(index & 63))) & 1 == 1
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: Hash256, rhs: Hash256) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
