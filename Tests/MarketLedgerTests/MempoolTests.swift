import DepinTestSupport
import Testing
import MarketCore
@testable import MarketLedger

@Suite("Mempool")
struct MempoolTests {
    static let alice = Fixtures.alice
    static let bob = Fixtures.bob
    static let carol = Fixtures.carol

    /// A pool whose gap limits are as large as the pool itself: these tests exercise the other
    /// rules (`MempoolFloodTests` covers the gap limits, fee sums and fee priority).
    static func pool(capacity: Int = 100, perAccount: Int = 16, window: UInt64 = 16, minimumFee: Amount = .zero) -> Mempool {
        Mempool(capacity: capacity, perAccountCapacity: perAccount, nonceWindow: window, minimumFee: minimumFee,
                gappedPerAccount: perAccount, gappedCapacity: capacity, gapTimeoutBlocks: 1_000_000)
    }

    /// Short labels such as "a0" (alice, nonce 0) for readable batch expectations.
    static func labels(_ transactions: [SignedTransaction]) -> [String] {
        transactions.map { transaction in
            let who = switch transaction.sender {
            case alice.address: "a"
            case bob.address: "b"
            case carol.address: "c"
            default: "?"
            }
            return "\(who)\(transaction.nonce)"
        }
    }

    @Test("accepted transactions are held and counted")
    func accepts() throws {
        var pool = Self.pool()
        let transaction = Fixtures.verified(Self.alice, nonce: 0)
        try pool.insert(transaction, accountNonce: 0)
        #expect(pool.count == 1)
        #expect(pool.accountCount == 1)
        #expect(pool.contains(transaction.id))
        #expect(pool.pending(from: Self.alice.address) == [transaction.signed])
    }

