import MarketCore

/// A transaction as it travels and is stored: the market transaction plus the chain id, the
/// sender's public key and an Ed25519 signature.
///
/// Wire layout (all integers big-endian), see `docs/protocol-vectors.md`:
///
///     version u8 (= 1) | chainID u32 length + ASCII | publicKey 32 | nonce u64 | fee u64
///     | body (TransactionBody canonical encoding) | signature 64 (R || S)
///
/// The signature covers `domainTag` followed by every byte before the signature. The id is the
/// SHA-256 of the full signed bytes. Exactly one byte string encodes each envelope.
public struct SignedTransaction: Hashable, Sendable {
    /// The only envelope version this code reads and writes.
    public static let version: UInt8 = 1
    /// Prefix of the signing message, so a transaction signature can never be replayed as a
    /// signature over any other kind of message: ASCII `DEPIN-TX-V1` and a zero byte.
    public static let domainTag: [UInt8] = Array("DEPIN-TX-V1".utf8) + [0]
    /// Allowed chain id lengths in bytes.
    public static let chainIDByteCounts = 1...64
    public static let publicKeyByteCount = 32
    public static let signatureByteCount = 64
    /// Default bound on a whole signed transaction: 64 KiB.
    public static let defaultMaxByteCount = 64 * 1024

    /// The chain this transaction is valid on, e.g. `depin-devnet`.
    public let chainID: String
    /// The sender's 32-byte Ed25519 public key.
    public let publicKey: [UInt8]
    public let nonce: UInt64
    public let fee: Amount
    public let body: TransactionBody
    /// Ed25519 signature R || S over `signingMessage`.
    public let signature: [UInt8]
    /// The sender's address, derived from `publicKey`.
    public let sender: Address
    /// SHA-256 of `signedBytes`.
    public let id: Hash256

    /// Assembles an envelope from its parts; does not verify the signature (see `verify(chainID:)`).
    public init(
        chainID: String, publicKey: [UInt8], nonce: UInt64, fee: Amount, body: TransactionBody,
        signature: [UInt8]
    ) throws(LedgerError) {
        guard SignedTransaction.isValidChainID(Array(chainID.utf8)) else { throw .invalidChainID }
        guard publicKey.count == SignedTransaction.publicKeyByteCount else { throw .invalidPublicKey }
        guard signature.count == SignedTransaction.signatureByteCount else { throw .badSignature }
        self.init(
            checkedChainID: chainID, publicKey: publicKey, nonce: nonce, fee: fee, body: body,
            signature: signature, id: nil)
    }

    /// Signs a transaction from `key`'s account for `chainID`.
    public static func sign(
        chainID: String, nonce: UInt64, fee: Amount, body: TransactionBody, with key: SigningKey
    ) throws(LedgerError) -> SignedTransaction {
        guard isValidChainID(Array(chainID.utf8)) else { throw .invalidChainID }
        let message = signingMessage(chainID: chainID, publicKey: key.publicKey, nonce: nonce, fee: fee, body: body)
        let signature = try key.signature(for: message)
        return SignedTransaction(
            checkedChainID: chainID, publicKey: key.publicKey, nonce: nonce, fee: fee, body: body,
            signature: signature, id: nil)
    }

    /// Fields already checked; `id` nil means compute it from the encoding.
    init(
        checkedChainID chainID: String, publicKey: [UInt8], nonce: UInt64, fee: Amount,
        body: TransactionBody, signature: [UInt8], id: Hash256?
    ) {
        self.chainID = chainID
        self.publicKey = publicKey
        self.nonce = nonce
        self.fee = fee
        self.body = body
        self.signature = signature
        self.sender = Address(publicKey: publicKey)
        if let id {
            self.id = id
        } else {
            var writer = CanonicalWriter(capacity: 256)
            SignedTransaction.writeUnsigned(
                chainID: chainID, publicKey: publicKey, nonce: nonce, fee: fee, body: body, into: &writer)
            writer.write(raw: signature)
            self.id = Hash256.sha256(writer.bytes)
        }
    }

    /// The full canonical encoding, signature included.
    public var signedBytes: [UInt8] {
        var writer = CanonicalWriter(capacity: 256)
        SignedTransaction.writeUnsigned(
            chainID: chainID, publicKey: publicKey, nonce: nonce, fee: fee, body: body, into: &writer)
        writer.write(raw: signature)
        return writer.bytes
    }

    /// The bytes the signature covers: `domainTag` followed by the encoding without the signature.
    public var signingMessage: [UInt8] {
        SignedTransaction.signingMessage(chainID: chainID, publicKey: publicKey, nonce: nonce, fee: fee, body: body)
    }

    /// The signing message for these fields.
    public static func signingMessage(
        chainID: String, publicKey: [UInt8], nonce: UInt64, fee: Amount, body: TransactionBody
    ) -> [UInt8] {
        var writer = CanonicalWriter(capacity: 256)
        writer.write(raw: domainTag)
        writeUnsigned(chainID: chainID, publicKey: publicKey, nonce: nonce, fee: fee, body: body, into: &writer)
        return writer.bytes
    }

    /// The transaction as the state machine applies it. Call only after `verify(chainID:)`.
    public func transaction() -> Transaction {
        Transaction(sender: sender, nonce: nonce, fee: fee, body: body)
    }

    /// Checks the chain id and the signature strictly (S < L, canonical non-small-order key).
    @discardableResult
    public func verify(chainID expected: String) throws(LedgerError) -> VerifiedTransaction {
        guard chainID == expected else { throw .wrongChain }
        try StrictEd25519.verify(signature: signature, message: signingMessage, publicKey: publicKey)
        return VerifiedTransaction(verified: self)
    }

    /// 1...64 bytes, each visible ASCII (0x21...0x7E).
    static func isValidChainID(_ bytes: [UInt8]) -> Bool {
        chainIDByteCounts.contains(bytes.count) && bytes.allSatisfy { (0x21...0x7e).contains($0) }
    }

    static func writeUnsigned(
        chainID: String, publicKey: [UInt8], nonce: UInt64, fee: Amount, body: TransactionBody,
        into writer: inout CanonicalWriter
    ) {
        writer.write(version)
        writer.write(bytes: Array(chainID.utf8))
        writer.write(raw: publicKey)
        writer.write(nonce)
        writer.write(fee)
        writer.write(body)
    }
}
