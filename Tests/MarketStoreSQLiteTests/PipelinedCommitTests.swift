import Dispatch
import Foundation
import MarketCore
import MarketLedger
import MarketStoreSQLite
import Testing

/// A store whose block appends wait at a gate the test opens, so a test can look at the ledger
/// while a block is being made durable.
final class GatedStore: BlockStore, @unchecked Sendable {
    let inner: SQLiteBlockStore
    private let entered = DispatchSemaphore(value: 0)
    private let gate = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var openedByTimeout = false

    init(_ inner: SQLiteBlockStore) { self.inner = inner }

    /// True when an append gave up waiting: the test never opened the gate in time.
    var timedOut: Bool { lock.withLock { openedByTimeout } }

    /// Waits (off the cooperative pool) until an append is held at the gate.
    func waitUntilHeld() async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.entered.wait()
                continuation.resume()
            }
        }
    }

    func open() { gate.signal() }

    func append(_ block: Block, changes: [StateChange], snapshot: StateSnapshot?) throws {
        entered.signal()
        if gate.wait(timeout: .now() + 20) == .timedOut { lock.withLock { openedByTimeout = true } }
        try inner.append(block, changes: changes, snapshot: snapshot)
    }

    func initialize(genesis: GenesisDocument, header: BlockHeader, changes: [StateChange]) throws {
        try inner.initialize(genesis: genesis, header: header, changes: changes)
    }
    func genesis() throws -> GenesisDocument? { try inner.genesis() }
    func latestHeight() throws -> BlockHeight? { try inner.latestHeight() }
    func storedBlock(at height: BlockHeight) throws -> StoredBlock? { try inner.storedBlock(at: height) }
    func stateChanges(at height: BlockHeight) throws -> [StateChange] { try inner.stateChanges(at: height) }
    func latestSnapshot() throws -> StateSnapshot? { try inner.latestSnapshot() }
    func snapshot(at height: BlockHeight) throws -> StateSnapshot? { try inner.snapshot(at: height) }
    func snapshotHeights() throws -> [BlockHeight] { try inner.snapshotHeights() }
    func location(ofTransaction id: Hash256) throws -> TransactionLocation? { try inner.location(ofTransaction: id) }
}

@Suite("Admission while a block commits")
struct PipelinedCommitTests {
    @Test("admission, status and reads go on while a block is made durable; nothing is committed before it is")
    func admissionDoesNotWaitForTheCommit() async throws {
        let fixture = try ChainFixture()
        let store = GatedStore(try fixture.openStore())
        let ledger = try Ledger(store: store, genesis: fixture.genesis, configuration: fixture.configuration())
        let first = try fixture.sign(0, nonce: 0, .transfer(to: fixture.keys[1].address, amount: .tokens(1)))
        try await ledger.admit(first)
        let waiting = Task { await ledger.waitForCommit(first.id, timeout: .seconds(60)) }
        let producing = Task { try await ledger.produceBlock(timestampMillis: 1) }
        await store.waitUntilHeld()

        // The block is executed and its commit is held: the ledger still serves everyone.
        let second = try fixture.sign(2, nonce: 0, .transfer(to: fixture.keys[3].address, amount: .tokens(1)))
        try await ledger.admit(second)
        #expect(await ledger.status(of: first.id) == .pending)
        #expect(await ledger.tip.height == 0)
        #expect(try await ledger.block(at: 1) == nil)
        // The same transaction again is a duplicate even before its block is durable.
        await #expect(throws: LedgerError.duplicateTransaction) { try await ledger.admit(first) }
        #expect(!store.timedOut)

        store.open()
        let block = try await producing.value
        #expect(block.transactions.map(\.id) == [first.id])
        guard case .committed(let receipt) = await waiting.value else {
            Issue.record("the waiter was not told committed")
            return
        }
        #expect(receipt.height == 1)
        #expect(await ledger.tip.height == 1)
        #expect(await ledger.status(of: second.id) == .pending)
        #expect(!store.timedOut, "admission waited for the held commit")

        // The next block takes what was admitted meanwhile.
        let next = Task { try await ledger.produceBlock(timestampMillis: 2) }
        await store.waitUntilHeld()
        store.open()
        #expect(try await next.value.transactions.map(\.id) == [second.id])
    }

    @Test("two producers at once take turns: heights never interleave")
    func producersTakeTurns() async throws {
        let fixture = try ChainFixture()
        let ledger = try Ledger(store: try fixture.openStore(), genesis: fixture.genesis, configuration: fixture.configuration())
        for nonce in UInt64(0)..<6 {
            try await ledger.admit(try fixture.sign(0, nonce: nonce, .transfer(to: fixture.keys[1].address, amount: .tokens(1))))
        }
        let heights = try await withThrowingTaskGroup(of: BlockHeight.self) { group in
            for index in 0..<4 {
                group.addTask { try await ledger.produceBlock(timestampMillis: UInt64(index)).height }
            }
            var all: [BlockHeight] = []
            for try await height in group { all.append(height) }
            return all.sorted()
        }
        #expect(heights == [1, 2, 3, 4])
        #expect(await ledger.tip.height == 4)
    }
}
