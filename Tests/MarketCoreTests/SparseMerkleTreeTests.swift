import DepinTestSupport
import Testing
@testable import MarketCore

/// A (key, valueHash) pair.
private struct Entry {
    var key: Hash256
    var value: Hash256
}

/// Straight from the definition: recursive over leaves sorted by key.
private enum Reference {
    static func leafHash(_ entry: Entry) -> Hash256 {
        Hash256.sha256([0x00] + entry.key.bytes + entry.value.bytes)
    }

    static func root(_ entries: [Entry]) -> Hash256 {
        subtree(entries.sorted { $0.key < $1.key }[...], depth: 0)
    }

    private static func subtree(_ entries: ArraySlice<Entry>, depth: Int) -> Hash256 {
        if entries.isEmpty { return .zero }
        if entries.count == 1, let only = entries.first { return leafHash(only) }
        // Sorted by key, so all entries with bit `depth` clear come first.
        let pivot = entries.firstIndex { $0.key.bit(depth) } ?? entries.endIndex
        let left = subtree(entries[entries.startIndex..<pivot], depth: depth + 1)
        let right = subtree(entries[pivot..<entries.endIndex], depth: depth + 1)
        return Hash256.combine(left, right, tag: 0x01)
    }
}

private func randomEntries(_ count: Int, seed: UInt64) -> [Entry] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Entry(key: rng.hash(), value: rng.hash()) }
}

private func makeTree(_ entries: [Entry]) -> SparseMerkleTree {
    var tree = SparseMerkleTree()
    for entry in entries { tree.set(entry.key, to: entry.value) }
    return tree
}

/// `base` with only bit `index` flipped.
private func flipping(_ base: Hash256, bit index: Int) -> Hash256 {
    var words = [base.w0, base.w1, base.w2, base.w3]
    words[index / 64] ^= UInt64(1) << UInt64(63 - index % 64)
    return Hash256(w0: words[0], w1: words[1], w2: words[2], w3: words[3])
}

@Suite("Sparse Merkle tree")
struct SparseMerkleTreeTests {
    @Test("The empty tree has root zero, no leaves and no values")
    func emptyTree() {
        var tree = SparseMerkleTree()
        #expect(tree.root() == .zero)
        #expect(tree.count == 0)
        #expect(tree.value(for: Hash256(w0: 1, w1: 2, w2: 3, w3: 4)) == nil)
    }

    @Test("A single leaf's root is its leaf hash", arguments: [UInt64(1), 2, 3, 0xDEAD_BEEF])
    func singleLeaf(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let entry = Entry(key: rng.hash(), value: rng.hash())
        var tree = makeTree([entry])
        let expected = Hash256.sha256([0x00] + entry.key.bytes + entry.value.bytes)
        #expect(tree.root() == expected)
        #expect(tree.count == 1)
        #expect(tree.value(for: entry.key) == entry.value)
    }

    @Test("Two leaves hash as one inner node over their leaf hashes, however deep they split")
    func twoLeaves() {
        let low = Entry(key: Hash256(w0: 0, w1: 0, w2: 0, w3: 7), value: Hash256(w0: 1, w1: 0, w2: 0, w3: 0))
        let high = Entry(key: Hash256(w0: 1 << 63, w1: 0, w2: 0, w3: 0), value: Hash256(w0: 2, w1: 0, w2: 0, w3: 0))
        var tree = makeTree([high, low])
        #expect(tree.root() == Hash256.combine(Reference.leafHash(low), Reference.leafHash(high), tag: 0x01))
    }

