import DepinTestSupport
import MarketCore
import MarketSimulation
import Testing

@Suite("Merkle list commitments")
struct MerkleListTests {
    static func items(_ count: Int) -> [Hash256] {
        (0..<count).map { Hash256.tagged("merkle/item", [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)]) }
    }

    @Test("Every inclusion proof verifies, for lists of every shape", arguments: [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 100])
    func validProofsVerify(count: Int) throws {
        let items = Self.items(count)
        let root = MerkleList.root(items)
        for index in 0..<count {
            let proof = try #require(MerkleList.proof(items, index: index))
            #expect(MerkleList.verify(item: items[index], index: index, count: count, proof: proof, root: root))
        }
    }

    /// RFC 6962's recursive definition, written independently of the bottom-up implementation.
    static func reference(_ items: ArraySlice<Hash256>) -> Hash256 {
        if items.count == 1, let item = items.first {
            return Hash256.sha256([UInt8(0)] + item.bytes)
        }
        var split = 1
        while split * 2 < items.count { split *= 2 }
        let left = reference(items.prefix(split))
        let right = reference(items.dropFirst(split))
        return Hash256.sha256([UInt8(1)] + left.bytes + right.bytes)
    }

    @Test("The root equals RFC 6962's recursive definition, whatever the count", arguments: [1, 2, 3, 5, 6, 7, 8, 9, 16, 17, 33, 100])
    func rootMatchesTheRecursiveDefinition(count: Int) {
        let items = Self.items(count)
        #expect(MerkleList.root(items) == Self.reference(items[...]))
        #expect(MerkleList.root(of: MerkleList.levels(items)) == Self.reference(items[...]))
    }

    @Test("Any altered byte of the item, a sibling or the root fails verification", arguments: [2, 5, 11])
    func alteredBytesFail(count: Int) throws {
        let items = Self.items(count)
        let root = MerkleList.root(items)
        var random = SplitMix64(seed: UInt64(count))
        for index in 0..<count {
            let proof = try #require(MerkleList.proof(items, index: index))
            for byte in 0..<32 {
                let bit = UInt8(1 << random.int(in: 0...7))
                var item = items[index].bytes
                item[byte] ^= bit
                #expect(!MerkleList.verify(item: try #require(Hash256(bytes: item)), index: index, count: count, proof: proof, root: root))
                var rootBytes = root.bytes
                rootBytes[byte] ^= bit
                #expect(!MerkleList.verify(item: items[index], index: index, count: count, proof: proof,
                                           root: try #require(Hash256(bytes: rootBytes))))
                if !proof.isEmpty {
                    var forged = proof
                    let sibling = random.int(in: 0...(proof.count - 1))
                    var siblingBytes = forged[sibling].bytes
                    siblingBytes[byte] ^= bit
                    forged[sibling] = try #require(Hash256(bytes: siblingBytes))
                    #expect(!MerkleList.verify(item: items[index], index: index, count: count, proof: forged, root: root))
                }
            }
        }
    }

    /// The count itself is not committed (as in RFC 6962): the chain supplies it (the proof's
    /// segment count), and a wrong count fails wherever it changes the tree's shape.
    @Test("A proof does not verify at another index, with another tree shape, or with an extra sibling")
    func proofsAreBoundToTheirPosition() throws {
        let items = Self.items(9)
        let root = MerkleList.root(items)
        let proof = try #require(MerkleList.proof(items, index: 4))
        #expect(MerkleList.verify(item: items[4], index: 4, count: 9, proof: proof, root: root))
        #expect(!MerkleList.verify(item: items[4], index: 5, count: 9, proof: proof, root: root))
        let last = try #require(MerkleList.proof(items, index: 8))
        #expect(MerkleList.verify(item: items[8], index: 8, count: 9, proof: last, root: root))
        #expect(!MerkleList.verify(item: items[8], index: 8, count: 10, proof: last, root: root))
        #expect(!MerkleList.verify(item: items[4], index: 4, count: 9, proof: proof + [root], root: root))
        #expect(MerkleList.proof(items, index: 9) == nil)
    }

    @Test("The root depends on order and content, and the empty list's root is zero")
    func rootIsBinding() {
        let items = Self.items(6)
        #expect(MerkleList.root([]) == .zero)
        #expect(MerkleList.root(items) != MerkleList.root(items.reversed()))
        #expect(MerkleList.root(items) != MerkleList.root(Array(items.prefix(5))))
        #expect(MerkleList.root([items[0]]) != items[0])
    }
}
