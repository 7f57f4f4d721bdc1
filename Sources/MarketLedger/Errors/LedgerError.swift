import MarketCore

/// Every expected failure of the ledger layer (envelopes, signatures, mempool, keys), with a stable
/// numeric code and name, in the same shape as `MarketError`.
///
/// Codes start at 600 so they never collide with the market's 5xx codes. Codes are part of the
/// protocol: never renumber, only append.
public enum LedgerError: UInt16, CodedError, CaseIterable, Hashable {
    case wrongChain = 600
    case badSignature = 601
    case nonCanonical = 602
    case oversized = 603
    case malformed = 604
    case duplicateTransaction = 605
    case nonceTooLow = 606
    case nonceGap = 607
    case mempoolFull = 608
    case accountMempoolFull = 609
    case feeTooLow = 610
    case trailingBytes = 611
    case unknownBodyTag = 612
    case unsupportedVersion = 613
    case invalidChainID = 614
    case nonCanonicalSignature = 615
    case invalidPublicKey = 616
    case smallOrderKey = 617
    case nonceInUse = 618
    case invalidSecretKey = 619
    case signingFailed = 620
    case insufficientFunds = 621
    case tooManyGapped = 622

    /// The numeric code users and clients see.
    public var code: Int { Int(rawValue) }

    /// Stable kebab-case name.
    public var name: String {
        switch self {
        case .wrongChain: "wrong-chain"
        case .badSignature: "bad-signature"
        case .nonCanonical: "non-canonical"
        case .oversized: "oversized"
        case .malformed: "malformed"
        case .duplicateTransaction: "duplicate-transaction"
        case .nonceTooLow: "nonce-too-low"
        case .nonceGap: "nonce-gap"
        case .mempoolFull: "mempool-full"
        case .accountMempoolFull: "account-mempool-full"
        case .feeTooLow: "fee-too-low"
        case .trailingBytes: "trailing-bytes"
        case .unknownBodyTag: "unknown-body-tag"
        case .unsupportedVersion: "unsupported-version"
        case .invalidChainID: "invalid-chain-id"
        case .nonCanonicalSignature: "non-canonical-signature"
        case .invalidPublicKey: "invalid-public-key"
        case .smallOrderKey: "small-order-key"
        case .nonceInUse: "nonce-in-use"
        case .invalidSecretKey: "invalid-secret-key"
        case .signingFailed: "signing-failed"
        case .insufficientFunds: "insufficient-funds"
        case .tooManyGapped: "too-many-gapped"
        }
    }

    /// A sentence for people: what went wrong and, where it helps, what to do next.
    public var message: String {
        switch self {
        case .wrongChain: "The transaction was signed for a different chain id than this node's. Sign it again with this chain's id (see `GET /v1/parameters`)."
        case .badSignature: "The signature does not verify against the transaction's public key and signing message."
        case .nonCanonical: "The transaction bytes are not the canonical encoding of their contents (for example a boolean byte other than 0 or 1); exactly one encoding is accepted."
        case .oversized: "The transaction, or a list or byte string inside it, exceeds its size bound."
        case .malformed: "The transaction bytes cannot be decoded: they end early or hold an invalid value."
        case .duplicateTransaction: "A transaction with this id is already pending."
        case .nonceTooLow: "The nonce is below the account's next nonce: a transaction with this nonce was already committed."
        case .nonceGap: "The nonce is too far ahead of the account's next nonce; submit the missing nonces first."
        case .mempoolFull: "The mempool is full; retry after the next block."
        case .accountMempoolFull: "This account has the maximum number of pending transactions; wait for some to commit."
        case .feeTooLow: "The fee is below the minimum this node accepts."
        case .trailingBytes: "Unexpected bytes follow the signature; a signed transaction must end with its 64-byte signature."
        case .unknownBodyTag: "The transaction body has an unknown type tag; the client may be newer than this node."
        case .unsupportedVersion: "The envelope version is not supported; this node accepts version 1."
        case .invalidChainID: "The chain id must be 1 to 64 visible ASCII characters (0x21-0x7E)."
        case .nonCanonicalSignature: "The signature's S value is not below the group order L; only the canonical form is accepted."
        case .invalidPublicKey: "The public key is not a canonical Ed25519 point encoding (32 bytes, y below 2^255-19)."
        case .smallOrderKey: "The public key is a small-order point, which any signature could match; it is never accepted."
        case .nonceInUse: "Another pending transaction from this account already uses this nonce."
        case .invalidSecretKey: "An Ed25519 secret key (seed) must be exactly 32 bytes."
        case .signingFailed: "The cryptography library failed to produce a signature."
        case .insufficientFunds: "The sender's balance does not cover this fee together with the fees of its pending transactions; fund the account or wait for them to commit."
        case .tooManyGapped: "This account already holds the most transactions allowed behind a missing nonce; submit the missing nonce first."
        }
    }
}
