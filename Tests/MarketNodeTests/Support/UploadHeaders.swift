import HTTPTypes
import Hummingbird
import MarketCore
import MarketLedger

/// Signed `Depin-Upload` headers for in-process upload requests.
enum UploadHeaders {
    static let name = HTTPField.Name(UploadAuthorization.headerName) ?? .authorization

    static func authorization(
        _ key: SigningKey, kind: UploadAuthorization.Kind, hash: Hash256, size: UInt64, job: JobID? = nil,
        expiresAt: UInt64 = TestNode.uploadNow + 300, chainID: String = TestNode.chainID
    ) throws -> UploadAuthorization {
        try UploadAuthorization.sign(
            chainID: chainID, kind: kind, contentHash: hash, size: size, job: job, expiresAt: expiresAt, with: key)
    }

    /// Headers for `PUT /v1/blobs/{sha256(bytes)}` signed by `key`.
    static func blob(
        _ bytes: [UInt8], by key: SigningKey, job: JobID? = nil, expiresAt: UInt64 = TestNode.uploadNow + 300,
        chainID: String = TestNode.chainID
    ) throws -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentLength] = String(bytes.count)
        let signed = try authorization(
            key, kind: .blob, hash: Hash256.sha256(bytes), size: UInt64(bytes.count), job: job, expiresAt: expiresAt,
            chainID: chainID)
        headers[name] = signed.headerValue
        return headers
    }

    /// Only the length, no authorization.
    static func unsigned(_ bytes: [UInt8]) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentLength] = String(bytes.count)
        return headers
    }

    /// Headers for `PUT /v1/manifests` of `checkpoints` signed by `key`.
    static func manifest(_ checkpoints: [Hash256], by key: SigningKey, job: JobID?) throws -> HTTPFields {
        var headers = HTTPFields()
        headers[name] = try authorization(
            key, kind: .manifest, hash: MerkleList.root(checkpoints), size: UInt64(checkpoints.count) * 32, job: job
        ).headerValue
        return headers
    }
}
