import Crypto

/// A compact sparse Merkle tree over 256-bit keys mapping to 256-bit value hashes: the market's
/// state commitment.
///
/// The root depends only on the set of `(key, valueHash)` leaves, never on insertion order or history:
/// - empty subtree hash = `Hash256.zero`
/// - a subtree containing exactly one leaf hashes to
///   `leafHash = SHA256(0x00 || key(32 bytes) || valueHash(32 bytes))` regardless of its depth
///   (compact: single leaves are not pushed further down)
/// - a subtree with two or more leaves hashes to `SHA256(0x01 || leftChildHash || rightChildHash)`,
///   where the child at depth d+1 is chosen by bit d of the key, bit 0 = most significant bit of `w0`
///   (see `Hash256.bit(_:)`).
///
/// Storage is path-compressed (a crit-bit tree): each inner node stores the bit where its two
/// non-empty children split, plus the cached hash of its subtree as seen from its parent's child
/// slot (the run of single-child levels above the split is folded into that hash). Nodes live in
/// two arrays addressed by `Int32`, freed slots are reused, and a zero cached hash marks a node whose
/// hash must be recomputed, so `root()` only rehashes paths touched since its last call.
public struct SparseMerkleTree: Sendable {
    /// A reference to a node: `>= 0` an inner node index, `< 0` the leaf index `~ref`.
    fileprivate typealias Ref = Int32

    fileprivate struct Leaf: Sendable {
        var key: Hash256
        var value: Hash256
        /// `leafHash`, or `.zero` when it must be recomputed.
        var hash: Hash256
    }

    fileprivate struct Inner: Sendable {
        /// Hash of the subtree rooted at this node's slot in its parent (at depth parent.split + 1,
        /// or 0 for the root), or `.zero` when it must be recomputed.
        var hash: Hash256
        var left: Ref
        var right: Ref
        /// The first key bit on which the leaves below differ (0...255).
        var split: UInt8
    }

    private static let emptyRef: Ref = .min

    private var inners: [Inner] = []
    private var leaves: [Leaf] = []
    private var freeInners: [Ref] = []
    private var freeLeaves: [Ref] = []
    private var rootRef: Ref = SparseMerkleTree.emptyRef
    private var leafCount = 0

    /// An empty tree; its root is `Hash256.zero`.
    public init() {}

    /// The number of leaves.
    public var count: Int { leafCount }

    /// Node slots allocated (live plus free), for tests that check slot reuse.
    var allocatedSlots: (inners: Int, leaves: Int) { (inners.count, leaves.count) }

    /// The value hash stored under `key`, or nil when absent.
    public func value(for key: Hash256) -> Hash256? {
        guard rootRef != Self.emptyRef else { return nil }
        let leaf = leaves[Int(~closestLeaf(to: key))]
        return leaf.key == key ? leaf.value : nil
    }

    /// Stores `valueHash` under `key`; nil removes the key. O(depth); hashing is deferred to `root()`.
    public mutating func set(_ key: Hash256, to valueHash: Hash256?) {
        guard let valueHash else {
            remove(key)
            return
        }
        guard rootRef != Self.emptyRef else {
            rootRef = allocateLeaf(key: key, value: valueHash)
            leafCount = 1
            return
        }
        let found = closestLeaf(to: key)
        let existing = leaves[Int(~found)]
        if existing.key == key {
            guard existing.value != valueHash else { return }
            invalidatePath(of: key, stoppingAt: found)
            leaves[Int(~found)].value = valueHash
            leaves[Int(~found)].hash = .zero
            return
        }
        let critical = existing.key.smtFirstDifferingBit(from: key)
        let newLeaf = allocateLeaf(key: key, value: valueHash)
        // Walk down to the first node whose split lies below `critical`; the new inner node goes above it.
        var parent = Self.emptyRef
        var parentTakesRight = false
        var ref = rootRef
        while ref >= 0 {
            let index = Int(ref)
            let split = Int(inners[index].split)
            if split > critical { break }
            inners[index].hash = .zero
            parent = ref
            parentTakesRight = key.smtBit(split)
            ref = parentTakesRight ? inners[index].right : inners[index].left
        }
        if ref >= 0 {
            inners[Int(ref)].hash = .zero  // its slot moved deeper, so its folded hash changes
        }
        let newGoesRight = key.smtBit(critical)
        let node = allocateInner(
            Inner(
                hash: .zero,
                left: newGoesRight ? ref : newLeaf,
                right: newGoesRight ? newLeaf : ref,
                split: UInt8(truncatingIfNeeded: critical)
            )
        )
        attach(node, toParent: parent, right: parentTakesRight)
        leafCount += 1
    }

