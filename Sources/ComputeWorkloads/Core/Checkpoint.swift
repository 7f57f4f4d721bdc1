import MarketCore

/// The full training state after some number of segments, as opaque bytes, and their SHA-256:
/// the leaf a provider commits to and a validator recomputes.
public struct Checkpoint: Hashable, Sendable {
    public let bytes: [UInt8]
    /// `Hash256.sha256(bytes)`.
    public let hash: Hash256

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.hash = Hash256.sha256(bytes)
    }
}
