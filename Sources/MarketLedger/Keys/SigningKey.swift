import Crypto
import Foundation
import MarketCore

/// An Ed25519 key pair that signs transactions for one account.
///
/// The secret is the 32-byte RFC 8032 seed. On Linux (BoringSSL) signing is deterministic, as
/// RFC 8032 specifies; Apple's CryptoKit adds randomness, so signatures differ there while still
/// verifying everywhere.
public struct SigningKey: Sendable {
    /// Bytes in a seed.
    public static let seedByteCount = 32

    private let privateKey: Curve25519.Signing.PrivateKey

    /// The account address of this key's public key.
    public let address: Address

    /// The 32-byte public key (RFC 8032 encoding).
    public let publicKey: [UInt8]

    /// A fresh key from the system's secure random source.
    public static func generate() -> SigningKey {
        SigningKey(privateKey: Curve25519.Signing.PrivateKey())
    }

    /// The key with this 32-byte seed; the same seed always gives the same key.
    public init(seed: [UInt8]) throws(LedgerError) {
        guard seed.count == SigningKey.seedByteCount,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .invalidSecretKey
        }
        self.init(privateKey: key)
    }

    private init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        let publicKey = Array(privateKey.publicKey.rawRepresentation)
        self.publicKey = publicKey
        self.address = Address(publicKey: publicKey)
    }

    /// The 32-byte seed. Secret: write it only to owner-only key files.
    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }

    /// An Ed25519 signature (R || S, 64 bytes) over `message`.
    public func signature(for message: [UInt8]) throws(LedgerError) -> [UInt8] {
        guard let signature = try? privateKey.signature(for: message),
              signature.count == SignedTransaction.signatureByteCount else {
            throw .signingFailed
        }
        return Array(signature)
    }
}
