import Foundation
import MarketCore
import MarketLedger
import MarketStoreSQLite
import Testing
@testable import MarketNode

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test("stopping the running node between blocks leaves only whole blocks, and the chain reopens")
    func noPartialBlock() async throws {
        let node = try TestNode { $0.blockIntervalMillis = 5 }
        defer { node.remove() }
        let embedded = try await EmbeddedNode.start(node: node.node)
        var submitted: [Hash256] = []
        for nonce in UInt64(0)..<40 {
            let transaction = try node.sign(TestKeys.client, .transfer(to: TestKeys.stranger.address, amount: .tokens(1)), nonce: nonce)
            submitted.append(try await node.ledger.submit(transaction.signedBytes))
            if nonce % 10 == 9 { try await Task.sleep(for: .milliseconds(10)) }
        }
        while await node.ledger.tip.height < 3 { try await Task.sleep(for: .milliseconds(5)) }
        try await embedded.stop()
        // The ledger's tip is the store's tip: the last block was committed whole or not at all.
        let tip = await node.ledger.tip
        let stored = try #require(try node.node.chain.block(at: tip.height))
        #expect(stored.hash == tip.hash)
        #expect(try node.node.chain.block(at: tip.height + 1) == nil)
        // Every submitted transaction is either in a committed block or still pending; none is lost.
        var committed = 0
        for id in submitted {
            switch await node.ledger.status(of: id) {
            case .committed: committed += 1
            case .pending: break
            case let other: Issue.record("transaction \(id) is \(other)")
            }
        }
        #expect(committed > 0)
        // The block loop stopped: no new block appears after shutdown.
        let heightAfter = await node.ledger.tip.height
        #expect(heightAfter == tip.height)

        // While this node lives, no second node may open its data directory.
        var configuration = node.configuration
        configuration.genesisFile = nil
        #expect(throws: NodeStartError.self) { try Node.open(configuration: configuration) }
        // Reopening the chain replays and checks every stored block against its roots.
        let reopened = try ChainLoader.open(store: try SQLiteBlockStore(path: configuration.chainDatabasePath), genesis: nil)
        #expect(reopened.tip == tip)
        #expect(reopened.state.accounts[TestKeys.client.address]?.nonce == UInt64(committed))
    }
}
