import MarketCore
import MarketLedger

/// One account's signing key and its local nonce sequence. Share one `Signer` per key across
/// tasks so concurrent submissions get distinct nonces.
public actor Signer {
    public nonisolated let key: SigningKey
    public nonisolated var address: Address { key.address }
    private var nonces = NonceTracker()

    public init(key: SigningKey) {
        self.key = key
    }

    /// A signer for a stored key file.
    public init(keyFile: KeyFile) {
        self.key = keyFile.key
    }

    /// The next nonce if known locally.
    func reserveNonce() -> UInt64? {
        nonces.reserve()
    }

    /// The next nonce, adopting the node's account nonce where it is ahead or nothing is known.
    func reserveNonce(syncedTo accountNonce: UInt64) -> UInt64 {
        nonces.reserve(syncedTo: accountNonce)
    }

    /// Forget the local nonce; the next submission asks the node.
    public func resynchronize() {
        nonces.reset()
    }

    func release(_ nonce: UInt64) {
        nonces.release(nonce)
    }

    /// The next nonce this signer will use, if known.
    public var nextNonce: UInt64? { nonces.next }
}
