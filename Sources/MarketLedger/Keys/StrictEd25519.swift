import Crypto

/// Ed25519 verification with the strict checks that make a signature and key unambiguous:
/// S below the group order L, canonical public keys (y below p), and no small-order keys.
///
/// Scalars and field elements are little-endian, as in RFC 8032.
enum StrictEd25519 {
    /// The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    static let groupOrder: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// The field prime p = 2^255 - 19, little-endian.
    static let fieldPrime: [UInt8] = [
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ]

    /// Encodings of the eight points of the torsion subgroup (orders 1, 2, 4 and 8), plus the two
    /// sign-bit variants of the x = 0 points (identity and order 2) that lenient decoders accept.
    /// Encodings with y >= p are caught by the canonical check instead.
    static let smallOrderKeys: [[UInt8]] = [
        // order 1: the identity (0, 1)
        "0100000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000080",
        // order 2: (0, -1)
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        // order 4: (±sqrt(-1), 0)
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ].compactMap(Hex.decode)

    /// Whether the little-endian 32-byte value `lhs` is below `rhs`.
    static func isLittleEndian(_ lhs: some Collection<UInt8>, below rhs: [UInt8]) -> Bool {
        let left = Array(lhs)
        precondition(left.count == 32 && rhs.count == 32, "32-byte little-endian values expected")
        for index in stride(from: 31, through: 0, by: -1) where left[index] != rhs[index] {
            return left[index] < rhs[index]
        }
        return false
    }

    /// Whether the S half of a 64-byte signature is a canonical scalar (S < L).
    static func hasCanonicalScalar(signature: [UInt8]) -> Bool {
        signature.count == 64 && isLittleEndian(signature[32..<64], below: groupOrder)
    }

    /// Whether the key's y coordinate (the top bit is the sign of x) is below p.
    static func hasCanonicalY(publicKey: [UInt8]) -> Bool {
        guard publicKey.count == 32 else { return false }
        var y = publicKey
        y[31] &= 0x7f
        return isLittleEndian(y, below: fieldPrime)
    }

    static func isSmallOrder(publicKey: [UInt8]) -> Bool {
        smallOrderKeys.contains(publicKey)
    }

    /// Verifies `signature` over `message` with every strict check, in a fixed order so each
    /// failure reports the same error everywhere.
    static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) throws(LedgerError) {
        guard signature.count == 64 else { throw .badSignature }
        guard hasCanonicalScalar(signature: signature) else { throw .nonCanonicalSignature }
        guard hasCanonicalY(publicKey: publicKey) else { throw .invalidPublicKey }
        guard !isSmallOrder(publicKey: publicKey) else { throw .smallOrderKey }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            throw .invalidPublicKey
        }
        guard key.isValidSignature(signature, for: message) else { throw .badSignature }
    }
}
