import Testing
import MarketCore
@testable import MarketLedger

/// Encoding round trips and the envelope-level rejections (decode and verify).
@Suite("Signed transaction envelope")
struct SignedTransactionTests {
    static let bodies: [TransactionBody] = [
        Fixtures.transferBody, Fixtures.registerProviderBody, Fixtures.postJobBody, Fixtures.verifyProofBody,
        .providerHeartbeat, .updateProvider(ProviderSpec(tier: .consumer, gpuCount: 1, memoryPerGPUGB: 8, ratePerGPUHour: .tokens(1))),
        .unregisterProvider, .registerValidator(stake: .tokens(100)), .unregisterValidator, .withdrawStake,
        .cancelJob(JobID(1)), .matchJob(JobID(2)), .acceptJob(JobID(3), gpuHours: 40),
        .submitProof(JobID(4), assignment: 1, checkpointRoot: Fixtures.hash("root"), resultHash: Fixtures.hash("result"), segmentCount: 16),
        .verifyProof(JobID(5), assignment: 0, approve: false, evidence: []),
        .claimReward(JobID(6)), .updateParameters(MarketParameters()), .mint(to: Fixtures.carol.address, amount: .tokens(5)),
    ]

    /// The unsigned part of an envelope with a hand-written body, for building bad encodings.
    static func unsignedEnvelope(
        bodyBytes: [UInt8], chainIDBytes: [UInt8] = Array(Fixtures.chainID.utf8), key: SigningKey = Fixtures.carol,
        version: UInt8 = 1
    ) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(version)
        writer.write(bytes: chainIDBytes)
        writer.write(raw: key.publicKey)
        writer.write(UInt64(9))
        writer.write(Amount(microUnits: 1_000))
        writer.write(raw: bodyBytes)
        return writer.bytes
    }

    /// A verify-proof body written by hand so single fields can be made invalid.
    static func verifyProofBodyBytes(approveByte: UInt8 = 1, declaredEvidence: UInt32 = 2, actualEvidence: Int = 2) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(UInt8(14))
        writer.write(UInt64(7))
        writer.write(UInt32(0))
        writer.write(approveByte)
        writer.write(declaredEvidence)
        for index in 0..<actualEvidence {
            writer.write(SegmentEvidence(segment: UInt32(index), startHash: Fixtures.hash("s\(index)"), endHash: Fixtures.hash("e\(index)")))
        }
        return writer.bytes
    }

    @Test("every body kind round-trips through encode, decode and verify", arguments: bodies)
    func roundTrip(body: TransactionBody) throws {
        let signed = Fixtures.sign(Fixtures.alice, nonce: 3, body: body)
        let decoded = try SignedTransaction(decoding: signed.signedBytes)
        #expect(decoded == signed)
        #expect(decoded.id == signed.id)
        try decoded.verify(chainID: Fixtures.chainID)
        #expect(decoded.transaction().body == body)
        #expect(decoded.transaction().sender == Fixtures.alice.address)
    }

    @Test("hand-built envelope matches the encoder byte for byte")
    func handBuiltMatchesEncoder() throws {
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: Self.verifyProofBodyBytes()), with: Fixtures.carol)
        let decoded = try SignedTransaction(decoding: bytes)
        #expect(decoded.signedBytes == bytes)
        try decoded.verify(chainID: Fixtures.chainID)
    }

    @Test("a transaction signed for another chain is rejected with wrong-chain")
    func wrongChain() throws {
        let signed = Fixtures.sign(Fixtures.alice, nonce: 0, chainID: "depin-testnet")
        let decoded = try SignedTransaction(decoding: signed.signedBytes)
        #expect(throws: LedgerError.wrongChain) { try decoded.verify(chainID: Fixtures.chainID) }
        #expect(LedgerError.wrongChain.code == 600)
    }

    @Test("a signature by another key or over other bytes is rejected with bad-signature")
    func badSignature() throws {
        let honest = Fixtures.sign(Fixtures.alice, nonce: 0, body: Fixtures.transferBody)
        let byBob = Fixtures.sign(Fixtures.bob, nonce: 0, body: Fixtures.transferBody)
        let forged = try SignedTransaction(
            chainID: Fixtures.chainID, publicKey: Fixtures.alice.publicKey, nonce: 0, fee: honest.fee,
            body: Fixtures.transferBody, signature: byBob.signature)
        #expect(throws: LedgerError.badSignature) { try forged.verify(chainID: Fixtures.chainID) }

        let otherNonce = try SignedTransaction(
            chainID: Fixtures.chainID, publicKey: Fixtures.alice.publicKey, nonce: 1, fee: honest.fee,
            body: Fixtures.transferBody, signature: honest.signature)
        #expect(throws: LedgerError.badSignature) { try otherNonce.verify(chainID: Fixtures.chainID) }
        #expect(LedgerError.badSignature.code == 601)
    }

    @Test("flipping any bit of a signed envelope makes decode or verify reject it", arguments: GoldenVector.all)
    func everyBitFlipRejected(vector: GoldenVector) throws {
        let original = try #require(Hex.decode(vector.signedBytes))
        var rejectedByDecode = 0
        var rejectedByVerify = 0
        for position in original.indices {
            for bit in 0..<8 {
                var flipped = original
                flipped[position] ^= UInt8(1) << UInt8(bit)
                let decoded: SignedTransaction
                do {
                    decoded = try SignedTransaction(decoding: flipped)
                } catch {
                    rejectedByDecode += 1
                    continue
                }
                #expect(throws: LedgerError.self, "byte \(position) bit \(bit) was accepted") {
                    try decoded.verify(chainID: Fixtures.chainID)
                }
                rejectedByVerify += 1
            }
        }
        #expect(rejectedByDecode + rejectedByVerify == original.count * 8)
        #expect(rejectedByDecode > 0 && rejectedByVerify > 0)
    }

    @Test("a boolean byte other than 0 or 1 is rejected as non-canonical even when signed")
    func nonCanonicalBool() {
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: Self.verifyProofBodyBytes(approveByte: 2)), with: Fixtures.carol)
        #expect(throws: LedgerError.nonCanonical) { try SignedTransaction(decoding: bytes) }
        #expect(LedgerError.nonCanonical.code == 602)
    }

    @Test("a list length that leaves bytes over is rejected as trailing bytes")
    func shortListLength() {
        let body = Self.verifyProofBodyBytes(declaredEvidence: 1, actualEvidence: 2)
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: body), with: Fixtures.carol)
        #expect(throws: LedgerError.trailingBytes) { try SignedTransaction(decoding: bytes) }
    }

    @Test("a list length beyond what follows is rejected as malformed")
    func longListLength() {
        let body = Self.verifyProofBodyBytes(declaredEvidence: 3, actualEvidence: 2)
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: body), with: Fixtures.carol)
        #expect(throws: LedgerError.malformed) { try SignedTransaction(decoding: bytes) }
    }

    @Test("a list over its bound is rejected as oversized")
    func listOverBound() {
        let body = Self.verifyProofBodyBytes(declaredEvidence: 65, actualEvidence: 65)
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: body), with: Fixtures.carol)
        #expect(throws: LedgerError.oversized) { try SignedTransaction(decoding: bytes) }
    }

    @Test("a transaction over the size bound is rejected before decoding")
    func oversized() throws {
        let signed = Fixtures.sign(Fixtures.carol, nonce: 0, body: Fixtures.verifyProofBody)
        let bytes = signed.signedBytes
        #expect(throws: LedgerError.oversized) { try SignedTransaction(decoding: bytes, maxByteCount: bytes.count - 1) }
        #expect(try SignedTransaction(decoding: bytes, maxByteCount: bytes.count) == signed)
        let huge = bytes + [UInt8](repeating: 0, count: SignedTransaction.defaultMaxByteCount)
        #expect(throws: LedgerError.oversized) { try SignedTransaction(decoding: huge) }
        #expect(LedgerError.oversized.code == 603)
    }

    @Test("an unknown body tag is rejected", arguments: [UInt8(0), 18, 99, 255])
    func unknownBodyTag(tag: UInt8) {
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: [tag]), with: Fixtures.carol)
        #expect(throws: LedgerError.unknownBodyTag) { try SignedTransaction(decoding: bytes) }
    }

    @Test("bytes after the signature are rejected")
    func trailingBytes() {
        let bytes = Fixtures.sign(Fixtures.alice, nonce: 0).signedBytes
        #expect(throws: LedgerError.trailingBytes) { try SignedTransaction(decoding: bytes + [0]) }
        #expect(throws: LedgerError.trailingBytes) { try SignedTransaction(decoding: bytes + bytes) }
    }

    @Test("every truncation is rejected, and a cut signature reads as malformed")
    func truncation() throws {
        let bytes = try #require(Hex.decode(GoldenVector.all[3].signedBytes))
        for length in 0..<bytes.count {
            #expect(throws: LedgerError.self, "prefix of \(length) bytes was accepted") {
                try SignedTransaction(decoding: Array(bytes.prefix(length)))
            }
        }
        #expect(throws: LedgerError.malformed) { try SignedTransaction(decoding: Array(bytes.dropLast())) }
        #expect(throws: LedgerError.malformed) { try SignedTransaction(decoding: []) }
    }

    @Test("an envelope version other than 1 is rejected", arguments: [UInt8(0), 2, 255])
    func unsupportedVersion(version: UInt8) {
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: [3], version: version), with: Fixtures.carol)
        #expect(throws: LedgerError.unsupportedVersion) { try SignedTransaction(decoding: bytes) }
    }

    @Test("chain ids must be 1-64 visible ASCII bytes", arguments: [
        [UInt8](), [UInt8](repeating: 0x61, count: 65), Array("depin devnet".utf8), Array("dépin".utf8), [0x00],
    ])
    func invalidChainID(chainID: [UInt8]) {
        let bytes = Fixtures.signRaw(Self.unsignedEnvelope(bodyBytes: [3], chainIDBytes: chainID), with: Fixtures.carol)
        #expect(throws: LedgerError.invalidChainID) { try SignedTransaction(decoding: bytes) }
        let text = String(decoding: chainID, as: UTF8.self)
        #expect(throws: LedgerError.invalidChainID) {
            try SignedTransaction.sign(chainID: text, nonce: 0, fee: .zero, body: .providerHeartbeat, with: Fixtures.alice)
        }
    }

    @Test("the longest chain id is accepted")
    func longestChainID() throws {
        let chainID = String(repeating: "x", count: 64)
        let signed = Fixtures.sign(Fixtures.alice, nonce: 0, chainID: chainID)
        try SignedTransaction(decoding: signed.signedBytes).verify(chainID: chainID)
    }

    @Test("assembling an envelope checks key and signature lengths")
    func assemblyChecksLengths() {
        #expect(throws: LedgerError.invalidPublicKey) {
            try SignedTransaction(chainID: Fixtures.chainID, publicKey: [1, 2, 3], nonce: 0, fee: .zero,
                                  body: .providerHeartbeat, signature: [UInt8](repeating: 0, count: 64))
        }
        #expect(throws: LedgerError.badSignature) {
            try SignedTransaction(chainID: Fixtures.chainID, publicKey: Fixtures.alice.publicKey, nonce: 0, fee: .zero,
                                  body: .providerHeartbeat, signature: [UInt8](repeating: 0, count: 63))
        }
    }

    @Test("signing is deterministic in content: the same fields give the same id on Linux")
    func idsDependOnContent() {
        let first = Fixtures.sign(Fixtures.alice, nonce: 0)
        let other = Fixtures.sign(Fixtures.alice, nonce: 1)
        #expect(first.id != other.id)
        #if !canImport(Darwin)
        #expect(Fixtures.sign(Fixtures.alice, nonce: 0).id == first.id)
        #endif
    }
}
