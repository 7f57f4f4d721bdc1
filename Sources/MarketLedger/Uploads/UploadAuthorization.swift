import MarketCore

/// A signed permission to store one blob or manifest on a node, sent in the `Depin-Upload`
/// header. It names the content (its hash and size), the job it is for (if any) and an expiry, so
/// it can neither be reused for other bytes nor kept for later.
///
/// The signature is Ed25519 over `domainTag` followed by:
///
///     chainID u32 length + ASCII | kind u8 | contentHash 32 | size u64 | job u64 (0 = none)
///     | expiresAt u64 (Unix seconds) | publicKey 32
///
/// (integers big-endian). The header is `key=<64 hex>, job=<id>, expires=<seconds>, sig=<128 hex>`
/// with `job=` left out for uploads not tied to a job.
public struct UploadAuthorization: Sendable, Hashable {
    /// What is being uploaded; the byte in the signed message.
    public enum Kind: UInt8, Sendable, Hashable {
        /// `PUT /v1/blobs/{hash}`: hash is the blob's SHA-256, size its byte count.
        case blob = 1
        /// `PUT /v1/manifests`: hash is the Merkle root, size 32 x the number of checkpoints.
        case manifest = 2
    }

    /// The HTTP header that carries it.
    public static let headerName = "Depin-Upload"
    /// Separates upload signatures from transaction signatures: ASCII `DEPIN-UPLOAD-V1` and a zero byte.
    public static let domainTag: [UInt8] = Array("DEPIN-UPLOAD-V1".utf8) + [0]
    /// Longest an authorization may be valid, counted from the node's clock.
    public static let maxLifetimeSeconds: UInt64 = 600

    public var publicKey: [UInt8]
    public var kind: Kind
    public var contentHash: Hash256
    public var size: UInt64
    public var job: JobID?
    public var expiresAt: UInt64
    public var signature: [UInt8]

    /// The account that signed.
    public var signer: Address { Address(publicKey: publicKey) }

    public init(
        publicKey: [UInt8], kind: Kind, contentHash: Hash256, size: UInt64, job: JobID?, expiresAt: UInt64,
        signature: [UInt8]
    ) {
        self.publicKey = publicKey
        self.kind = kind
        self.contentHash = contentHash
        self.size = size
        self.job = job
        self.expiresAt = expiresAt
        self.signature = signature
    }

    /// Signs an upload of `kind` content with `key`.
    public static func sign(
        chainID: String, kind: Kind, contentHash: Hash256, size: UInt64, job: JobID?, expiresAt: UInt64,
        with key: SigningKey
    ) throws(LedgerError) -> UploadAuthorization {
        let message = signingMessage(
            chainID: chainID, kind: kind, contentHash: contentHash, size: size, job: job, expiresAt: expiresAt,
            publicKey: key.publicKey)
        return UploadAuthorization(
            publicKey: key.publicKey, kind: kind, contentHash: contentHash, size: size, job: job, expiresAt: expiresAt,
            signature: try key.signature(for: message))
    }

    /// The exact bytes the signature covers.
    public static func signingMessage(
        chainID: String, kind: Kind, contentHash: Hash256, size: UInt64, job: JobID?, expiresAt: UInt64,
        publicKey: [UInt8]
    ) -> [UInt8] {
        var writer = CanonicalWriter(capacity: 160)
        let chain = Array(chainID.utf8)
        writer.write(UInt32(chain.count))
        for byte in chain { writer.write(byte) }
        writer.write(kind.rawValue)
        writer.write(contentHash)
        writer.write(size)
        writer.write(job?.rawValue ?? 0)
        writer.write(expiresAt)
        for byte in publicKey { writer.write(byte) }
        return domainTag + writer.bytes
    }

    /// Checks the signature with the strict Ed25519 rules transactions use.
    public func verify(chainID: String) throws(LedgerError) {
        guard publicKey.count == 32 else { throw .invalidPublicKey }
        let message = Self.signingMessage(
            chainID: chainID, kind: kind, contentHash: contentHash, size: size, job: job, expiresAt: expiresAt,
            publicKey: publicKey)
        try StrictEd25519.verify(signature: signature, message: message, publicKey: publicKey)
    }

    /// The `Depin-Upload` header value.
    public var headerValue: String {
        var fields = ["key=\(Hex.encode(publicKey))"]
        if let job { fields.append("job=\(job.rawValue)") }
        fields.append("expires=\(expiresAt)")
        fields.append("sig=\(Hex.encode(signature))")
        return fields.joined(separator: ", ")
    }

    /// Parses a `Depin-Upload` header for content the node identified itself (`kind`, `contentHash`,
    /// `size`); nil when a field is missing, repeated, unknown or malformed.
    public init?(header: String, kind: Kind, contentHash: Hash256, size: UInt64) {
        guard header.utf8.count <= 512 else { return nil }
        var values: [String: String] = [:]
        for field in header.split(separator: ",") {
            let parts = field.trimmingSpaces.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let name = String(parts[0])
            guard ["key", "job", "expires", "sig"].contains(name), values[name] == nil else { return nil }
            values[name] = String(parts[1])
        }
        guard let keyText = values["key"], let publicKey = Hex.decode(keyText), publicKey.count == 32,
              let sigText = values["sig"], let signature = Hex.decode(sigText), signature.count == 64,
              let expiresText = values["expires"], let expiresAt = UInt64(expiresText)
        else { return nil }
        var job: JobID?
        if let jobText = values["job"] {
            guard let raw = UInt64(jobText), raw > 0 else { return nil }
            job = JobID(raw)
        }
        self.init(
            publicKey: publicKey, kind: kind, contentHash: contentHash, size: size, job: job, expiresAt: expiresAt,
            signature: signature)
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