    /// The root hash. Rehashes only the paths touched since the last call.
    public mutating func root() -> Hash256 {
        let start = rootRef
        guard start != Self.emptyRef else { return .zero }
        return inners.withUnsafeMutableBufferPointer { innerBuffer in
            leaves.withUnsafeMutableBufferPointer { leafBuffer in
                Self.refresh(start, top: 0, innerBuffer, leafBuffer)
            }
        }
    }

    /// A proof that `key` holds its current value, or that it is absent.
    public mutating func proof(for key: Hash256) -> SparseMerkleProof {
        _ = root()
        var siblings: [Hash256] = []
        var ref = rootRef
        var top = 0
        while ref != Self.emptyRef {
            if ref < 0 {
                let leaf = leaves[Int(~ref)]
                return SparseMerkleProof(siblings: siblings, leaf: .init(key: leaf.key, valueHash: leaf.value))
            }
            let node = inners[Int(ref)]
            let split = Int(node.split)
            if split > top {
                let prefix = leftmostKey(below: ref)
                for depth in top..<split where key.smtBit(depth) != prefix.smtBit(depth) {
                    // The key leaves this node's prefix: its side is empty, the sibling is the node's
                    // subtree seen from depth + 1.
                    siblings.append(contentsOf: repeatElement(.zero, count: depth - top))
                    let own = Self.nodeHash(storedHash(of: node.left), storedHash(of: node.right))
                    siblings.append(Self.fold(own, prefix: prefix, from: split, downTo: depth + 1))
                    return SparseMerkleProof(siblings: siblings, leaf: nil)
                }
                siblings.append(contentsOf: repeatElement(.zero, count: split - top))
            }
            let goesRight = key.smtBit(split)
            let sibling = goesRight ? node.left : node.right
            siblings.append(storedHash(of: sibling))
            ref = goesRight ? node.right : node.left
            top = split + 1
        }
        return SparseMerkleProof(siblings: siblings, leaf: nil)
    }

    // MARK: - Structure

    private func closestLeaf(to key: Hash256) -> Ref {
        var ref = rootRef
        while ref >= 0 {
            let node = inners[Int(ref)]
            ref = key.smtBit(Int(node.split)) ? node.right : node.left
        }
        return ref
    }

    private func leftmostKey(below start: Ref) -> Hash256 {
        var ref = start
        while ref >= 0 { ref = inners[Int(ref)].left }
        return leaves[Int(~ref)].key
    }

    private func storedHash(of ref: Ref) -> Hash256 {
        ref >= 0 ? inners[Int(ref)].hash : leaves[Int(~ref)].hash
    }

    /// Marks every inner node on `key`'s path, from the root down to (not including) `stop`, dirty.
    private mutating func invalidatePath(of key: Hash256, stoppingAt stop: Ref) {
        var ref = rootRef
        while ref >= 0 && ref != stop {
            let index = Int(ref)
            inners[index].hash = .zero
            ref = key.smtBit(Int(inners[index].split)) ? inners[index].right : inners[index].left
        }
    }

