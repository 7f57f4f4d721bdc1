import MarketCore

/// One held transaction and when it was admitted.
struct PendingTransaction: Sendable {
    var signed: SignedTransaction
    /// Mempool-wide admission number: orders equal fees (the newer gives way first).
    var sequence: UInt64
    /// Chain height when it was admitted; a transaction behind a nonce gap expires by it.
    var admittedAt: BlockHeight
    /// Length of its signed encoding.
    var byteCount: Int
}

/// One account's pending transactions, ordered by nonce, at most one per nonce, with the sum of
/// their fees (which admission keeps within the account's balance).
struct AccountQueue: Sendable {
    /// Arrival number of the account's oldest pending transaction; orders accounts in batches.
    let arrival: UInt64
    private(set) var entries: [PendingTransaction] = []
    /// Sum of the held transactions' fees.
    private(set) var pendingFees = Amount.zero
    /// Sum of the held transactions' encoded sizes.
    private(set) var bytes = 0

    init(arrival: UInt64) {
        self.arrival = arrival
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    var transactions: [SignedTransaction] { entries.map(\.signed) }
    /// The highest-nonce transaction: the one that can leave without opening a gap.
    var tail: PendingTransaction? { entries.last }

    /// Index of the first transaction whose nonce is at least `nonce`.
    func firstIndex(atLeast nonce: UInt64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].signed.nonce < nonce { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func contains(nonce: UInt64) -> Bool {
        let index = firstIndex(atLeast: nonce)
        return index < entries.count && entries[index].signed.nonce == nonce
    }

    /// Inserts in nonce order. The caller checked the nonce is free and the fee sum fits.
    mutating func insert(_ entry: PendingTransaction) {
        let index = firstIndex(atLeast: entry.signed.nonce)
        precondition(index == entries.count || entries[index].signed.nonce != entry.signed.nonce, "nonce already queued")
        entries.insert(entry, at: index)
        pendingFees = Amount(microUnits: pendingFees.microUnits + entry.signed.fee.microUnits)
        bytes += entry.byteCount
    }

    /// Removes the transaction with this id, if held.
    mutating func remove(id: Hash256) -> SignedTransaction? {
        guard let index = entries.firstIndex(where: { $0.signed.id == id }) else { return nil }
        return take(at: index).signed
    }

    /// Removes every transaction with a nonce below `nonce` and returns them in nonce order.
    mutating func removeAll(below nonce: UInt64) -> [SignedTransaction] {
        let end = firstIndex(atLeast: nonce)
        let removed = entries[..<end]
        for entry in removed {
            pendingFees = Amount(microUnits: pendingFees.microUnits - entry.signed.fee.microUnits)
            bytes -= entry.byteCount
        }
        let transactions = removed.map(\.signed)
        entries.removeFirst(end)
        return transactions
    }

    /// Removes the transactions behind a gap (after the run from `nonce`) admitted at or before
    /// `height`, and returns them in nonce order.
    mutating func removeGapped(from nonce: UInt64, admittedAtOrBefore height: BlockHeight) -> [SignedTransaction] {
        let runEnd = executableRange(from: nonce).upperBound
        var removed: [SignedTransaction] = []
        var index = entries.count - 1
        while index >= runEnd {
            if entries[index].admittedAt <= height { removed.append(take(at: index).signed) }
            index -= 1
        }
        return removed.reversed()
    }

    /// How many transactions wait behind a gap, given the account's next nonce.
    func gappedCount(from nonce: UInt64) -> Int {
        count - executableRange(from: nonce).upperBound
    }

    /// Positions of the run of consecutive nonces starting exactly at `nonce`.
    func executableRange(from nonce: UInt64) -> Range<Int> {
        let start = firstIndex(atLeast: nonce)
        var end = start
        var expected = nonce
        while end < entries.count, entries[end].signed.nonce == expected {
            end += 1
            if expected == UInt64.max { break }
            expected += 1
        }
        return start..<end
    }

    /// The run of consecutive nonces starting exactly at `nonce`.
    func executableRun(from nonce: UInt64) -> ArraySlice<PendingTransaction> {
        entries[executableRange(from: nonce)]
    }

    private mutating func take(at index: Int) -> PendingTransaction {
        let entry = entries.remove(at: index)
        pendingFees = Amount(microUnits: pendingFees.microUnits - entry.signed.fee.microUnits)
        bytes -= entry.byteCount
        return entry
    }
}
