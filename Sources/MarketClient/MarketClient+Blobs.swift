import Foundation
import MarketAPI
import MarketCore
import MarketLedger

/// Content-addressed blobs (checkpoints, models): named by the SHA-256 of their bytes.
extension MarketClient {
    /// Largest blob downloaded unless a caller asks for more (the node's default limit).
    public static let defaultMaxBlobBytes = 64 * 1024 * 1024
    /// How long an upload authorization the SDK signs stays valid (the node allows 600 s).
    static let uploadAuthorizationLifetimeSeconds: UInt64 = 300

    /// `PUT /v1/blobs/{sha256}`: uploads `bytes` under their SHA-256 and returns what the node
    /// stored. Uploading a blob the node already has is not an error.
    ///
    /// The upload is signed by `signer` (the `Depin-Upload` header): a job's client for its
    /// workload and data (with `job` nil before post-job, counted against the client's
    /// unreferenced quota), the assigned provider for checkpoints (with `job` set).
    @discardableResult
    public func uploadBlob(
        _ bytes: [UInt8], signedBy signer: Signer, job: JobID? = nil, timeout: Duration = .seconds(120)
    ) async throws(MarketClientError) -> BlobView {
        let hash = Hash256.sha256(bytes)
        let path = "/v1/blobs/\(hash.hex)"
        let authorization = try await uploadAuthorization(
            .blob, contentHash: hash, size: UInt64(bytes.count), job: job, signer: signer)
        let response = try await send(
            .PUT, path, body: bytes, contentType: "application/octet-stream",
            headers: [(UploadAuthorization.headerName, authorization.headerValue)], timeout: timeout)
        try check(response, path: path)
        let view = try decode(BlobView.self, from: response.body, path: path)
        guard view.hash == hash, view.size == UInt64(bytes.count) else {
            throw .invalidResponse(url: baseURL + path, reason: "the node stored \(view.hash.hex) (\(view.size) bytes) for \(hash.hex) (\(bytes.count) bytes)")
        }
        return view
    }

    /// Signs the `Depin-Upload` header for content of `kind`, valid for five minutes.
    func uploadAuthorization(
        _ kind: UploadAuthorization.Kind, contentHash: Hash256, size: UInt64, job: JobID?, signer: Signer
    ) async throws(MarketClientError) -> UploadAuthorization {
        let chain = try await cachedParameters()
        let expiresAt = UInt64(max(0, Date().timeIntervalSince1970)) + Self.uploadAuthorizationLifetimeSeconds
        do {
            return try UploadAuthorization.sign(
                chainID: chain.chainID, kind: kind, contentHash: contentHash, size: size, job: job, expiresAt: expiresAt,
                with: signer.key)
        } catch {
            throw .invalidRequest("Could not sign the upload: \(error)")
        }
    }

    /// `GET /v1/blobs/{sha256}`: downloads a blob and checks that it hashes to `hash`.
    public func downloadBlob(
        _ hash: Hash256, maxBytes: Int = MarketClient.defaultMaxBlobBytes, timeout: Duration = .seconds(120)
    ) async throws(MarketClientError) -> [UInt8] {
        let path = "/v1/blobs/\(hash.hex)"
        let response = try await send(.GET, path, timeout: timeout, maxBytes: maxBytes)
        try check(response, path: path)
        let actual = Hash256.sha256(response.body)
        guard actual == hash else { throw .blobHashMismatch(expected: hash, actual: actual) }
        return response.body
    }

    /// `HEAD /v1/blobs/{sha256}`: whether the node stores the blob.
    public func hasBlob(_ hash: Hash256) async throws(MarketClientError) -> Bool {
        let path = "/v1/blobs/\(hash.hex)"
        let response = try await send(.HEAD, path)
        if response.status == 404 { return false }
        try check(response, path: path)
        return true
    }
}