    private mutating func remove(_ key: Hash256) {
        guard rootRef != Self.emptyRef else { return }
        var grandparent = Self.emptyRef
        var grandparentTakesRight = false
        var parent = Self.emptyRef
        var parentTakesRight = false
        var ref = rootRef
        while ref >= 0 {
            let node = inners[Int(ref)]
            grandparent = parent
            grandparentTakesRight = parentTakesRight
            parent = ref
            parentTakesRight = key.smtBit(Int(node.split))
            ref = parentTakesRight ? node.right : node.left
        }
        guard leaves[Int(~ref)].key == key else { return }
        if parent == Self.emptyRef {
            rootRef = Self.emptyRef
        } else {
            invalidatePath(of: key, stoppingAt: parent)
            let node = inners[Int(parent)]
            let sibling = parentTakesRight ? node.left : node.right
            if sibling >= 0 {
                inners[Int(sibling)].hash = .zero  // its slot moved up, so its folded hash changes
            }
            attach(sibling, toParent: grandparent, right: grandparentTakesRight)
            inners[Int(parent)] = Inner(hash: .zero, left: Self.emptyRef, right: Self.emptyRef, split: 0)
            freeInners.append(parent)
        }
        leaves[Int(~ref)] = Leaf(key: .zero, value: .zero, hash: .zero)
        freeLeaves.append(~ref)
        leafCount -= 1
    }

    private mutating func attach(_ child: Ref, toParent parent: Ref, right: Bool) {
        if parent == Self.emptyRef {
            rootRef = child
        } else if right {
            inners[Int(parent)].right = child
        } else {
            inners[Int(parent)].left = child
        }
    }

    private mutating func allocateLeaf(key: Hash256, value: Hash256) -> Ref {
        let leaf = Leaf(key: key, value: value, hash: .zero)
        if let slot = freeLeaves.popLast() {
            leaves[Int(slot)] = leaf
            return ~slot
        }
        precondition(leaves.count < Int(Int32.max), "SparseMerkleTree: too many leaves")
        leaves.append(leaf)
        return ~Ref(leaves.count - 1)
    }

    private mutating func allocateInner(_ node: Inner) -> Ref {
        if let slot = freeInners.popLast() {
            inners[Int(slot)] = node
            return slot
        }
        precondition(inners.count < Int(Int32.max), "SparseMerkleTree: too many nodes")
        inners.append(node)
        return Ref(inners.count - 1)
    }

    // MARK: - Hashing

    /// Recomputes dirty hashes below `ref`, whose slot is at depth `top`, and returns its hash.
    private static func refresh(
        _ ref: Ref,
        top: Int,
        _ inners: UnsafeMutableBufferPointer<Inner>,
        _ leaves: UnsafeMutableBufferPointer<Leaf>
    ) -> Hash256 {
        if ref < 0 {
            let index = Int(~ref)
            let cached = leaves[index].hash
            if cached != .zero { return cached }
            let hash = leafHash(key: leaves[index].key, value: leaves[index].value)
            leaves[index].hash = hash
            return hash
        }
        let index = Int(ref)
        let node = inners[index]
        if node.hash != .zero { return node.hash }
        let split = Int(node.split)
        let left = refresh(node.left, top: split + 1, inners, leaves)
        let right = refresh(node.right, top: split + 1, inners, leaves)
        var hash = nodeHash(left, right)
        if split > top {
            var probe = node.left
            while probe >= 0 { probe = inners[Int(probe)].left }
            hash = fold(hash, prefix: leaves[Int(~probe)].key, from: split, downTo: top)
        }
        inners[index].hash = hash
        return hash
    }

    /// Lifts the hash of a subtree at depth `from` up through single-child levels to depth `downTo`.
    fileprivate static func fold(_ start: Hash256, prefix: Hash256, from: Int, downTo: Int) -> Hash256 {
        var hash = start
        var depth = from - 1
        while depth >= downTo {
            hash = prefix.smtBit(depth) ? nodeHash(.zero, hash) : nodeHash(hash, .zero)
            depth -= 1
        }
        return hash
    }

    /// `SHA256(0x00 || key || valueHash)`.
    static func leafHash(key: Hash256, value: Hash256) -> Hash256 {
        hash65(tag: 0x00, key, value)
    }

    /// `SHA256(0x01 || left || right)`.
    static func nodeHash(_ left: Hash256, _ right: Hash256) -> Hash256 {
        hash65(tag: 0x01, left, right)
    }