    @Test("The root does not depend on insertion order or on removed extra keys", arguments: [UInt64(11), 12])
    func orderIndependence(seed: UInt64) {
        let entries = randomEntries(500, seed: seed)
        let extras = randomEntries(200, seed: seed &+ 1000)
        var rng = SplitMix64(seed: seed &+ 2000)

        var plain = makeTree(entries.shuffled(using: &rng))

        var interleaved = SparseMerkleTree()
        var pendingExtras = extras.shuffled(using: &rng)
        var inserted: [Entry] = []
        for entry in entries.shuffled(using: &rng) {
            interleaved.set(entry.key, to: entry.value)
            if let extra = pendingExtras.popLast() {
                interleaved.set(extra.key, to: extra.value)
                inserted.append(extra)
            }
            if rng.int(below: 3) == 0, let victim = inserted.popLast() {
                interleaved.set(victim.key, to: nil)
            }
        }
        for extra in inserted { interleaved.set(extra.key, to: nil) }

        var withRootCalls = SparseMerkleTree()
        for (index, entry) in entries.shuffled(using: &rng).enumerated() {
            withRootCalls.set(entry.key, to: entry.value)
            if index % 37 == 0 { _ = withRootCalls.root() }
        }

        let expected = Reference.root(entries)
        #expect(plain.root() == expected)
        #expect(interleaved.root() == expected)
        #expect(withRootCalls.root() == expected)
        #expect(interleaved.count == entries.count)
    }

