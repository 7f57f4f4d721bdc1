import Testing
import MarketCore
@testable import MarketLedger

/// Strict Ed25519: S below L, canonical public keys, no small-order keys.
@Suite("Strict signature verification")
struct StrictSignatureTests {
    /// `value + StrictEd25519.groupOrder`, both 32-byte little-endian; nil on overflow.
    static func addingGroupOrder(_ value: [UInt8]) -> [UInt8]? {
        var sum = [UInt8](repeating: 0, count: 32)
        var carry = 0
        for index in 0..<32 {
            let total = Int(value[index]) + Int(StrictEd25519.groupOrder[index]) + carry
            sum[index] = UInt8(truncatingIfNeeded: total)
            carry = total >> 8
        }
        return carry == 0 ? sum : nil
    }

    static func envelope(publicKey: [UInt8], signature: [UInt8]) throws -> SignedTransaction {
        try SignedTransaction(
            chainID: Fixtures.chainID, publicKey: publicKey, nonce: 0, fee: .zero, body: .providerHeartbeat,
            signature: signature)
    }

    @Test("the constants are the curve's L and p")
    func constants() {
        #expect(Hex.encode(StrictEd25519.groupOrder) == "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
        #expect(Hex.encode(StrictEd25519.fieldPrime) == "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
        #expect(StrictEd25519.smallOrderKeys.count == 10)
        #expect(Set(StrictEd25519.smallOrderKeys).count == 10)
    }

    @Test("S + L, the malleated twin of a valid signature, is rejected as non-canonical", arguments: GoldenVector.all)
    func scalarAtLeastGroupOrder(vector: GoldenVector) throws {
        let signature = try #require(Hex.decode(vector.signature))
        let malleated = try #require(Self.addingGroupOrder(Array(signature[32...])))
        let key = Fixtures.key(vector.seedByte)
        let honest = try Self.envelope(publicKey: key.publicKey, signature: signature)
        #expect(StrictEd25519.hasCanonicalScalar(signature: signature))
        let twin = try SignedTransaction(
            chainID: Fixtures.chainID, publicKey: key.publicKey, nonce: vector.nonce,
            fee: Amount(microUnits: vector.feeMicroUnits), body: vector.body, signature: Array(signature[..<32]) + malleated)
        // It still decodes (the encoding is fine) but never verifies.
        let decoded = try SignedTransaction(decoding: twin.signedBytes)
        #expect(throws: LedgerError.nonCanonicalSignature) { try decoded.verify(chainID: Fixtures.chainID) }
        #expect(honest.id != twin.id)
    }

    @Test("S exactly L and S all ones are rejected; S = L - 1 passes the scalar check")
    func scalarBoundaries() throws {
        let r = [UInt8](repeating: 0x11, count: 32)
        let order = StrictEd25519.groupOrder
        var belowOrder = order
        belowOrder[0] -= 1
        #expect(!StrictEd25519.hasCanonicalScalar(signature: r + order))
        #expect(!StrictEd25519.hasCanonicalScalar(signature: r + [UInt8](repeating: 0xff, count: 32)))
        #expect(StrictEd25519.hasCanonicalScalar(signature: r + belowOrder))
        #expect(StrictEd25519.hasCanonicalScalar(signature: r + [UInt8](repeating: 0, count: 32)))
        let transaction = try Self.envelope(publicKey: Fixtures.alice.publicKey, signature: r + order)
        #expect(throws: LedgerError.nonCanonicalSignature) { try transaction.verify(chainID: Fixtures.chainID) }
    }

    /// R = the identity's encoding and S = 0 satisfy the verification equation for any message
    /// under a small-order key; lenient verifiers (BoringSSL among them) accept it.
    static let universalSignature = [1] + [UInt8](repeating: 0, count: 63)

    @Test("small-order public keys are rejected", arguments: StrictEd25519.smallOrderKeys)
    func smallOrderKeys(publicKey: [UInt8]) throws {
        let transaction = try Self.envelope(publicKey: publicKey, signature: Self.universalSignature)
        #expect(throws: LedgerError.smallOrderKey) { try transaction.verify(chainID: Fixtures.chainID) }
    }

    @Test("public keys with y >= p are rejected as non-canonical", arguments: [
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1, the identity again
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // same with the sign bit
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = 2^255 - 1
    ])
    func nonCanonicalKeys(hex: String) throws {
        let publicKey = try #require(Hex.decode(hex))
        #expect(!StrictEd25519.hasCanonicalY(publicKey: publicKey))
        let transaction = try Self.envelope(publicKey: publicKey, signature: Self.universalSignature)
        #expect(throws: LedgerError.invalidPublicKey) { try transaction.verify(chainID: Fixtures.chainID) }
    }

    @Test("y = p - 1 is canonical (it is the order-2 point, rejected as small order)")
    func largestCanonicalY() throws {
        let publicKey = try #require(Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))
        #expect(StrictEd25519.hasCanonicalY(publicKey: publicKey))
        #expect(StrictEd25519.isSmallOrder(publicKey: publicKey))
    }

    @Test("ordinary keys pass every strict check", arguments: [UInt8(1), 2, 3, 0x42, 0xff])
    func ordinaryKeys(seedByte: UInt8) throws {
        let key = Fixtures.key(seedByte)
        #expect(StrictEd25519.hasCanonicalY(publicKey: key.publicKey))
        #expect(!StrictEd25519.isSmallOrder(publicKey: key.publicKey))
        try Fixtures.sign(key, nonce: 0).verify(chainID: Fixtures.chainID)
    }

    @Test("generated keys sign transactions that verify")
    func generatedKeys() throws {
        let key = SigningKey.generate()
        #expect(key.seed.count == 32)
        #expect(try SigningKey(seed: key.seed).publicKey == key.publicKey)
        try Fixtures.sign(key, nonce: 0).verify(chainID: Fixtures.chainID)
        #expect(throws: LedgerError.invalidSecretKey) { try SigningKey(seed: [UInt8](repeating: 1, count: 31)) }
    }
}
