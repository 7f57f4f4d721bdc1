import MarketCore

/// One account's pending transactions, ordered by nonce, at most one per nonce.
struct AccountQueue: Sendable {
    /// Arrival number of the account's oldest pending transaction; orders accounts in batches.
    let arrival: UInt64
    private(set) var transactions: [SignedTransaction] = []

    init(arrival: UInt64) {
        self.arrival = arrival
    }

    var count: Int { transactions.count }
    var isEmpty: Bool { transactions.isEmpty }

    /// Index of the first transaction whose nonce is at least `nonce`.
    func firstIndex(atLeast nonce: UInt64) -> Int {
        var low = 0
        var high = transactions.count
        while low < high {
            let middle = (low + high) / 2
            if transactions[middle].nonce < nonce { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func contains(nonce: UInt64) -> Bool {
        let index = firstIndex(atLeast: nonce)
        return index < transactions.count && transactions[index].nonce == nonce
    }

    mutating func insert(_ transaction: SignedTransaction) {
        let index = firstIndex(atLeast: transaction.nonce)
        precondition(index == transactions.count || transactions[index].nonce != transaction.nonce, "nonce already queued")
        transactions.insert(transaction, at: index)
    }

    /// Removes the transaction with this id, if held.
    mutating func remove(id: Hash256) -> SignedTransaction? {
        guard let index = transactions.firstIndex(where: { $0.id == id }) else { return nil }
        return transactions.remove(at: index)
    }

    /// Removes every transaction with a nonce below `nonce` and returns them in nonce order.
    mutating func removeAll(below nonce: UInt64) -> ArraySlice<SignedTransaction> {
        let end = firstIndex(atLeast: nonce)
        let removed = transactions[..<end]
        transactions.removeFirst(end)
        return removed
    }

    /// The run of consecutive nonces starting exactly at `nonce`.
    func executableRun(from nonce: UInt64) -> ArraySlice<SignedTransaction> {
        let start = firstIndex(atLeast: nonce)
        var end = start
        var expected = nonce
        while end < transactions.count, transactions[end].nonce == expected {
            end += 1
            if expected == UInt64.max { break }
            expected += 1
        }
        return transactions[start..<end]
    }
}
