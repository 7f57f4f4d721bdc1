import Foundation
import GRDB
import MarketCore
import MarketLedger
import MarketSimulation
import MarketStoreSQLite
import Testing

@Suite("SQLite block store")
struct SQLiteBlockStoreTests {
    @Test("The writer connection runs with synchronous = FULL after opening (WAL would silently set NORMAL)")
    func synchronousIsFull() throws {
        let fixture = try ChainFixture()
        let store = try fixture.openStore()
        #expect(try store.synchronousMode() == 2)
        let journal = try DatabaseQueue(path: fixture.databasePath).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test("Blocks, results and state changes round-trip and a reopened chain has the same tip and state root")
    func reopenRestoresTheChain() async throws {
        let fixture = try ChainFixture()
        let tipBefore: BlockHeader
        let rootBefore: Hash256
        do {
            let ledger = try Ledger(store: try fixture.openStore(), genesis: fixture.genesis, configuration: fixture.configuration())
            try await fixture.buildChain(ledger: ledger, blocks: 8)
            tipBefore = await ledger.tip
            var state = await ledger.state
            rootBefore = state.stateRoot()
        }
        let reopened = try Ledger(store: try fixture.openStore(), genesis: nil, configuration: fixture.configuration())
        #expect(await reopened.tip == tipBefore)
        var state = await reopened.state
        #expect(state.stateRoot() == rootBefore)
        #expect(tipBefore.height == 8)
        // The failing transfer was recorded with its code and consumed a nonce each block.
        #expect(state.accounts[fixture.keys[4].address]?.nonce == 8)
        let block = try #require(try await reopened.block(at: 3))
        #expect(block.outcomes.contains { $0.error == .invalidAmount })
    }

    @Test("Restart restores the latest snapshot and replays the blocks after it", arguments: [1, 3, 5] as [UInt64])
    func restartFromSnapshotAndReplay(interval: UInt64) async throws {
        let fixture = try ChainFixture()
        var expected: Hash256
        do {
            let ledger = try Ledger(store: try fixture.openStore(), genesis: fixture.genesis,
                                    configuration: fixture.configuration(snapshotInterval: interval))
            try await fixture.buildChain(ledger: ledger, blocks: 11)
            var state = await ledger.state
            expected = state.stateRoot()
        }
        let store = try fixture.openStore()
        let snapshotHeights = try store.snapshotHeights()
        #expect(snapshotHeights.last == 11 / interval * interval)
        #expect(snapshotHeights.count <= store.retainedSnapshots)
        var engine = try ChainLoader.open(store: store, genesis: nil)
        #expect(engine.tip.height == 11)
        var state = engine.state
        #expect(state.stateRoot() == expected)
        _ = engine
    }

    @Test("A transaction id can be committed only once")
    func replayedTransactionIsRejected() async throws {
        let fixture = try ChainFixture()
        let ledger = try Ledger(store: try fixture.openStore(), genesis: fixture.genesis, configuration: fixture.configuration())
        let transaction = try fixture.sign(0, nonce: 0, .transfer(to: fixture.keys[1].address, amount: .tokens(1)))
        try await ledger.admit(transaction)
        try await ledger.produceBlock(timestampMillis: 1)
        await #expect(throws: LedgerError.duplicateTransaction) { try await ledger.admit(transaction) }
        #expect(await ledger.status(of: transaction.id) != .unknown)
    }

    @Test("A transaction that is no longer includable is dropped, reported to subscribers and to its waiters")
    func droppedTransactionsAreReported() async throws {
        let fixture = try ChainFixture()
        let ledger = try Ledger(store: try fixture.openStore(), genesis: fixture.genesis, configuration: fixture.configuration())
        let blocks = await ledger.subscribe()
        // The first transfer spends everything but its fee, so the second cannot pay its own.
        let everything = try Amount.tokens(10_000).subtracting(fixture.genesis.parameters.minimumTransactionFee)
        let spend = try fixture.sign(0, nonce: 0, .transfer(to: fixture.keys[1].address, amount: everything))
        let broke = try fixture.sign(0, nonce: 1, .transfer(to: fixture.keys[1].address, amount: .tokens(1)))
        try await ledger.admit(spend)
        try await ledger.admit(broke)
        let block = try await ledger.produceBlock(timestampMillis: 1)
        #expect(block.transactions.map(\.id) == [spend.id])
        var iterator = blocks.makeAsyncIterator()
        let committed = try #require(await iterator.next())
        #expect(committed.dropped.map(\.id) == [broke.id])
        #expect(committed.dropped.first?.error == .insufficientBalance)
        #expect(await ledger.status(of: broke.id) == .dropped(.insufficientBalance))
        #expect(await ledger.mempoolCount == 0)
    }

    @Test("chain verify passes on an intact chain and checks every block")
    func verifyIntactChain() async throws {
        let fixture = try ChainFixture()
        do {
            let ledger = try Ledger(store: try fixture.openStore(), genesis: fixture.genesis, configuration: fixture.configuration(snapshotInterval: 4))
            try await fixture.buildChain(ledger: ledger, blocks: 9)
        }
        let report = await ChainVerifier(store: try fixture.openStore()).verify()
        #expect(report.isValid, "\(String(describing: report.firstFailure))")
        #expect(report.blocks == 10)
        #expect(report.transactions == 9 * 3 + 1)
        #expect(report.snapshotsChecked == 2)
    }
}