    @Test("Removing leaves gives the root of a tree built fresh from the rest", arguments: [0, 1, 250, 499, 500])
    func removals(removedCount: Int) {
        let entries = randomEntries(500, seed: 21)
        var tree = makeTree(entries)
        _ = tree.root()
        var rng = SplitMix64(seed: 22)
        let order = entries.shuffled(using: &rng)
        for entry in order.prefix(removedCount) { tree.set(entry.key, to: nil) }
        let remaining = Array(order.dropFirst(removedCount))
        var fresh = makeTree(remaining)
        #expect(tree.root() == fresh.root())
        #expect(tree.root() == Reference.root(remaining))
        #expect(tree.count == remaining.count)
        for entry in order.prefix(removedCount) { #expect(tree.value(for: entry.key) == nil) }
        for entry in remaining { #expect(tree.value(for: entry.key) == entry.value) }
    }

    @Test("Removing an absent key or re-setting the same value leaves the root alone")
    func noOps() {
        let entries = randomEntries(50, seed: 31)
        var tree = makeTree(entries)
        let before = tree.root()
        var rng = SplitMix64(seed: 32)
        tree.set(rng.hash(), to: nil)
        tree.set(entries[7].key, to: entries[7].value)
        #expect(tree.root() == before)
        #expect(tree.count == 50)
    }

    @Test("Updating a value changes the root, reverting restores it")
    func updateAndRevert() {
        let entries = randomEntries(300, seed: 41)
        var tree = makeTree(entries)
        let original = tree.root()
        var rng = SplitMix64(seed: 42)
        for index in [0, 17, 299] {
            let newValue = rng.hash()
            tree.set(entries[index].key, to: newValue)
            let changed = tree.root()
            #expect(changed != original)
            var modified = entries
            modified[index].value = newValue
            #expect(changed == Reference.root(modified))
            #expect(tree.value(for: entries[index].key) == newValue)
            tree.set(entries[index].key, to: entries[index].value)
            #expect(tree.root() == original)
        }
    }

    @Test("Keys differing in a single bit", arguments: [0, 1, 63, 64, 127, 128, 200, 254, 255])
    func singleBitDifference(bit: Int) {
        var rng = SplitMix64(seed: UInt64(bit) &+ 51)
        let base = rng.hash()
        let twin = flipping(base, bit: bit)
        var entries = [Entry(key: base, value: rng.hash()), Entry(key: twin, value: rng.hash())]
        // A third key splitting higher up, and a fourth sharing the pair's long prefix below the split.
        if bit > 0 { entries.append(Entry(key: flipping(base, bit: bit - 1), value: rng.hash())) }
        if bit > 1 { entries.append(Entry(key: flipping(base, bit: 0), value: rng.hash())) }
        var tree = makeTree(entries)
        #expect(tree.root() == Reference.root(entries))
        for entry in entries { #expect(tree.value(for: entry.key) == entry.value) }
        for entry in entries {
            let proof = tree.proof(for: entry.key)
            #expect(proof.verify(root: tree.root(), key: entry.key, valueHash: entry.value))
        }
        // Remove them one by one, checking against the reference each time.
        var remaining = entries
        while let last = remaining.popLast() {
            tree.set(last.key, to: nil)
            #expect(tree.root() == Reference.root(remaining))
        }
        #expect(tree.root() == .zero)
    }

    @Test("Keys differing only in the last bits, inserted in both orders")
    func lastBitKeys() {
        let base = Hash256(w0: 0xAAAA, w1: 0xBBBB, w2: 0xCCCC, w3: 0xDDDD_0000)
        let entries = (0..<8).map { index in
            Entry(
                key: Hash256(w0: base.w0, w1: base.w1, w2: base.w2, w3: base.w3 | UInt64(index)),
                value: Hash256(w0: UInt64(index), w1: 0, w2: 0, w3: 1)
            )
        }
        var forward = makeTree(entries)
        var backward = makeTree(entries.reversed())
        #expect(forward.root() == Reference.root(entries))
        #expect(backward.root() == forward.root())
        let absent = Hash256(w0: base.w0, w1: base.w1, w2: base.w2, w3: base.w3 | 8)
        #expect(forward.proof(for: absent).verify(root: forward.root(), key: absent, valueHash: nil))
    }

    @Test("The tree agrees with the reference implementation", arguments: [0, 1, 2, 3, 17, 1000])
    func matchesReference(size: Int) {
        for seed in UInt64(60)..<63 {
            let entries = randomEntries(size, seed: seed &* 7919 &+ UInt64(size))
            var tree = makeTree(entries)
            #expect(tree.root() == Reference.root(entries))
            #expect(tree.count == size)
        }
    }

    @Test("Many sets then one root equals rooting after each set")
    func batchEqualsIncremental() {
        let entries = randomEntries(400, seed: 71)
        var rng = SplitMix64(seed: 72)
        var batch = makeTree(entries)
        var incremental = SparseMerkleTree()
        for entry in entries {
            incremental.set(entry.key, to: entry.value)
            _ = incremental.root()
        }
        #expect(batch.root() == incremental.root())
        var updated = entries
        for _ in 0..<100 {
            let index = rng.int(below: updated.count)
            updated[index].value = rng.hash()
            batch.set(updated[index].key, to: updated[index].value)
            incremental.set(updated[index].key, to: updated[index].value)
            _ = incremental.root()
        }
        #expect(batch.root() == incremental.root())
        #expect(batch.root() == Reference.root(updated))
    }

    @Test("Copies are independent values")
    func copyOnWrite() {
        let entries = randomEntries(100, seed: 81)
        var original = makeTree(entries)
        let before = original.root()
        var copy = original
        copy.set(entries[0].key, to: nil)
        copy.set(Hash256(w0: 9, w1: 9, w2: 9, w3: 9), to: Hash256(w0: 1, w1: 1, w2: 1, w3: 1))
        #expect(copy.root() != before)
        #expect(original.root() == before)
        #expect(original.value(for: entries[0].key) == entries[0].value)
    }

    @Test("Freed node slots are reused, so churn does not grow storage")
    func slotReuse() {
        let entries = randomEntries(200, seed: 91)
        var tree = makeTree(entries)
        _ = tree.root()
        let slots = tree.allocatedSlots
        var rng = SplitMix64(seed: 92)
        for _ in 0..<20 {
            let batch = entries.shuffled(using: &rng).prefix(50)
            for entry in batch { tree.set(entry.key, to: nil) }
            _ = tree.root()
            for entry in batch.shuffled(using: &rng) { tree.set(entry.key, to: entry.value) }
        }
        #expect(tree.allocatedSlots.inners == slots.inners)
        #expect(tree.allocatedSlots.leaves == slots.leaves)
        #expect(tree.root() == Reference.root(entries))
    }

    @Test("Inclusion proofs verify, and fail for an altered value, key, sibling or root", arguments: [1, 2, 3, 17, 300])
    func inclusionProofs(size: Int) {
        let entries = randomEntries(size, seed: 101 &+ UInt64(size))
        var tree = makeTree(entries)
        let root = tree.root()
        var rng = SplitMix64(seed: 0xB0B)
        for entry in entries.prefix(20) {
            let proof = tree.proof(for: entry.key)
            #expect(proof.verify(root: root, key: entry.key, valueHash: entry.value))
            #expect(!proof.verify(root: root, key: entry.key, valueHash: rng.hash()))
            #expect(!proof.verify(root: root, key: entry.key, valueHash: nil))
            #expect(!proof.verify(root: rng.hash(), key: entry.key, valueHash: entry.value))
            #expect(!proof.verify(root: root, key: flipping(entry.key, bit: 255), valueHash: entry.value))
            #expect(!proof.verify(root: root, key: rng.hash(), valueHash: entry.value))
            for index in proof.siblings.indices {
                var altered = proof
                altered.siblings[index] = flipping(altered.siblings[index], bit: 7)
                #expect(!altered.verify(root: root, key: entry.key, valueHash: entry.value))
            }
            var truncated = proof
            if truncated.siblings.popLast() != nil {
                #expect(!truncated.verify(root: root, key: entry.key, valueHash: entry.value))
            }
            var extended = proof
            extended.siblings.append(.zero)
            #expect(!extended.verify(root: root, key: entry.key, valueHash: entry.value))
        }
    }

    @Test("Absence proofs verify for absent keys and fail for present ones", arguments: [0, 1, 2, 17, 300])
    func absenceProofs(size: Int) {
        let entries = randomEntries(size, seed: 111 &+ UInt64(size))
        var tree = makeTree(entries)
        let root = tree.root()
        var rng = SplitMix64(seed: 0xA11CE)
        var sawEmptyEnd = false
        var sawLeafEnd = false
        var absentKeys = (0..<40).map { _ in rng.hash() }
        // Keys right next to present ones end their path at that leaf or in a chain next to it.
        absentKeys += entries.prefix(10).map { flipping($0.key, bit: 255) }
        absentKeys += entries.prefix(10).map { flipping($0.key, bit: 100) }
        for key in absentKeys {
            let proof = tree.proof(for: key)
            if proof.leaf == nil { sawEmptyEnd = true } else { sawLeafEnd = true }
            #expect(proof.verify(root: root, key: key, valueHash: nil))
            #expect(!proof.verify(root: root, key: key, valueHash: rng.hash()))
            #expect(!proof.verify(root: rng.hash(), key: key, valueHash: nil))
            if let leaf = proof.leaf {
                // The leaf met on the way is itself proven present by the same path.
                #expect(proof.verify(root: root, key: leaf.key, valueHash: leaf.valueHash))
                var forged = proof
                forged.leaf = .init(key: leaf.key, valueHash: flipping(leaf.valueHash, bit: 0))
                #expect(!forged.verify(root: root, key: key, valueHash: nil))
            }
            for index in proof.siblings.indices {
                var altered = proof
                altered.siblings[index] = flipping(altered.siblings[index], bit: 3)
                #expect(!altered.verify(root: root, key: key, valueHash: nil))
            }
        }
        if size > 0 { #expect(sawLeafEnd) }
        if size == 0 || size >= 17 { #expect(sawEmptyEnd) }
        for entry in entries.prefix(20) {
            let proof = tree.proof(for: entry.key)
            #expect(!proof.verify(root: root, key: entry.key, valueHash: nil))
            // Dropping the leaf to claim an empty end does not verify either.
            var emptied = proof
            emptied.leaf = nil
            #expect(!emptied.verify(root: root, key: entry.key, valueHash: nil))
        }
    }

    @Test("Proofs track updates and removals")
    func proofsAfterChanges() {
        let entries = randomEntries(100, seed: 121)
        var tree = makeTree(entries)
        let oldRoot = tree.root()
        let staleProof = tree.proof(for: entries[5].key)
        tree.set(entries[5].key, to: nil)
        let newRoot = tree.root()
        #expect(tree.proof(for: entries[5].key).verify(root: newRoot, key: entries[5].key, valueHash: nil))
        #expect(staleProof.verify(root: oldRoot, key: entries[5].key, valueHash: entries[5].value))
        #expect(!staleProof.verify(root: newRoot, key: entries[5].key, valueHash: entries[5].value))
        for entry in entries.dropFirst(6).prefix(10) {
            #expect(tree.proof(for: entry.key).verify(root: newRoot, key: entry.key, valueHash: entry.value))
        }
    }
}