    @Test("the total capacity is enforced and a refusal changes nothing")
    func totalCapacity() throws {
        var pool = Self.pool(capacity: 3)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0), accountNonce: 0)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 1), accountNonce: 0)
        try pool.insert(Fixtures.verified(Self.bob, nonce: 0), accountNonce: 0)
        #expect(throws: LedgerError.mempoolFull) { try pool.insert(Fixtures.verified(Self.carol, nonce: 0), accountNonce: 0) }
        #expect(pool.count == 3)
        #expect(pool.accountCount == 2)
    }

    @Test("one account cannot hold more than its share", arguments: [1, 2, 5])
    func perAccountCapacity(limit: Int) throws {
        var pool = Self.pool(perAccount: limit)
        for nonce in 0..<UInt64(limit) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: nonce), accountNonce: 0)
        }
        #expect(throws: LedgerError.accountMempoolFull) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: UInt64(limit)), accountNonce: 0)
        }
        try pool.insert(Fixtures.verified(Self.bob, nonce: 0), accountNonce: 0)
        #expect(pool.count == limit + 1)
    }

    @Test("the same transaction twice is a duplicate")
    func duplicate() throws {
        var pool = Self.pool()
        let transaction = Fixtures.verified(Self.alice, nonce: 0)
        try pool.insert(transaction, accountNonce: 0)
        #expect(throws: LedgerError.duplicateTransaction) { try pool.insert(transaction, accountNonce: 0) }
        #expect(pool.count == 1)
    }

    @Test("a second transaction for a pending nonce is refused")
    func nonceInUse() throws {
        var pool = Self.pool()
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0, fee: Amount(microUnits: 1_000)), accountNonce: 0)
        #expect(throws: LedgerError.nonceInUse) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: 0, fee: Amount(microUnits: 5_000)), accountNonce: 0)
        }
    }

    @Test("a nonce below the account's next nonce is too low", arguments: [UInt64(0), 4])
    func nonceTooLow(nonce: UInt64) {
        var pool = Self.pool()
        #expect(throws: LedgerError.nonceTooLow) { try pool.insert(Fixtures.verified(Self.alice, nonce: nonce), accountNonce: 5) }
        #expect(pool.isEmpty)
    }

    @Test("nonces up to the window ahead are accepted, beyond it refused", arguments: [UInt64(0), 1, 3, 8])
    func nonceWindow(window: UInt64) throws {
        var pool = Self.pool(window: window)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 10 + window), accountNonce: 10)
        #expect(throws: LedgerError.nonceGap) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: 11 + window), accountNonce: 10)
        }
    }

    @Test("a fee below the minimum is refused")
    func feeTooLow() throws {
        var pool = Self.pool(minimumFee: Amount(microUnits: 1_000))
        #expect(throws: LedgerError.feeTooLow) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: 0, fee: Amount(microUnits: 999)), accountNonce: 0)
        }
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0, fee: Amount(microUnits: 1_000)), accountNonce: 0)
    }

    @Test("transactions arriving out of order are kept in nonce order")
    func nonceOrder() throws {
        var pool = Self.pool()
        for nonce: UInt64 in [3, 0, 2, 1] {
            try pool.insert(Fixtures.verified(Self.alice, nonce: nonce), accountNonce: 0)
        }
        #expect(pool.pending(from: Self.alice.address).map(\.nonce) == [0, 1, 2, 3])
    }

    /// alice 0,1,2,4 (gap at 3), bob 0,1, carol 1 (carol's next nonce is 0), in that arrival order.
    static func scenario() throws -> Mempool {
        var pool = Self.pool()
        for nonce: UInt64 in [0, 1, 2, 4] { try pool.insert(Fixtures.verified(alice, nonce: nonce), accountNonce: 0) }
        for nonce: UInt64 in [1, 0] { try pool.insert(Fixtures.verified(bob, nonce: nonce), accountNonce: 0) }
        try pool.insert(Fixtures.verified(carol, nonce: 1), accountNonce: 0)
        return pool
    }

    @Test("batches take consecutive nonces per account, turn by turn in arrival order")
    func batchOrdering() throws {
        let pool = try Self.scenario()
        let batch = pool.nextBatch(maxCount: 100) { _ in 0 }
        #expect(Self.labels(batch) == ["a0", "b0", "a1", "b1", "a2"])
    }

    @Test("a batch stops at maxCount", arguments: [(0, [String]()), (1, ["a0"]), (3, ["a0", "b0", "a1"])])
    func batchLimit(maxCount: Int, expected: [String]) throws {
        let pool = try Self.scenario()
        #expect(Self.labels(pool.nextBatch(maxCount: maxCount) { _ in 0 }) == expected)
    }

    @Test("a batch starts each account at its current nonce")
    func batchFromAccountNonce() throws {
        let pool = try Self.scenario()
        let nonces: [Address: UInt64] = [Self.alice.address: 2, Self.bob.address: 0, Self.carol.address: 1]
        let batch = pool.nextBatch(maxCount: 100) { nonces[$0] ?? 0 }
        #expect(Self.labels(batch) == ["a2", "b0", "c1", "b1"])
    }

    @Test("the account whose oldest pending transaction arrived first goes first")
    func arrivalOrder() throws {
        var pool = Self.pool()
        try pool.insert(Fixtures.verified(Self.carol, nonce: 0), accountNonce: 0)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0), accountNonce: 0)
        try pool.insert(Fixtures.verified(Self.carol, nonce: 1), accountNonce: 0)
        #expect(Self.labels(pool.nextBatch(maxCount: 10) { _ in 0 }) == ["c0", "a0", "c1"])
    }

    @Test("committed transactions and everything below their nonces leave the pool")
    func removeCommitted() throws {
        var pool = try Self.scenario()
        let batch = pool.nextBatch(maxCount: 3) { _ in 0 }
        let removed = pool.remove(committed: batch)
        #expect(Set(Self.labels(removed)) == ["a0", "b0", "a1"])
        #expect(pool.count == 4)
        let next: [Address: UInt64] = [Self.alice.address: 2, Self.bob.address: 1]
        #expect(Self.labels(pool.nextBatch(maxCount: 100) { next[$0] ?? 0 }) == ["a2", "b1"])

        // Another node's block used alice's nonce 2 with a different transaction.
        let competing = Fixtures.sign(Self.alice, nonce: 2, fee: Amount(microUnits: 7_777))
        #expect(Self.labels(pool.remove(committed: [competing])) == ["a2"])
        #expect(Self.labels(pool.pending(from: Self.alice.address)) == ["a4"])
    }

    @Test("removing one dropped transaction leaves the account's others, which wait for the gap")
    func removeOne() throws {
        var pool = try Self.scenario()
        let dropped = pool.pending(from: Self.alice.address)[1]
        #expect(pool.removeTransaction(dropped.id) == dropped)
        #expect(pool.removeTransaction(dropped.id) == nil)
        #expect(!pool.contains(dropped.id))
        #expect(pool.count == 6)
        #expect(Self.labels(pool.nextBatch(maxCount: 100) { _ in 0 }) == ["a0", "b0", "b1"])
        let bobFirst = pool.pending(from: Self.bob.address)
        for transaction in bobFirst { pool.removeTransaction(transaction.id) }
        #expect(pool.accountCount == 2)
    }

    @Test("an account that empties goes to the back of the line")
    func reentry() throws {
        var pool = Self.pool()
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0), accountNonce: 0)
        try pool.insert(Fixtures.verified(Self.bob, nonce: 0), accountNonce: 0)
        pool.remove(committed: [Fixtures.sign(Self.alice, nonce: 0)])
        try pool.insert(Fixtures.verified(Self.alice, nonce: 1), accountNonce: 1)
        let next: [Address: UInt64] = [Self.alice.address: 1]
        #expect(Self.labels(pool.nextBatch(maxCount: 10) { next[$0] ?? 0 }) == ["b0", "a1"])
    }

    @Test("prune evicts transactions whose nonce was used up, oldest account first")
    func prune() throws {
        var pool = try Self.scenario()
        let nonces: [Address: UInt64] = [Self.alice.address: 3, Self.bob.address: 1, Self.carol.address: 0]
        let removed = pool.prune(height: 0) { nonces[$0] ?? 0 }.stale
        #expect(Self.labels(removed) == ["a0", "a1", "a2", "b0"])
        #expect(pool.count == 3)
        #expect(Self.labels(pool.nextBatch(maxCount: 10) { nonces[$0] ?? 0 }) == ["b1"])
        // Freed room is usable again, and pruned ids can no longer count as duplicates.
        #expect(throws: LedgerError.nonceTooLow) { try pool.insert(Fixtures.verified(Self.alice, nonce: 0), accountNonce: 3) }
    }

    @Test("batches never break an account's nonce sequence, over a long seeded run")
    func seededInvariants() throws {
        let keys = (10...17).map { Fixtures.key(UInt8($0)) }
        var pool = Self.pool(capacity: 40, perAccount: 6, window: 4)
        var accountNonces: [Address: UInt64] = [:]
        var random = SplitMix64(seed: 42)
        for round in 0..<60 {
            for _ in 0..<6 {
                let key = keys[random.int(below: keys.count)]
                let next = accountNonces[key.address] ?? 0
                let nonce = next + random.next(below: 6)
                do {
                    try pool.insert(Fixtures.verified(key, nonce: nonce), accountNonce: next)
                } catch {
                    #expect([.duplicateTransaction, .nonceGap, .nonceInUse, .accountMempoolFull, .mempoolFull].contains(error))
                }
            }
            let batch = pool.nextBatch(maxCount: 5) { accountNonces[$0] ?? 0 }
            var expected = accountNonces
            for transaction in batch {
                #expect(transaction.nonce == expected[transaction.sender] ?? 0, "round \(round)")
                expected[transaction.sender] = transaction.nonce + 1
            }
            accountNonces = expected
            pool.remove(committed: batch)
            _ = pool.prune(height: UInt64(round)) { accountNonces[$0] ?? 0 }
            #expect(pool.count <= 40)
            for key in keys {
                let pending = pool.pending(from: key.address).map(\.nonce)
                #expect(pending == pending.sorted() && Set(pending).count == pending.count)
                #expect(pending.allSatisfy { $0 >= accountNonces[key.address] ?? 0 })
            }
        }
    }
}

extension Mempool {
    /// Admission with a balance that covers every fee, at height 0, for tests of the other rules.
    mutating func insert(_ transaction: VerifiedTransaction, accountNonce: UInt64) throws(LedgerError) {
        try insert(transaction, accountNonce: accountNonce, balance: .tokens(1_000_000), height: 0)
    }
}
