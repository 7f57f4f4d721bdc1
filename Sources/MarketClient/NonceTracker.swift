/// The next nonce a signer uses, kept locally so several submissions in a row do not collide.
///
/// Unknown until synced from the node; every reservation hands out the next value. A rejection
/// that means "the node's view differs" (`nonce-too-low`, `bad-nonce`, `nonce-gap`) forgets the
/// local value so the next reservation syncs again.
struct NonceTracker: Sendable, Hashable {
    private(set) var next: UInt64?

    init(next: UInt64? = nil) {
        self.next = next
    }

    /// Takes the next nonce if it is known.
    mutating func reserve() -> UInt64? {
        guard let nonce = next else { return nil }
        next = nonce + 1
        return nonce
    }

    /// Takes the next nonce, first adopting `accountNonce` (the node's committed next nonce) when
    /// nothing is known yet or the node is ahead.
    mutating func reserve(syncedTo accountNonce: UInt64) -> UInt64 {
        let nonce = max(next ?? accountNonce, accountNonce)
        next = nonce + 1
        return nonce
    }

    /// Forgets the local value; the next reservation syncs from the node.
    mutating func reset() {
        next = nil
    }

    /// A reserved nonce was never admitted: give it back when it was the latest one handed out,
    /// otherwise forget everything (later nonces would leave a gap).
    mutating func release(_ nonce: UInt64) {
        if next == nonce + 1 {
            next = nonce
        } else {
            next = nil
        }
    }
}
