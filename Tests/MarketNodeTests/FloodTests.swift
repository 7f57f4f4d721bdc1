import Foundation
import MarketCore
import MarketLedger
import Testing
@testable import MarketNode

/// The mempool floods from the first round's attack report, played against a node whose block
/// loop runs: honest transactions still commit, the attacker pays for what executes, and no
/// amount of traffic advances the chain's height.
@Suite("Floods against a running node")
struct FloodTests {
    static let attackers = (0..<40).map { TestKeys.key(0x60 + UInt8($0)) }

    /// Funds each attacker with exactly one minimum fee, as the report's 0.001-token accounts.
    static func fundAttackers(_ node: TestNode) async throws {
        try await node.commit(attackers.map { (TestKeys.client, .transfer(to: $0.address, amount: TestNode.fee)) })
    }

    @Test("the gap flood: barely funded accounts sending nonces n+1... are refused at the door; honest transactions commit")
    func gapFlood() async throws {
        let node = try TestNode()
        defer { node.remove() }
        try await Self.fundAttackers(node)
        var refused: [LedgerError: Int] = [:]
        var admitted = 0
        for attacker in Self.attackers {
            for nonce in UInt64(1)...64 {
                let bytes = try node.sign(attacker, .providerHeartbeat, nonce: nonce).signedBytes
                do {
                    _ = try await node.ledger.submit(bytes)
                    admitted += 1
                } catch {
                    refused[error, default: 0] += 1
                }
            }
        }
        // Each attacker's one fee covers one pending transaction; everything else is refused.
        #expect(admitted == Self.attackers.count)
        #expect(refused == [.insufficientFunds: Self.attackers.count * 63])
        // An honest transfer is admitted and committed by the next block.
        let honest = try node.sign(TestKeys.otherClient, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: 0)
        _ = try await node.ledger.submit(honest.signedBytes)
        let block = try await node.produceBlock()
        #expect(block.transactions.map(\.id) == [honest.id])
        // The stuck transactions expire behind their gaps and leave the pool empty, unpaid but bounded.
        for _ in 0..<21 { try await node.produceBlock() }
        #expect(await node.ledger.mempoolCount == 0)
        let first = try node.sign(Self.attackers[0], .providerHeartbeat, nonce: 1)
        #expect(await node.ledger.status(of: first.id) == .evicted(.nonceGap))
        for attacker in Self.attackers {
            #expect(await node.ledger.state.accounts[attacker.address]?.balance == TestNode.fee)
        }
    }

    @Test("more executable transactions than a block holds never cut a block early: heights follow the interval alone")
    func trafficCannotAdvanceHeight() async throws {
        // An hour between blocks: any block the test sees came from traffic.
        let node = try TestNode { $0.maxBlockTransactions = 100 }
        defer { node.remove() }
        let embedded = try await EmbeddedNode.start(node: node.node)
        let startHeight = await node.ledger.tip.height
        for nonce in UInt64(0)..<300 {
            let transfer = try node.sign(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: nonce)
            _ = try await node.ledger.submit(transfer.signedBytes)
        }
        #expect(await node.ledger.mempoolCount == 300)
        // Give a block loop that reacted to a full mempool every chance to do so.
        try await Task.sleep(for: .milliseconds(500))
        #expect(await node.ledger.tip.height == startHeight)
        try await embedded.stop()
        // Blocks take what fits; the flood pays a fee for each transaction that executes.
        let before = await node.ledger.state.accounts[TestKeys.client.address]?.balance ?? .zero
        let block = try await node.produceBlock()
        #expect(block.transactions.count == 100)
        let after = await node.ledger.state.accounts[TestKeys.client.address]?.balance ?? .zero
        #expect(try before.subtracting(after) == (try TestNode.fee.adding(.tokens(1))).multiplied(by: 100))
    }

    @Test("a full mempool gives way to a higher fee; the displaced transaction is reported evicted and pays nothing")
    func feePriorityFlood() async throws {
        let node = try TestNode {
            $0.mempoolCapacity = 50
            $0.maxBlockTransactions = 50
        }
        defer { node.remove() }
        for nonce in UInt64(0)..<50 {
            let cheap = try node.sign(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: nonce)
            _ = try await node.ledger.submit(cheap.signedBytes)
        }
        let sameFee = try node.sign(TestKeys.otherClient, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: 0)
        await #expect(throws: LedgerError.mempoolFull) { try await node.ledger.submit(sameFee.signedBytes) }
        let higher = try node.sign(
            TestKeys.otherClient, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: 0,
            fee: Amount(microUnits: 2_000))
        _ = try await node.ledger.submit(higher.signedBytes)
        let displaced = try node.sign(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: 49)
        #expect(await node.ledger.status(of: displaced.id) == .evicted(.mempoolFull))
        let block = try await node.produceBlock()
        #expect(block.transactions.contains { $0.id == higher.id })
        #expect(!block.transactions.contains { $0.id == displaced.id })
        #expect(block.transactions.count == 50)
    }

    @Test("the max-size flood: the mempool's bytes stay bounded, blocks stay within their byte budget, an honest higher fee commits and the attacker pays for what executed")
    func largestTransactionFlood() async throws {
        let node = try TestNode {
            $0.mempoolMaxBytes = 65_536 * 4
            $0.maxBlockBytes = 65_536
        }
        defer { node.remove() }
        let attacker = TestKeys.providers[0]
        let evidence = (0..<64).map {
            SegmentEvidence(segment: UInt32($0), startHash: Hash256.sha256([UInt8($0)]), endHash: Hash256.sha256([UInt8($0), 1]))
        }
        let vote = TransactionBody.verifyProof(JobID(1), assignment: 0, approve: true, evidence: evidence)
        var admitted = 0
        var full = 0
        for nonce in UInt64(0)..<120 {
            let bytes = try node.sign(attacker, vote, nonce: nonce).signedBytes
            do {
                _ = try await node.ledger.submit(bytes)
                admitted += 1
            } catch {
                #expect(error == .mempoolFull)
                full += 1
            }
        }
        let size = try node.sign(attacker, vote, nonce: 0).signedBytes.count
        #expect(admitted == 65_536 * 4 / size)
        #expect(full == 120 - admitted)
        let honest = try node.sign(
            TestKeys.otherClient, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: 0,
            fee: Amount(microUnits: 2_000))
        _ = try await node.ledger.submit(honest.signedBytes)
        let before = await node.ledger.state.accounts[attacker.address]?.balance ?? .zero
        let block = try await node.produceBlock()
        #expect(block.transactions.contains { $0.id == honest.id })
        let blockBytes = block.transactions.reduce(0) { $0 + $1.signedBytes.count }
        #expect(blockBytes <= 65_536)
        let attackerIncluded = block.transactions.filter { $0.sender == attacker.address }.count
        #expect(attackerIncluded > 0)
        let after = await node.ledger.state.accounts[attacker.address]?.balance ?? .zero
        #expect(try before.subtracting(after) == (try TestNode.fee.multiplied(by: UInt64(attackerIncluded))))
    }
}
