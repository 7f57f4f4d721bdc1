import MarketCore

/// The checkpoint hashes C0...Cn of one training run, stored by the node under their Merkle
/// root (`MerkleList.root`) so validators can find them from the root in a proof.
public struct ManifestView: Codable, Hashable, Sendable {
    public var root: Hash256
    public var checkpoints: [Hash256]

    public init(root: Hash256, checkpoints: [Hash256]) {
        self.root = root
        self.checkpoints = checkpoints
    }

    /// Most checkpoints a manifest may list (segments are bounded by 4096 on chain).
    public static let maxCheckpoints = 4_097
}

/// `PUT /v1/manifests` body.
public struct ManifestUploadRequest: Codable, Hashable, Sendable {
    public var checkpoints: [Hash256]

    public init(checkpoints: [Hash256]) {
        self.checkpoints = checkpoints
    }
}
