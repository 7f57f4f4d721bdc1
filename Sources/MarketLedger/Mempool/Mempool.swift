import MarketCore

/// Pending verified transactions waiting for a block, bounded in total and per account.
///
/// A value type with deterministic behaviour: the same sequence of calls gives the same batches on
/// every machine (no iteration order from hashing reaches a result). Owned by one actor in the node.
///
/// Admission rules, checked in this order, each with its own error:
/// `duplicate-transaction`, `fee-too-low`, `nonce-too-low`, `nonce-gap` (more than `nonceWindow`
/// ahead of the account's next nonce), `nonce-in-use` (no replacement), `account-mempool-full`,
/// `mempool-full`.
public struct Mempool: Sendable {
    /// Most transactions held at once.
    public let capacity: Int
    /// Most transactions held for one account.
    public let perAccountCapacity: Int
    /// How far ahead of the account's next nonce a transaction may be: nonces
    /// `next...next + nonceWindow` are accepted.
    public let nonceWindow: UInt64
    /// Lowest fee accepted.
    public let minimumFee: Amount

    private var queues: [Address: AccountQueue] = [:]
    /// Every held transaction's id and sender.
    private var senders: [Hash256: Address] = [:]
    private var nextArrival: UInt64 = 0

    /// Creates an empty mempool. Limits must be positive (programmer error otherwise).
    public init(capacity: Int, perAccountCapacity: Int, nonceWindow: UInt64, minimumFee: Amount = .zero) {
        precondition(capacity > 0, "mempool capacity must be positive")
        precondition(perAccountCapacity > 0, "per-account capacity must be positive")
        self.capacity = capacity
        self.perAccountCapacity = perAccountCapacity
        self.nonceWindow = nonceWindow
        self.minimumFee = minimumFee
    }

    /// Transactions currently held.
    public var count: Int { senders.count }

    public var isEmpty: Bool { senders.isEmpty }

    /// Accounts with at least one pending transaction.
    public var accountCount: Int { queues.count }

    public func contains(_ id: Hash256) -> Bool { senders[id] != nil }

    /// The account's pending transactions in nonce order.
    public func pending(from sender: Address) -> [SignedTransaction] {
        queues[sender]?.transactions ?? []
    }

    /// Admits `transaction` given its sender's next nonce, or throws why not; on a throw nothing
    /// changes.
    public mutating func insert(_ transaction: VerifiedTransaction, accountNonce: UInt64) throws(LedgerError) {
        let signed = transaction.signed
        guard senders[signed.id] == nil else { throw .duplicateTransaction }
        guard signed.fee >= minimumFee else { throw .feeTooLow }
        guard signed.nonce >= accountNonce else { throw .nonceTooLow }
        guard signed.nonce - accountNonce <= nonceWindow else { throw .nonceGap }
        let existing = queues[signed.sender]
        if let existing {
            guard !existing.contains(nonce: signed.nonce) else { throw .nonceInUse }
            guard existing.count < perAccountCapacity else { throw .accountMempoolFull }
        }
        guard senders.count < capacity else { throw .mempoolFull }

        var queue = existing ?? AccountQueue(arrival: nextArrival)
        if existing == nil { nextArrival += 1 }
        queue.insert(signed)
        queues[signed.sender] = queue
        senders[signed.id] = signed.sender
    }

    /// Up to `maxCount` transactions that can execute in order now: for each account only the
    /// consecutive nonces starting at its current nonce (a gap ends its run). Accounts take turns,
    /// one transaction per turn, in the order their oldest pending transaction arrived.
    public func nextBatch(maxCount: Int, accountNonce: (Address) -> UInt64) -> [SignedTransaction] {
        guard maxCount > 0 else { return [] }
        var runs: [ArraySlice<SignedTransaction>] = []
        for (address, queue) in accountsInArrivalOrder() {
            let run = queue.executableRun(from: accountNonce(address))
            if !run.isEmpty { runs.append(run) }
        }
        var batch: [SignedTransaction] = []
        batch.reserveCapacity(min(maxCount, count))
        var round = 0
        while batch.count < maxCount {
            var tookAny = false
            for run in runs where round < run.count {
                batch.append(run[run.startIndex + round])
                tookAny = true
                if batch.count == maxCount { break }
            }
            guard tookAny else { break }
            round += 1
        }
        return batch
    }

    /// Drops what a block committed. Each committed transaction used up its sender's nonce, so
    /// every pending transaction of that sender with that nonce or a lower one goes too.
    /// Returns the removed transactions (including the committed ones that were held).
    @discardableResult
    public mutating func remove(committed: [SignedTransaction]) -> [SignedTransaction] {
        var highest: [Address: UInt64] = [:]
        for transaction in committed {
            highest[transaction.sender] = max(highest[transaction.sender] ?? 0, transaction.nonce)
        }
        let held = highest.keys.compactMap { address in queues[address].map { (address, $0) } }
        var removed: [SignedTransaction] = []
        for (address, queue) in held.sorted(by: { $0.1.arrival < $1.1.arrival }) {
            guard let nonce = highest[address] else { continue }
            removed += removeTransactions(of: address, queue: queue, below: nonce == .max ? nil : nonce + 1)
        }
        return removed
    }

    /// Removes one transaction, e.g. one the block producer dropped; the sender's later nonces stay
    /// (they wait for the gap to be filled). Returns it, or nil when it was not held.
    @discardableResult
    public mutating func removeTransaction(_ id: Hash256) -> SignedTransaction? {
        guard let sender = senders.removeValue(forKey: id), var queue = queues[sender] else { return nil }
        let removed = queue.remove(id: id)
        queues[sender] = queue.isEmpty ? nil : queue
        return removed
    }

    /// Evicts transactions whose nonce is below their account's current nonce: they can never
    /// execute. Returns them, oldest account first.
    @discardableResult
    public mutating func prune(accountNonce: (Address) -> UInt64) -> [SignedTransaction] {
        var removed: [SignedTransaction] = []
        for (address, queue) in accountsInArrivalOrder() {
            removed += removeTransactions(of: address, queue: queue, below: accountNonce(address))
        }
        return removed
    }

    /// Removes the account's transactions below `nonce` (all of them when nil).
    private mutating func removeTransactions(
        of address: Address, queue: AccountQueue, below nonce: UInt64?
    ) -> [SignedTransaction] {
        var queue = queue
        let removed: [SignedTransaction]
        if let nonce {
            removed = Array(queue.removeAll(below: nonce))
        } else {
            removed = queue.transactions
            queue = AccountQueue(arrival: queue.arrival)
        }
        guard !removed.isEmpty else { return [] }
        for transaction in removed { senders.removeValue(forKey: transaction.id) }
        queues[address] = queue.isEmpty ? nil : queue
        return removed
    }

    private func accountsInArrivalOrder() -> [(Address, AccountQueue)] {
        queues.map { ($0.key, $0.value) }.sorted { $0.1.arrival < $1.1.arrival }
    }
}
