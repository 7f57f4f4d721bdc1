import MarketCore

/// A signed transaction whose chain id and signature have been checked.
///
/// Only `SignedTransaction.verify(chainID:)` makes one, so code that takes a
/// `VerifiedTransaction` (the mempool) cannot be handed a forged transaction that would occupy
/// another account's nonce. Verification can run anywhere, in parallel, before the mempool.
public struct VerifiedTransaction: Hashable, Sendable {
    public let signed: SignedTransaction

    init(verified signed: SignedTransaction) {
        self.signed = signed
    }

    public var id: Hash256 { signed.id }
    public var sender: Address { signed.sender }
    public var nonce: UInt64 { signed.nonce }
    public var fee: Amount { signed.fee }
}
