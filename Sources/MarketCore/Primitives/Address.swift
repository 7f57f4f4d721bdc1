/// An account address: the first 20 bytes of a domain-tagged SHA-256 of the account's Ed25519
/// public key. Its text form is Bech32m with the prefix `depin`, e.g. `depin1...`, whose checksum
/// catches typos.
public struct Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let byteCount = 20
    public static let textPrefix = "depin"

    // Stored as words so hashing and comparison allocate nothing.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// Builds an address from exactly 20 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Address.byteCount else { return nil }
        var high: UInt64 = 0
        var middle: UInt64 = 0
        var low: UInt32 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { middle = middle << 8 | UInt64(bytes[index]) }
        for index in 16..<20 { low = low << 8 | UInt32(bytes[index]) }
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// The address that belongs to an Ed25519 public key (32 bytes).
    public init(publicKey: [UInt8]) {
        let digest = Hash256.tagged("depin/address", publicKey).bytes
        var high: UInt64 = 0
        var middle: UInt64 = 0
        var low: UInt32 = 0
        for index in 0..<8 { high = high << 8 | UInt64(digest[index]) }
        for index in 8..<16 { middle = middle << 8 | UInt64(digest[index]) }
        for index in 16..<20 { low = low << 8 | UInt32(digest[index]) }
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// Parses the Bech32m text form; nil when the prefix, length or checksum is wrong.
    public init?(_ text: String) {
        guard let decoded = Bech32m.decode(text), decoded.prefix == Address.textPrefix else { return nil }
        self.init(bytes: decoded.bytes)
    }

    /// A deterministic address for tests, fixtures and well-known system accounts.
    public static func derived(from label: String) -> Address {
        Address(publicKey: Array(label.utf8))
    }

    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
        return out
    }

    public var description: String { Bech32m.encode(prefix: Address.textPrefix, bytes: bytes) }

    /// First characters of the text form, for tables.
    public var short: String {
        let text = description
        return String(text.prefix(12)) + "…" + String(text.suffix(4))
    }

    public static func < (lhs: Address, rhs: Address) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}
