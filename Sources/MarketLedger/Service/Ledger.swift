import Dispatch
import MarketCore

/// A node's ledger: the chain engine, the mempool and durable storage behind one actor.
///
/// Signatures are verified before `admit` (by callers, in parallel). `produceBlock` executes the
/// next block, stores it with its state changes in one durable commit, and only then resolves
/// waiters and informs subscribers: nobody hears "committed" before the commit is on disk.
public actor Ledger {
    public nonisolated let chainID: String
    public let configuration: LedgerConfiguration
    private var engine: ChainEngine
    private let store: any BlockStore
    private var mempool: Mempool
    private var waiters: [Hash256: [CheckedContinuation<TransactionStatus, Never>]] = [:]
    /// The last 10,000 transactions that left the mempool without a block: `.dropped` or `.evicted`.
    private var dropped: [Hash256: TransactionStatus] = [:]
    private var droppedOrder: [Hash256] = []
    private var subscribers: [Int: AsyncStream<CommittedBlock>.Continuation] = [:]
    private var nextSubscriber = 0
    private var fullSignal: AsyncStream<Void>.Continuation?
    /// Set when a block could not be stored; the ledger then refuses to continue.
    private var storageFailure: String?
    /// The last durably stored block's header (the engine's tip runs ahead while a block commits).
    public private(set) var tip: BlockHeader
    /// Ids of the block being made durable: pending until its commit returns.
    private var committing: Set<Hash256> = []
    /// Producers waiting for the block in progress to become durable, in arrival order.
    private var producerQueue: [CheckedContinuation<Void, Never>] = []
    private var producing = false
    /// The store's writes run here, off the actor, so admission and reads go on meanwhile.
    private nonisolated let storeQueue = DispatchQueue(label: "depin.ledger.store")

    /// Opens (or creates, from `genesis`) the chain in `store`.
    public init(store: any BlockStore, genesis: GenesisDocument?, configuration: LedgerConfiguration = LedgerConfiguration()) throws {
        let engine = try ChainLoader.open(store: store, genesis: genesis)
        self.engine = engine
        self.tip = engine.tip
        self.store = store
        self.configuration = configuration
        self.chainID = engine.chainID
        self.mempool = Mempool(
            capacity: configuration.mempoolCapacity, perAccountCapacity: configuration.mempoolPerAccount,
            nonceWindow: configuration.nonceWindow, minimumFee: engine.state.parameters.minimumTransactionFee,
            gappedPerAccount: configuration.mempoolGappedPerAccount, gappedCapacity: configuration.mempoolGappedCapacity,
            gapTimeoutBlocks: configuration.gapTimeoutBlocks, maxBytes: configuration.mempoolMaxBytes)
    }

    /// The state after the latest executed block (a copy-on-write value: cheap to hand out).
    /// While a block is being made durable (the few milliseconds of its storage commit) this
    /// already includes it; statuses, receipts, events, `tip` and the stored blocks report it
    /// only once it is durable.
    public var state: MarketState { engine.state }
    public var mempoolCount: Int { mempool.count }

    /// Admits a verified transaction to the mempool; throws the reason it cannot wait for a block.
    @discardableResult
    public func admit(_ transaction: VerifiedTransaction) throws(LedgerError) -> Hash256 {
        let signed = transaction.signed
        // The current parameters decide, not the mempool's copy from start-up.
        guard signed.fee >= engine.state.parameters.minimumTransactionFee else { throw .feeTooLow }
        // Part of the block being made durable: already executed, so it is a duplicate.
        guard !committing.contains(signed.id) else { throw .duplicateTransaction }
        let account = engine.state.accounts[signed.sender] ?? Account()
        do {
            // The pending fees, this one included, must fit the balance: a flood pays or is refused.
            let displaced = try mempool.insert(
                transaction, accountNonce: account.nonce, balance: account.balance, height: engine.tip.height)
            for transaction in displaced { recordLeft(transaction.id, .evicted(.mempoolFull)) }
        } catch .nonceTooLow {
            // A committed transaction always has a used nonce, so only this path needs the store.
            if (try? store.location(ofTransaction: signed.id)) != nil { throw .duplicateTransaction }
            throw .nonceTooLow
        }
        return signed.id
    }

    /// Admits many verified transactions in one actor turn; returns each one's result in order.
    public func admit(contentsOf transactions: [VerifiedTransaction]) -> [Result<Hash256, LedgerError>] {
        transactions.map { transaction in Result { () throws(LedgerError) in try admit(transaction) } }
    }

    /// Decodes, verifies and admits raw signed bytes (signature check on the caller's task).
    public nonisolated func submit(_ bytes: [UInt8]) async throws(LedgerError) -> Hash256 {
        let signed = try SignedTransaction(decoding: bytes, maxByteCount: configuration.maxTransactionBytes)
        let verified = try signed.verify(chainID: chainID)
        return try await admit(verified)
    }

    /// Where a transaction stands now.
    public func status(of id: Hash256) -> TransactionStatus {
        if mempool.contains(id) || committing.contains(id) { return .pending }
        if let left = dropped[id] { return left }
        guard let location = try? store.location(ofTransaction: id),
              let stored = try? store.storedBlock(at: location.height),
              let block = try? Block(header: stored.header, bodyBytes: stored.bodyBytes),
              location.position < block.outcomes.count
        else { return .unknown }
        return .committed(TransactionReceipt(
            id: id, height: location.height, position: location.position, blockHash: stored.header.hash,
            outcome: block.outcomes[location.position]))
    }

    /// Waits until the transaction is committed or dropped, or `timeout` passes (then `.pending`).
    public func waitForCommit(_ id: Hash256, timeout: Duration) async -> TransactionStatus {
        let current = status(of: id)
        guard current == .pending else { return current }
        return await withTaskGroup(of: TransactionStatus.self) { group in
            group.addTask { await self.waitUntilSettled(id) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .pending
            }
            let first = await group.next() ?? .pending
            group.cancelAll()
            if first == .pending { self.cancelWaiters(for: id) }
            return first
        }
    }

    private func waitUntilSettled(_ id: Hash256) async -> TransactionStatus {
        // Check again in the same actor turn that registers the waiter: a block committed between
        // the caller's check and this task starting would otherwise never wake it.
        let current = status(of: id)
        guard current == .pending else { return current }
        return await withCheckedContinuation { continuation in
            waiters[id, default: []].append(continuation)
        }
    }

    private func cancelWaiters(for id: Hash256) {
        for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: .pending) }
    }

    /// Executes and durably stores the next block from the mempool. Returns the block.
    ///
    /// The engine advances in place (copying the whole state per block would cost time
    /// proportional to its size). The storage commit then runs off the actor, so admission,
    /// status and reads go on while it is made durable; its transactions stay `pending` and no
    /// waiter or subscriber hears of the block until the commit returned. If the store fails, the
    /// in-memory state is ahead of the disk, so the ledger refuses all further work: the process
    /// must restart from the store. Calls are served one at a time, in order.
    @discardableResult
    public func produceBlock(timestampMillis: UInt64) async throws -> Block {
        await takeProducerTurn()
        defer { passProducerTurn() }
        if let failure = storageFailure { throw LedgerHalted(reason: failure) }
        let batch = mempool.nextBatch(
            maxCount: configuration.maxBlockTransactions, maxBytes: configuration.maxBlockBytes
        ) { address in
            engine.state.accounts[address]?.nonce ?? 0
        }
        let result = engine.executeBlock(batch.map { VerifiedTransaction(verified: $0) }, timestampMillis: timestampMillis)
        let height = result.block.height
        let snapshot = height % configuration.snapshotInterval == 0
            ? StateSnapshot(height: height, entries: engine.state.snapshotEntries()) : nil
        // The block's transactions leave the mempool now (so nothing can displace or expire them)
        // but read as pending until the commit is durable.
        committing = Set(result.block.transactions.map(\.id))
        mempool.remove(committed: result.block.transactions)
        for rejected in result.dropped {
            mempool.removeTransaction(rejected.transaction.id)
            recordLeft(rejected.transaction.id, .dropped(rejected.error))
        }
        let pruned = mempool.prune(height: height) { address in engine.state.accounts[address]?.nonce ?? 0 }
        for expired in pruned.expired { recordLeft(expired.id, .evicted(.nonceGap)) }
        // Durable first; only then does anything outside learn of the block.
        do {
            try await durablyAppend(result.block, changes: result.commit.changes, snapshot: snapshot)
        } catch {
            storageFailure = "\(error)"
            committing = []
            throw error
        }
        tip = result.block.header
        committing = []
        for (position, transaction) in result.block.transactions.enumerated() {
            let receipt = TransactionReceipt(
                id: transaction.id, height: height, position: position, blockHash: result.block.hash,
                outcome: result.block.outcomes[position])
            for waiter in waiters.removeValue(forKey: transaction.id) ?? [] { waiter.resume(returning: .committed(receipt)) }
        }
        let committed = CommittedBlock(block: result.block, dropped: result.dropped.map { ($0.transaction.id, $0.error) })
        for subscriber in subscribers.values { subscriber.yield(committed) }
        return result.block
    }

    /// Runs the store's append on its own queue and waits for it without holding the actor.
    private nonisolated func durablyAppend(_ block: Block, changes: [StateChange], snapshot: StateSnapshot?) async throws {
        let store = self.store
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            storeQueue.async {
                do {
                    try store.append(block, changes: changes, snapshot: snapshot)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func takeProducerTurn() async {
        guard producing else {
            producing = true
            return
        }
        await withCheckedContinuation { producerQueue.append($0) }
    }

    private func passProducerTurn() {
        if producerQueue.isEmpty {
            producing = false
        } else {
            producerQueue.removeFirst().resume()
        }
    }

    /// Remembers why a transaction left the mempool without a block and tells its waiters.
    private func recordLeft(_ id: Hash256, _ status: TransactionStatus) {
        dropped[id] = status
        droppedOrder.append(id)
        if droppedOrder.count > 10_000 {
            let excess = droppedOrder.count - 10_000
            for old in droppedOrder.prefix(excess) { dropped.removeValue(forKey: old) }
            droppedOrder.removeFirst(excess)
        }
        for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: status) }
    }

    /// Committed blocks from now on. Each subscriber buffers at most `bufferLimit` blocks; a
    /// slower one loses the oldest and should resume from the store by height.
    public func subscribe(bufferLimit: Int = 1_024) -> AsyncStream<CommittedBlock> {
        let (stream, continuation) = AsyncStream<CommittedBlock>.makeStream(bufferingPolicy: .bufferingNewest(bufferLimit))
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: Int) {
        subscribers.removeValue(forKey: id)
    }

    /// A stored block by height.
    public func block(at height: BlockHeight) throws -> Block? {
        guard let stored = try store.storedBlock(at: height) else { return nil }
        if height == 0 {
            return Block(header: stored.header, transactions: [], outcomes: [], boundaryEvents: [])
        }
        return try Block(header: stored.header, bodyBytes: stored.bodyBytes)
    }

    /// Produces a block every `blockInterval` until the task is cancelled; the block in progress
    /// always completes. Never sooner, however much waits: heights are the chain's clock for every
    /// deadline, so no one's traffic may advance them faster than the interval.
    public func run(clock: @escaping @Sendable () -> UInt64) async throws {
        let (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        fullSignal = continuation
        defer { fullSignal = nil }
        let interval = configuration.blockInterval
        let timer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield()
            }
        }
        defer { timer.cancel() }
        for await _ in signals {
            if Task.isCancelled { break }
            try await produceBlock(timestampMillis: clock())
        }
    }

    /// Stops `run` after the block in progress.
    public func finishSignals() {
        fullSignal?.finish()
    }
}

/// Thrown after a storage failure: the in-memory chain is ahead of the disk and must not go on.
public struct LedgerHalted: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { "the ledger stopped after a storage failure (\(reason)); restart the node to recover from disk" }
}
