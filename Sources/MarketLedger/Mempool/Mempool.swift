import MarketCore

/// Pending verified transactions waiting for a block, bounded in total and per account, and
/// priced so that a flood costs its sender.
///
/// A value type with deterministic behaviour: the same sequence of calls gives the same batches on
/// every machine (no iteration order from hashing reaches a result). Owned by one actor in the node.
///
/// Admission rules, checked in this order, each with its own error:
/// `duplicate-transaction`, `fee-too-low`, `nonce-too-low`, `nonce-gap` (more than `nonceWindow`
/// ahead of the account's next nonce), `nonce-in-use` (no replacement), `account-mempool-full`,
/// `insufficient-funds` (the account's pending fees, this one included, would exceed its balance),
/// then for a transaction behind a nonce gap `too-many-gapped` (the account already holds
/// `gappedPerAccount` such) or `mempool-full` (the pool holds `gappedCapacity` or more: the rest is
/// kept for transactions that can execute), and finally `mempool-full` when the pool is at
/// `capacity` or `maxBytes` and the newcomer cannot displace enough.
///
/// Fee priority: when the pool is full (by count or bytes), an executable newcomer displaces held
/// transactions with the lowest fees among every other account's highest nonce (taking an
/// account's last transaction never opens a gap), the newest first among equal fees, each with a
/// fee strictly below its own, as many as it needs to fit; if that is not enough, nothing moves. Transactions behind a gap expire `gapTimeoutBlocks` after admission
/// (`prune`).
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
    /// Most transactions one account may hold behind a missing nonce.
    public let gappedPerAccount: Int
    /// A transaction behind a gap is admitted only while fewer than this many are held in all;
    /// the capacity above it is kept for executable transactions.
    public let gappedCapacity: Int
    /// Blocks a transaction behind a gap may wait before `prune` evicts it.
    public let gapTimeoutBlocks: UInt64
    /// Most bytes of signed transactions held at once.
    public let maxBytes: Int

    private var queues: [Address: AccountQueue] = [:]
    /// Every held transaction's id and sender.
    private var senders: [Hash256: Address] = [:]
    /// Each account's highest-nonce transaction, cheapest first: who gives way when the pool is full.
    private var tails = SortedSet<Tail>()
    private var nextArrival: UInt64 = 0
    private var nextSequence: UInt64 = 0
    /// Bytes of signed transactions held.
    public private(set) var bytes = 0

    /// Orders the candidates for displacement: lowest fee first, then the newest.
    private struct Tail: Comparable, Sendable {
        var fee: Amount
        var newestFirst: UInt64
        var sender: Address
        /// Not part of the order: what displacing it frees.
        var byteCount: Int

        init(_ entry: PendingTransaction) {
            fee = entry.signed.fee
            newestFirst = UInt64.max - entry.sequence
            sender = entry.signed.sender
            byteCount = entry.byteCount
        }

        static func < (lhs: Tail, rhs: Tail) -> Bool {
            (lhs.fee, lhs.newestFirst, lhs.sender) < (rhs.fee, rhs.newestFirst, rhs.sender)
        }
    }

    /// Creates an empty mempool. Limits must be positive (programmer error otherwise).
    public init(
        capacity: Int, perAccountCapacity: Int, nonceWindow: UInt64, minimumFee: Amount = .zero,
        gappedPerAccount: Int = 16, gappedCapacity: Int? = nil, gapTimeoutBlocks: UInt64 = 20,
        maxBytes: Int = 256 << 20
    ) {
        precondition(capacity > 0, "mempool capacity must be positive")
        precondition(perAccountCapacity > 0, "per-account capacity must be positive")
        precondition(gappedPerAccount >= 0 && gapTimeoutBlocks > 0, "gap limits must be positive")
        self.capacity = capacity
        self.perAccountCapacity = perAccountCapacity
        self.nonceWindow = nonceWindow
        self.minimumFee = minimumFee
        self.gappedPerAccount = gappedPerAccount
        self.gappedCapacity = min(capacity, gappedCapacity ?? capacity / 10)
        self.gapTimeoutBlocks = gapTimeoutBlocks
        precondition(maxBytes > 0, "mempool byte capacity must be positive")
        self.maxBytes = maxBytes
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

    /// The sum of the account's pending fees.
    public func pendingFees(of sender: Address) -> Amount {
        queues[sender]?.pendingFees ?? .zero
    }

    /// Admits `transaction` given its sender's next nonce and balance and the chain height, or
    /// throws why not; on a throw nothing changes. Returns the transactions it displaced, if the
    /// pool was full and the newcomer paid more.
    @discardableResult
    public mutating func insert(
        _ transaction: VerifiedTransaction, accountNonce: UInt64, balance: Amount, height: BlockHeight
    ) throws(LedgerError) -> [SignedTransaction] {
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
        let fees = existing?.pendingFees ?? .zero
        guard let total = try? fees.adding(signed.fee), total <= balance else { throw .insufficientFunds }
        let runEnd = existing.map { accountNonce + UInt64($0.executableRange(from: accountNonce).count) } ?? accountNonce
        let executable = signed.nonce == runEnd
        if !executable {
            guard (existing?.gappedCount(from: accountNonce) ?? 0) < gappedPerAccount else { throw .tooManyGapped }
            guard senders.count < gappedCapacity else { throw .mempoolFull }
        }
        let size = signed.signedBytes.count
        guard size <= maxBytes else { throw .mempoolFull }
        var displaced: [SignedTransaction] = []
        if senders.count >= capacity || bytes + size > maxBytes {
            guard executable, let victims = victims(for: signed, size: size) else { throw .mempoolFull }
            for victim in victims {
                if let removed = removeTail(of: victim.sender) { displaced.append(removed) }
            }
        }

        var queue = existing ?? AccountQueue(arrival: nextArrival)
        if existing == nil { nextArrival += 1 }
        let oldTail = queue.tail
        queue.insert(PendingTransaction(signed: signed, sequence: nextSequence, admittedAt: height, byteCount: size))
        nextSequence += 1
        store(queue, for: signed.sender, oldTail: oldTail)
        senders[signed.id] = signed.sender
        return displaced
    }

    /// The cheapest tails of other accounts, each with a fee strictly below the newcomer's, that
    /// free enough room (one per account); nil when even all of them would not.
    private func victims(for newcomer: SignedTransaction, size: Int) -> [Tail]? {
        var chosen: [Tail] = []
        var count = senders.count
        var held = bytes
        var fits = false
        tails.forEach(from: nil) { tail in
            guard tail.fee < newcomer.fee else { return false }
            guard tail.sender != newcomer.sender else { return true }
            chosen.append(tail)
            count -= 1
            held -= tail.byteCount
            fits = count < capacity && held + size <= maxBytes
            return !fits
        }
        return fits ? chosen : nil
    }

    /// Up to `maxCount` transactions of at most `maxBytes` in all that can execute in order now:
    /// for each account only the consecutive nonces starting at its current nonce (a gap ends its
    /// run). Accounts take turns, one transaction per turn, in the order their oldest pending
    /// transaction arrived; an account whose next transaction no longer fits is done for the batch.
    public func nextBatch(maxCount: Int, maxBytes: Int = .max, accountNonce: (Address) -> UInt64) -> [SignedTransaction] {
        guard maxCount > 0 else { return [] }
        var runs: [ArraySlice<PendingTransaction>] = []
        for (address, queue) in accountsInArrivalOrder() {
            let run = queue.executableRun(from: accountNonce(address))
            if !run.isEmpty { runs.append(run) }
        }
        var batch: [SignedTransaction] = []
        batch.reserveCapacity(min(maxCount, count))
        var done = [Bool](repeating: false, count: runs.count)
        var bytesLeft = maxBytes
        var round = 0
        while batch.count < maxCount {
            var tookAny = false
            for (index, run) in runs.enumerated() where round < run.count && !done[index] {
                let entry = run[run.startIndex + round]
                guard entry.byteCount <= bytesLeft else {
                    done[index] = true
                    continue
                }
                batch.append(entry.signed)
                bytesLeft -= entry.byteCount
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
        let oldTail = queue.tail
        let removed = queue.remove(id: id)
        store(queue, for: sender, oldTail: oldTail)
        return removed
    }

    /// Evicts transactions that can never execute (their nonce is below the account's current
    /// nonce) and those that waited behind a nonce gap for `gapTimeoutBlocks` by `height`.
    /// Returns both, oldest account first.
    public mutating func prune(
        height: BlockHeight, accountNonce: (Address) -> UInt64
    ) -> (stale: [SignedTransaction], expired: [SignedTransaction]) {
        var stale: [SignedTransaction] = []
        var expired: [SignedTransaction] = []
        let admittedBy = height >= gapTimeoutBlocks ? height - gapTimeoutBlocks : nil
        for (address, queue) in accountsInArrivalOrder() {
            let nonce = accountNonce(address)
            stale += removeTransactions(of: address, queue: queue, below: nonce)
            guard let admittedBy, var queue = queues[address], queue.gappedCount(from: nonce) > 0 else { continue }
            let oldTail = queue.tail
            let removed = queue.removeGapped(from: nonce, admittedAtOrBefore: admittedBy)
            guard !removed.isEmpty else { continue }
            for transaction in removed { senders.removeValue(forKey: transaction.id) }
            store(queue, for: address, oldTail: oldTail)
            expired += removed
        }
        return (stale, expired)
    }

    /// Removes the account's transactions below `nonce` (all of them when nil).
    private mutating func removeTransactions(
        of address: Address, queue: AccountQueue, below nonce: UInt64?
    ) -> [SignedTransaction] {
        var queue = queue
        let oldTail = queue.tail
        let removed: [SignedTransaction]
        if let nonce {
            removed = queue.removeAll(below: nonce)
        } else {
            removed = queue.transactions
            queue = AccountQueue(arrival: queue.arrival)
        }
        guard !removed.isEmpty else { return [] }
        for transaction in removed { senders.removeValue(forKey: transaction.id) }
        store(queue, for: address, oldTail: oldTail)
        return removed
    }

    /// Writes an account's queue back (dropping an empty one) and keeps its tail entry in step.
    private mutating func store(_ queue: AccountQueue, for address: Address, oldTail: PendingTransaction?) {
        bytes += queue.bytes - (queues[address]?.bytes ?? 0)
        let newTail = queue.tail
        if oldTail?.sequence != newTail?.sequence {
            if let oldTail { tails.remove(Tail(oldTail)) }
            if let newTail { tails.insert(Tail(newTail)) }
        }
        queues[address] = queue.isEmpty ? nil : queue
    }

    /// The lowest-fee tail of an account other than `sender`.
    private func cheapestTail(excluding sender: Address) -> Tail? {
        var found: Tail?
        tails.forEach(from: nil) { tail in
            guard tail.sender != sender else { return true }
            found = tail
            return false
        }
        return found
    }

    /// Removes and returns the account's highest-nonce transaction.
    private mutating func removeTail(of address: Address) -> SignedTransaction? {
        guard let tail = queues[address]?.tail else { return nil }
        return removeTransaction(tail.signed.id)
    }

    private func accountsInArrivalOrder() -> [(Address, AccountQueue)] {
        queues.map { ($0.key, $0.value) }.sorted { $0.1.arrival < $1.1.arrival }
    }
}
