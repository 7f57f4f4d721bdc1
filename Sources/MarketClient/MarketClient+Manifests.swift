import MarketAPI
import Foundation
import MarketCore
import MarketLedger

/// Checkpoint manifests: the hash list behind a proof's checkpoint root.
extension MarketClient {
    /// `PUT /v1/manifests`: stores the checkpoint hashes of `job`; returns the Merkle root the
    /// node computed. Signed by `signer`, a provider assigned to the job.
    public func uploadManifest(
        _ checkpoints: [Hash256], job: JobID, signedBy signer: Signer
    ) async throws(MarketClientError) -> Hash256 {
        let path = "/v1/manifests"
        let authorization = try await uploadAuthorization(
            .manifest, contentHash: MerkleList.root(checkpoints), size: UInt64(checkpoints.count) * 32, job: job,
            signer: signer)
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(ManifestUploadRequest(checkpoints: checkpoints)))
        } catch {
            throw .invalidRequest("Could not encode the manifest: \(error)")
        }
        let response = try await send(
            .PUT, path, body: body, headers: [(UploadAuthorization.headerName, authorization.headerValue)])
        try check(response, path: path)
        return try decode(ManifestView.self, from: response.body, path: path).root
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