    @inline(__always)
    private static func hash65(tag: UInt8, _ first: Hash256, _ second: Hash256) -> Hash256 {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer.storeBytes(of: tag, toByteOffset: 0, as: UInt8.self)
            buffer.storeBytes(of: first.w0.bigEndian, toByteOffset: 1, as: UInt64.self)
            buffer.storeBytes(of: first.w1.bigEndian, toByteOffset: 9, as: UInt64.self)
            buffer.storeBytes(of: first.w2.bigEndian, toByteOffset: 17, as: UInt64.self)
            buffer.storeBytes(of: first.w3.bigEndian, toByteOffset: 25, as: UInt64.self)
            buffer.storeBytes(of: second.w0.bigEndian, toByteOffset: 33, as: UInt64.self)
            buffer.storeBytes(of: second.w1.bigEndian, toByteOffset: 41, as: UInt64.self)
            buffer.storeBytes(of: second.w2.bigEndian, toByteOffset: 49, as: UInt64.self)
            buffer.storeBytes(of: second.w3.bigEndian, toByteOffset: 57, as: UInt64.self)
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            let digest = hasher.finalize()
            return digest.withUnsafeBytes { raw in
                Hash256(
                    w0: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                    w1: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                    w2: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                    w3: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                )
            }
        }
    }
}

/// A Merkle path for one key in a `SparseMerkleTree`: proves either that the key holds a value hash,
/// or that it is absent.
public struct SparseMerkleProof: Sendable, Equatable {
    /// A leaf met at the end of the key's path.
    public struct Leaf: Sendable, Equatable {
        public var key: Hash256
        public var valueHash: Hash256

        public init(key: Hash256, valueHash: Hash256) {
            self.key = key
            self.valueHash = valueHash
        }
    }

    /// Sibling hashes along the key's path, from the root down: `siblings[d]` is the hash of the
    /// subtree at depth `d + 1` on the side the key does not take at depth `d`.
    public var siblings: [Hash256]
    /// The single leaf whose subtree ends the path (the key's own leaf for inclusion, another key's
    /// leaf for absence), or nil when the path ends in an empty subtree.
    public var leaf: Leaf?

    public init(siblings: [Hash256], leaf: Leaf?) {
        self.siblings = siblings
        self.leaf = leaf
    }

    /// True when this proof shows that, under `root`, `key` maps to `valueHash`
    /// (or, for a nil `valueHash`, that `key` is absent).
    public func verify(root: Hash256, key: Hash256, valueHash: Hash256?) -> Bool {
        let depth = siblings.count
        guard depth <= 256 else { return false }
        var hash: Hash256
        if let valueHash {
            guard let leaf, leaf.key == key, leaf.valueHash == valueHash else { return false }
            hash = SparseMerkleTree.leafHash(key: key, value: valueHash)
        } else if let leaf {
            guard leaf.key != key, depth <= leaf.key.smtFirstDifferingBit(from: key) else { return false }
            hash = SparseMerkleTree.leafHash(key: leaf.key, value: leaf.valueHash)
        } else {
            hash = .zero
        }
        var level = depth - 1
        while level >= 0 {
            let sibling = siblings[level]
            hash = key.smtBit(level)
                ? SparseMerkleTree.nodeHash(sibling, hash)
                : SparseMerkleTree.nodeHash(hash, sibling)
            level -= 1
        }
        return hash == root
    }
}

extension Hash256 {
    /// Bit `index` from the most significant bit of `w0`, without a range check beyond `index & 255`.
    @inline(__always)
    fileprivate func smtBit(_ index: Int) -> Bool {
        let word: UInt64
        switch (index >> 6) & 3 {
        case 0: word = w0
        case 1: word = w1
        case 2: word = w2
        default: word = w3
        }
        return (word >> UInt64(63 - (index & 63))) & 1 == 1
    }

    /// Index of the first bit (from the most significant) where the two differ; 256 when equal.
    fileprivate func smtFirstDifferingBit(from other: Hash256) -> Int {
        if w0 != other.w0 { return (w0 ^ other.w0).leadingZeroBitCount }
        if w1 != other.w1 { return 64 + (w1 ^ other.w1).leadingZeroBitCount }
        if w2 != other.w2 { return 128 + (w2 ^ other.w2).leadingZeroBitCount }
        if w3 != other.w3 { return 192 + (w3 ^ other.w3).leadingZeroBitCount }
        return 256
    }
}
