import MarketCore
@testable import MarketLedger

/// Fixed keys, bodies and helpers shared by the ledger tests. Everything here is deterministic.
enum Fixtures {
    static let chainID = "depin-devnet"

    /// A key whose seed is `byte` repeated 32 times.
    static func key(_ byte: UInt8) -> SigningKey {
        do {
            return try SigningKey(seed: [UInt8](repeating: byte, count: 32))
        } catch {
            fatalError("a 32-byte seed is always valid: \(error)")
        }
    }

    static let alice = key(0x01)
    static let bob = key(0x02)
    static let carol = key(0x03)

    static func hash(_ text: String) -> Hash256 { Hash256.sha256(Array(text.utf8)) }

    static let transferBody = TransactionBody.transfer(to: bob.address, amount: Amount(microUnits: 12_500_000))

    static let registerProviderBody = TransactionBody.registerProvider(
        ProviderSpec(tier: .datacenter, gpuCount: 8, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(2), attested: true))

    static let postJobBody = TransactionBody.postJob(
        spec: JobSpec(
            workloadHash: hash("workload"), modelHash: hash("model"), datasetHash: hash("dataset"),
            datasetSizeBytes: 1_048_576, gpuCount: 4, tier: .prosumer, memoryPerGPUGB: 24, gpuHours: 100,
            maxRatePerGPUHour: Amount(microUnits: 750_000), segmentCount: 16),
        budget: .tokens(100))

    static let verifyProofBody = TransactionBody.verifyProof(
        JobID(7), assignment: 0, approve: true,
        evidence: [
            SegmentEvidence(segment: 3, startHash: hash("checkpoint-3"), endHash: hash("checkpoint-4")),
            SegmentEvidence(segment: 11, startHash: hash("checkpoint-11"), endHash: hash("checkpoint-12")),
        ])

    /// Signs with the fixture chain id; fixtures never fail to sign.
    static func sign(
        _ key: SigningKey, nonce: UInt64, fee: Amount = Amount(microUnits: 1_000),
        body: TransactionBody = .providerHeartbeat, chainID: String = Fixtures.chainID
    ) -> SignedTransaction {
        do {
            return try SignedTransaction.sign(chainID: chainID, nonce: nonce, fee: fee, body: body, with: key)
        } catch {
            fatalError("fixture signing failed: \(error)")
        }
    }

    static func verified(
        _ key: SigningKey, nonce: UInt64, fee: Amount = Amount(microUnits: 1_000),
        body: TransactionBody = .providerHeartbeat
    ) -> VerifiedTransaction {
        VerifiedTransaction(verified: sign(key, nonce: nonce, fee: fee, body: body))
    }

    /// Re-signs arbitrary unsigned bytes with `key`: the signing message is the domain tag plus
    /// `unsigned`. Used to build envelopes that are well signed but badly encoded.
    static func signRaw(_ unsigned: [UInt8], with key: SigningKey) -> [UInt8] {
        do {
            return unsigned + (try key.signature(for: SignedTransaction.domainTag + unsigned))
        } catch {
            fatalError("fixture signing failed: \(error)")
        }
    }
}
