import Testing
import MarketCore
@testable import MarketLedger

/// The mempool rules that make a flood cost its sender or be refused at the door.
@Suite("Mempool under floods")
struct MempoolFloodTests {
    static let alice = Fixtures.alice
    static let bob = Fixtures.bob
    static let carol = Fixtures.carol
    static let fee = Amount(microUnits: 1_000)

    static func pool(capacity: Int = 100, gappedPerAccount: Int = 4, gappedCapacity: Int? = nil) -> Mempool {
        Mempool(capacity: capacity, perAccountCapacity: 64, nonceWindow: 1_024, minimumFee: fee,
                gappedPerAccount: gappedPerAccount, gappedCapacity: gappedCapacity, gapTimeoutBlocks: 20)
    }

    @Test("an account's pending fees never exceed its balance")
    func pendingFeesWithinBalance() throws {
        var pool = Self.pool()
        let balance = Amount(microUnits: 2_500)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0), accountNonce: 0, balance: balance, height: 1)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 1), accountNonce: 0, balance: balance, height: 1)
        #expect(pool.pendingFees(of: Self.alice.address) == Amount(microUnits: 2_000))
        #expect(throws: LedgerError.insufficientFunds) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: 2), accountNonce: 0, balance: balance, height: 1)
        }
        #expect(pool.count == 2)
        // Once the first commits, its fee no longer counts against what remains.
        pool.remove(committed: [Fixtures.verified(Self.alice, nonce: 0).signed])
        try pool.insert(Fixtures.verified(Self.alice, nonce: 2), accountNonce: 1, balance: Amount(microUnits: 2_000), height: 2)
        #expect(pool.pendingFees(of: Self.alice.address) == Amount(microUnits: 2_000))
    }

    @Test("the gap flood: an account holds only a few transactions behind a missing nonce")
    func gappedPerAccountCap() throws {
        var pool = Self.pool(gappedPerAccount: 4)
        let balance = Amount.tokens(1_000)
        for nonce in UInt64(1)...4 {
            try pool.insert(Fixtures.verified(Self.alice, nonce: nonce), accountNonce: 0, balance: balance, height: 1)
        }
        for nonce in UInt64(5)...40 {
            #expect(throws: LedgerError.tooManyGapped) {
                try pool.insert(Fixtures.verified(Self.alice, nonce: nonce), accountNonce: 0, balance: balance, height: 1)
            }
        }
        #expect(pool.count == 4)
        // The missing nonce is always welcome, and then the others are executable.
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0), accountNonce: 0, balance: balance, height: 1)
        #expect(pool.nextBatch(maxCount: 10) { _ in 0 }.map(\.nonce) == [0, 1, 2, 3, 4])
        try pool.insert(Fixtures.verified(Self.alice, nonce: 5), accountNonce: 0, balance: balance, height: 1)
    }

    @Test("transactions behind a gap may fill only part of the pool; the rest is kept for executable ones")
    func capacityKeptForExecutable() throws {
        var pool = Self.pool(capacity: 20, gappedPerAccount: 64, gappedCapacity: 5)
        let balance = Amount.tokens(1_000)
        for nonce in UInt64(1)...5 {
            try pool.insert(Fixtures.verified(Self.alice, nonce: nonce), accountNonce: 0, balance: balance, height: 1)
        }
        #expect(throws: LedgerError.mempoolFull) {
            try pool.insert(Fixtures.verified(Self.bob, nonce: 3), accountNonce: 0, balance: balance, height: 1)
        }
        for nonce in UInt64(0)..<15 {
            try pool.insert(Fixtures.verified(Self.bob, nonce: nonce), accountNonce: 0, balance: balance, height: 1)
        }
        #expect(pool.count == 20)
    }

    @Test("when full, a higher fee displaces the cheapest account tail, newest first among equals; equal fees wait")
    func feePriority() throws {
        var pool = Self.pool(capacity: 4, gappedPerAccount: 4, gappedCapacity: 4)
        let balance = Amount.tokens(1_000)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0, fee: Amount(microUnits: 1_000)), accountNonce: 0, balance: balance, height: 1)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 1, fee: Amount(microUnits: 1_000)), accountNonce: 0, balance: balance, height: 1)
        try pool.insert(Fixtures.verified(Self.bob, nonce: 0, fee: Amount(microUnits: 1_000)), accountNonce: 0, balance: balance, height: 1)
        try pool.insert(Fixtures.verified(Self.bob, nonce: 1, fee: Amount(microUnits: 3_000)), accountNonce: 0, balance: balance, height: 1)
        // Equal to the cheapest: refused, nothing changes.
        #expect(throws: LedgerError.mempoolFull) {
            try pool.insert(Fixtures.verified(Self.carol, nonce: 0, fee: Amount(microUnits: 1_000)), accountNonce: 0, balance: balance, height: 1)
        }
        // Higher: alice's last transaction (the cheapest tail) gives way; no gap opens.
        let displaced = try pool.insert(
            Fixtures.verified(Self.carol, nonce: 0, fee: Amount(microUnits: 2_000)), accountNonce: 0, balance: balance, height: 1)
        #expect(displaced.map(\.sender) == [Self.alice.address])
        #expect(displaced.map(\.nonce) == [1])
        #expect(pool.count == 4)
        #expect(pool.pendingFees(of: Self.alice.address) == Amount(microUnits: 1_000))
        // Alice's nonce 0 (1,000) is now the cheapest tail of another account: it goes next.
        let second = try pool.insert(
            Fixtures.verified(Self.carol, nonce: 1, fee: Amount(microUnits: 5_000)), accountNonce: 0, balance: balance, height: 1)
        #expect(second.map(\.sender) == [Self.alice.address])
        #expect(pool.pending(from: Self.alice.address).isEmpty)
        // A newcomer behind a gap never displaces anyone.
        #expect(throws: LedgerError.mempoolFull) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: 7, fee: .tokens(1)), accountNonce: 0, balance: balance, height: 1)
        }
    }

    @Test("an account never displaces its own transactions, however cheap")
    func noSelfDisplacement() throws {
        var pool = Self.pool(capacity: 2, gappedPerAccount: 2, gappedCapacity: 2)
        let balance = Amount.tokens(1_000)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0, fee: Amount(microUnits: 1_000)), accountNonce: 0, balance: balance, height: 1)
        try pool.insert(Fixtures.verified(Self.bob, nonce: 0, fee: Amount(microUnits: 5_000)), accountNonce: 0, balance: balance, height: 1)
        #expect(throws: LedgerError.mempoolFull) {
            try pool.insert(Fixtures.verified(Self.alice, nonce: 1, fee: Amount(microUnits: 2_000)), accountNonce: 0, balance: balance, height: 1)
        }
        #expect(pool.pending(from: Self.alice.address).map(\.nonce) == [0])
        #expect(pool.pending(from: Self.bob.address).map(\.nonce) == [0])
    }

    @Test("transactions behind a gap expire after the gap timeout; executable ones stay")
    func gapExpiry() throws {
        var pool = Self.pool(gappedPerAccount: 8)
        let balance = Amount.tokens(1_000)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 0), accountNonce: 0, balance: balance, height: 10)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 2), accountNonce: 0, balance: balance, height: 10)
        try pool.insert(Fixtures.verified(Self.alice, nonce: 3), accountNonce: 0, balance: balance, height: 15)
        var pruned = pool.prune(height: 29) { _ in 0 }
        #expect(pruned.stale.isEmpty && pruned.expired.isEmpty)
        pruned = pool.prune(height: 30) { _ in 0 }
        #expect(pruned.expired.map(\.nonce) == [2])
        #expect(pool.pending(from: Self.alice.address).map(\.nonce) == [0, 3])
        pruned = pool.prune(height: 35) { _ in 0 }
        #expect(pruned.expired.map(\.nonce) == [3])
        #expect(pool.pending(from: Self.alice.address).map(\.nonce) == [0])
        #expect(pool.pendingFees(of: Self.alice.address) == Self.fee)
    }

    @Test("the 0.2-token flood: a hundred barely funded accounts with gapped nonces hold at most one transaction each")
    func barelyFundedFlood() throws {
        var pool = Mempool(capacity: 100_000, perAccountCapacity: 1_024, nonceWindow: 1_024, minimumFee: Self.fee)
        var refused = 0
        for index in 0..<100 {
            let key = Fixtures.key(UInt8(0x40 + index))
            for nonce in UInt64(1)...16 {
                do {
                    try pool.insert(Fixtures.verified(key, nonce: nonce), accountNonce: 0, balance: Self.fee, height: 1)
                } catch {
                    #expect(error == .insufficientFunds)
                    refused += 1
                }
            }
        }
        #expect(pool.count == 100)
        #expect(refused == 100 * 15)
        // They all wait behind gaps, so they expire and never clog the pool.
        let pruned = pool.prune(height: 21) { _ in 0 }
        #expect(pruned.expired.count == 100)
        #expect(pool.isEmpty)
    }

    /// A vote with 64 segments of evidence: the largest body a transaction can carry (~4.4 KB).
    static func largest(_ key: SigningKey, nonce: UInt64, fee: Amount = fee) -> VerifiedTransaction {
        let evidence = (0..<64).map { SegmentEvidence(segment: UInt32($0), startHash: Fixtures.hash("s\($0)"), endHash: Fixtures.hash("e\($0)")) }
        return Fixtures.verified(key, nonce: nonce, fee: fee, body: .verifyProof(JobID(1), assignment: 0, approve: true, evidence: evidence))
    }

    @Test("the max-size flood: the pool's bytes are bounded, and a higher fee still gets in")
    func byteBound() throws {
        let size = Self.largest(Self.alice, nonce: 0).signed.signedBytes.count
        #expect(size > 4_000)
        var pool = Mempool(capacity: 1_000, perAccountCapacity: 1_000, nonceWindow: 1_024, minimumFee: Self.fee,
                           maxBytes: size * 10)
        let balance = Amount.tokens(1_000)
        for nonce in UInt64(0)..<10 {
            try pool.insert(Self.largest(Self.alice, nonce: nonce), accountNonce: 0, balance: balance, height: 1)
        }
        #expect(pool.bytes == size * 10)
        #expect(throws: LedgerError.mempoolFull) {
            try pool.insert(Self.largest(Self.alice, nonce: 10), accountNonce: 0, balance: balance, height: 1)
        }
        // A small transaction does not fit either at the same fee...
        #expect(throws: LedgerError.mempoolFull) {
            try pool.insert(Fixtures.verified(Self.bob, nonce: 0), accountNonce: 0, balance: balance, height: 1)
        }
        // ...but a higher fee displaces the attacker's last, largest transaction.
        let displaced = try pool.insert(
            Fixtures.verified(Self.bob, nonce: 0, fee: Amount(microUnits: 2_000)), accountNonce: 0, balance: balance, height: 1)
        #expect(displaced.map(\.nonce) == [9])
        #expect(pool.bytes <= size * 10)
        // Blocks take what fits their byte budget, whole accounts' runs in order.
        let batch = pool.nextBatch(maxCount: 100, maxBytes: size * 3) { _ in 0 }
        #expect(batch.map(\.sender) == [Self.alice.address, Self.bob.address, Self.alice.address])
        #expect(batch.map(\.nonce) == [0, 0, 1])
    }
}
