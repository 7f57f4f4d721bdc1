import MarketAPI
import MarketCore

/// Checkpoint manifests: the hash list behind a proof's checkpoint root.
extension MarketClient {
    /// `PUT /v1/manifests`: stores the checkpoint hashes; returns the Merkle root the node computed.
    public func uploadManifest(_ checkpoints: [Hash256]) async throws(MarketClientError) -> Hash256 {
        let view = try await call(ManifestView.self, .PUT, "/v1/manifests", json: ManifestUploadRequest(checkpoints: checkpoints))
        return view.root
    }

    /// `GET /v1/manifests/{root}`: the checkpoint hashes whose Merkle root is `root`, checked here.
    public func manifest(root: Hash256) async throws(MarketClientError) -> [Hash256] {
        let path = "/v1/manifests/\(root.hex)"
        let view = try await call(ManifestView.self, .GET, path)
        guard MerkleList.root(view.checkpoints) == root else {
            throw .invalidResponse(url: baseURL + path, reason: "the manifest's hashes do not have Merkle root \(root.hex)")
        }
        return view.checkpoints
    }
}
