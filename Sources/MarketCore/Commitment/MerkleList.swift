/// A Merkle tree over an ordered list of hashes (RFC 6962 shape): leaf = H(0x00 || item),
/// node = H(0x01 || left || right), the left subtree holding the largest power of two below the
/// count. Used for block transaction and result roots and for training checkpoint commitments.
public enum MerkleList {
    /// Root of `items`; the empty list's root is `Hash256.zero`.
    public static func root(_ items: [Hash256]) -> Hash256 {
        root(of: levels(items))
    }

    /// Every level of the tree, leaves first and the root last, built once; `root(of:)` and
    /// `proof(in:index:)` then cost nothing more, so a verifier holding the whole list checks many
    /// inclusion proofs for the price of one tree.
    public static func levels(_ items: [Hash256]) -> [[Hash256]] {
        guard !items.isEmpty else { return [] }
        var levels = [items.map(leaf)]
        while let level = levels.last, level.count > 1 {
            var next: [Hash256] = []
            next.reserveCapacity((level.count + 1) / 2)
            var index = 0
            while index + 1 < level.count {
                next.append(Hash256.combine(level[index], level[index + 1], tag: 1))
                index += 2
            }
            if index < level.count { next.append(level[index]) }
            levels.append(next)
        }
        return levels
    }

    /// The root of a tree built by `levels(_:)`.
    public static func root(of levels: [[Hash256]]) -> Hash256 {
        levels.last?.first ?? .zero
    }

    /// The inclusion proof of leaf `index` from a tree built by `levels(_:)`.
    public static func proof(in levels: [[Hash256]], index: Int) -> [Hash256]? {
        guard let leaves = levels.first, index >= 0, index < leaves.count else { return nil }
        var siblings: [Hash256] = []
        var position = index
        for level in levels.dropLast() {
            let sibling = position ^ 1
            if sibling < level.count { siblings.append(level[sibling]) }
            position /= 2
        }
        return siblings
    }

    /// Sibling hashes from the leaf up, for the item at `index`.
    public static func proof(_ items: [Hash256], index: Int) -> [Hash256]? {
        proof(in: levels(items), index: index)
    }

    /// Checks that `item` sits at `index` of a list of `count` items with root `root`.
    public static func verify(item: Hash256, index: Int, count: Int, proof: [Hash256], root: Hash256) -> Bool {
        guard index >= 0, index < count else { return false }
        var hash = leaf(item)
        var position = index
        var width = count
        var remaining = proof[...]
        while width > 1 {
            let sibling = position ^ 1
            if sibling < width {
                guard let next = remaining.popFirst() else { return false }
                hash = position & 1 == 0 ? Hash256.combine(hash, next, tag: 1) : Hash256.combine(next, hash, tag: 1)
            }
            position /= 2
            width = (width + 1) / 2
        }
        return remaining.isEmpty && hash == root
    }

    static func leaf(_ item: Hash256) -> Hash256 {
        var buffer = [UInt8](repeating: 0, count: 33)
        item.write(into: &buffer, at: 1)
        return Hash256.sha256(buffer)
    }
}
