import Testing
import MarketCore
@testable import MarketLedger

/// One pinned transaction: the inputs and every derived value, as published in
/// docs/protocol-vectors.md. Cross-checked against an independent RFC 8032 implementation.
struct GoldenVector: Sendable, CustomTestStringConvertible {
    var name: String
    var seedByte: UInt8
    var nonce: UInt64
    var feeMicroUnits: UInt64
    var body: TransactionBody
    var publicKey: String
    var address: String
    var signingMessage: String
    var signedBytes: String
    var signature: String
    var id: String

    var testDescription: String { name }

    static let all: [GoldenVector] = [
        GoldenVector(
            name: "transfer", seedByte: 0x01, nonce: 0, feeMicroUnits: 1_000, body: Fixtures.transferBody,
            publicKey: "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c",
            address: "depin1qpqk3cmz0akka2mvq6f09yxxlsz5fvu55sa6rf",
            signingMessage: "444550494e2d54582d563100010000000c646570696e2d6465766e65748a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c000000000000000000000000000003e801965853c675008d6f7f7dcf9b474c749ac0247a260000000000bebc20",
            signedBytes: "010000000c646570696e2d6465766e65748a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c000000000000000000000000000003e801965853c675008d6f7f7dcf9b474c749ac0247a260000000000bebc202578cb535a0a815058e3fa40f2cb91c15991ea65905f6ee0566952e8032e6a3a1efa570c9d402c5bc1f5a33308a0a11bf298b7ae077dcfbb4b5c813699234608",
            signature: "2578cb535a0a815058e3fa40f2cb91c15991ea65905f6ee0566952e8032e6a3a1efa570c9d402c5bc1f5a33308a0a11bf298b7ae077dcfbb4b5c813699234608",
            id: "4c5578803807ab395b8bb286ed5b067dfaeea779190a0dba10de6bed10f51038"),
        GoldenVector(
            name: "register-provider", seedByte: 0x02, nonce: 1, feeMicroUnits: 1_000,
            body: Fixtures.registerProviderBody,
            publicKey: "8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394",
            address: "depin1jev983n4qzxk7lmae7d5wnr5ntqzg73x9x5nge",
            signingMessage: "444550494e2d54582d563100010000000c646570696e2d6465766e65748139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394000000000000000100000000000003e80203000000080000005000000000001e848001",
            signedBytes: "010000000c646570696e2d6465766e65748139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394000000000000000100000000000003e80203000000080000005000000000001e848001140d445e52fa80b48a406ab9f17e13a575965fd7b2ab7683b5fa0642f04d816d194405ef94842d9532b297ba86e60b3371a3e50559b9572243e016b49e4eee00",
            signature: "140d445e52fa80b48a406ab9f17e13a575965fd7b2ab7683b5fa0642f04d816d194405ef94842d9532b297ba86e60b3371a3e50559b9572243e016b49e4eee00",
            id: "409d492f1a36641078f7cf8f04545bebec8d83c14040161dc2ab084e89738e8a"),
        GoldenVector(
            name: "post-job", seedByte: 0x01, nonce: 1, feeMicroUnits: 2_000, body: Fixtures.postJobBody,
            publicKey: "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c",
            address: "depin1qpqk3cmz0akka2mvq6f09yxxlsz5fvu55sa6rf",
            signingMessage: "444550494e2d54582d563100010000000c646570696e2d6465766e65748a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c000000000000000100000000000007d0097f6c7360bf24fccf4b59cf9e9a9dfc99fd6a3b085fb2260ef707a34067bb911e9372c470eeadd5ecd9c3c74c2b3cb633f8e2f2fad799250a0f70d652b6b825e4b277fd623676a525c29b9eb155afc8c9010681814ceafb2d7627f47b9a2325760000000000100000000000040200000018000000000000006400000000000b71b0000000100000000005f5e100",
            signedBytes: "010000000c646570696e2d6465766e65748a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c000000000000000100000000000007d0097f6c7360bf24fccf4b59cf9e9a9dfc99fd6a3b085fb2260ef707a34067bb911e9372c470eeadd5ecd9c3c74c2b3cb633f8e2f2fad799250a0f70d652b6b825e4b277fd623676a525c29b9eb155afc8c9010681814ceafb2d7627f47b9a2325760000000000100000000000040200000018000000000000006400000000000b71b0000000100000000005f5e1003f5468c48d821b3c0a5c8b4060ed18eceb16a6ca137c27c6def7e0572acb367f87608e3f6dc47659fd0a9c29feed4a3b7117197c833073632d9e2e3df6b98805",
            signature: "3f5468c48d821b3c0a5c8b4060ed18eceb16a6ca137c27c6def7e0572acb367f87608e3f6dc47659fd0a9c29feed4a3b7117197c833073632d9e2e3df6b98805",
            id: "2e7c3dcf5dd17fb0ca77b499b9cf6e9ce48d516b4d4f98419edd2b08e352c144"),
        GoldenVector(
            name: "verify-proof", seedByte: 0x03, nonce: 5, feeMicroUnits: 1_000, body: Fixtures.verifyProofBody,
            publicKey: "ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1",
            address: "depin156d8jg84663zfz3gqxgsjpk8x4aezkfhhgsqm7",
            signingMessage: "444550494e2d54582d563100010000000c646570696e2d6465766e6574ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1000000000000000500000000000003e80e00000000000000070000000001000000020000000311d1e687fafaa97754c11f33d46741d1a26021c5c1c2d274aa8184c62f23eaa09691c854705a77c86b0401f19d292a663b52da062ddfa640c01d9c6d05958c490000000b2763035cf820c828a7bd2272e8778230c615c73b7271e15a0d2f6c34912d12610d6a5ae71093cd1eddb6e3d00103cd04a6320f1b7fdae125a10655a9c9c13752",
            signedBytes: "010000000c646570696e2d6465766e6574ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1000000000000000500000000000003e80e00000000000000070000000001000000020000000311d1e687fafaa97754c11f33d46741d1a26021c5c1c2d274aa8184c62f23eaa09691c854705a77c86b0401f19d292a663b52da062ddfa640c01d9c6d05958c490000000b2763035cf820c828a7bd2272e8778230c615c73b7271e15a0d2f6c34912d12610d6a5ae71093cd1eddb6e3d00103cd04a6320f1b7fdae125a10655a9c9c13752a437aad96ef87f7709e464ec9e10bdb7db578c5a382e6a7f564fd44f86c5c85c7be1b73629b4447666cc37ad790eb5fae7e3d23b0895c963c4de4ed5066bb809",
            signature: "a437aad96ef87f7709e464ec9e10bdb7db578c5a382e6a7f564fd44f86c5c85c7be1b73629b4447666cc37ad790eb5fae7e3d23b0895c963c4de4ed5066bb809",
            id: "363ebe37c32f8943ad038c14cdb7caa879e5d41f5d38d740a46e5c2b2be2d8d9"),
    ]
}

@Suite("Golden vectors")
struct GoldenVectorTests {
    @Test("key and address derive from the seed as pinned", arguments: GoldenVector.all)
    func keyDerivation(vector: GoldenVector) {
        let key = Fixtures.key(vector.seedByte)
        #expect(Hex.encode(key.seed) == String(repeating: Hex.encode([vector.seedByte]), count: 32))
        #expect(Hex.encode(key.publicKey) == vector.publicKey)
        #expect(key.address.description == vector.address)
        #expect(Address(vector.address) == key.address)
    }

    @Test("encoding, signing message and id match the pinned bytes", arguments: GoldenVector.all)
    func encoding(vector: GoldenVector) throws {
        let key = Fixtures.key(vector.seedByte)
        let signature = try #require(Hex.decode(vector.signature))
        let transaction = try SignedTransaction(
            chainID: Fixtures.chainID, publicKey: key.publicKey, nonce: vector.nonce,
            fee: Amount(microUnits: vector.feeMicroUnits), body: vector.body, signature: signature)
        #expect(Hex.encode(transaction.signingMessage) == vector.signingMessage)
        #expect(Hex.encode(transaction.signedBytes) == vector.signedBytes)
        #expect(transaction.id.hex == vector.id)
        #expect(transaction.id == Hash256.sha256(transaction.signedBytes))
        // The signing message is the domain tag plus everything before the signature.
        #expect(transaction.signingMessage == SignedTransaction.domainTag + transaction.signedBytes.dropLast(64))
        #expect(Array(transaction.signedBytes.suffix(64)) == signature)
    }

    @Test("pinned bytes decode, verify and become the right market transaction", arguments: GoldenVector.all)
    func decoding(vector: GoldenVector) throws {
        let key = Fixtures.key(vector.seedByte)
        let bytes = try #require(Hex.decode(vector.signedBytes))
        let decoded = try SignedTransaction(decoding: bytes)
        let verified = try decoded.verify(chainID: Fixtures.chainID)
        #expect(verified.id.hex == vector.id)
        #expect(decoded.chainID == Fixtures.chainID)
        #expect(decoded.sender == key.address)
        #expect(decoded.transaction() == Transaction(
            sender: key.address, nonce: vector.nonce, fee: Amount(microUnits: vector.feeMicroUnits), body: vector.body))
    }

    #if !canImport(Darwin)
    // RFC 8032 signing is deterministic with BoringSSL; Apple's CryptoKit randomizes signatures,
    // so only their verification (above) is pinned there.
    @Test("signing reproduces the pinned signature", arguments: GoldenVector.all)
    func signing(vector: GoldenVector) {
        let signed = Fixtures.sign(
            Fixtures.key(vector.seedByte), nonce: vector.nonce, fee: Amount(microUnits: vector.feeMicroUnits),
            body: vector.body)
        #expect(Hex.encode(signed.signature) == vector.signature)
        #expect(signed.id.hex == vector.id)
    }
    #endif

    @Test("envelope fields sit at the documented offsets")
    func layout() throws {
        let vector = GoldenVector.all[0]
        let bytes = try #require(Hex.decode(vector.signedBytes))
        let chainLength = Fixtures.chainID.utf8.count
        #expect(bytes[0] == 1)
        #expect(Array(bytes[1..<5]) == [0, 0, 0, UInt8(chainLength)])
        #expect(Array(bytes[5..<(5 + chainLength)]) == Array(Fixtures.chainID.utf8))
        let keyStart = 5 + chainLength
        #expect(Hex.encode(Array(bytes[keyStart..<(keyStart + 32)])) == vector.publicKey)
        #expect(Array(bytes[(keyStart + 32)..<(keyStart + 40)]) == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[(keyStart + 40)..<(keyStart + 48)]) == [0, 0, 0, 0, 0, 0, 0x03, 0xe8])
        #expect(Array(bytes[(keyStart + 48)..<(bytes.count - 64)]) == Fixtures.transferBody.canonicalBytes)
        #expect(SignedTransaction.domainTag == [0x44, 0x45, 0x50, 0x49, 0x4e, 0x2d, 0x54, 0x58, 0x2d, 0x56, 0x31, 0x00])
    }
}
